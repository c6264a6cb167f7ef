/*
 * Node identity: which service-map node one side of a flow belongs to. ONE rule, applied in order:
 *
 * 1. Pod. An endpoint with a namespace AND a pod name is a pod, even when its labels say only
 *    `reserved:world` (Hubble does that while its IP cache lags). Node id `<namespace>/<workload>`,
 *    kind `workload`, where workload is the first of:
 *      `workloads[0].name` → label `k8s:app.kubernetes.io/name` → `k8s:app` → `k8s:k8s-app` → pod name.
 *    Node labels: the pod's `k8s:` labels minus pod-specific ones (pod-template-hash,
 *    controller-revision-hash, pod-template-generation, statefulset/job pod keys,
 *    `io.kubernetes.pod.*`). When several pods map to one node, the node keeps the labels they share.
 * 2. Reserved identities, from the endpoint's labels, tried in this order:
 *      `reserved:world` / `reserved:world-ipv4` / `reserved:world-ipv6` → `world`, or `fqdn:<name>`
 *          (kind `fqdn`) when the flow carries `source_names` / `destination_names` for that side
 *          (the first name);
 *      `reserved:host` → `host`; `reserved:remote-node` → `remote-node`;
 *      `reserved:kube-apiserver` → `kube-apiserver`; `reserved:health` → `health`;
 *      `reserved:ingress` → `ingress`.
 *    Field-masked flows may carry the numeric identity without labels: when the endpoint has NO
 *    labels at all, the reserved identity numbers stand in for them (1 host, 2/9/10 world,
 *    4 health, 6 remote-node, 7 kube-apiserver, 8 ingress).
 * 3. Labelled workload without a pod name (Hubble reports remote endpoints by identity only: full
 *    `k8s:` labels, no namespace/pod_name fields; ~20 % of the flows in the real TCP fixture). When
 *    the labels name a workload (`workloads[0].name` → `k8s:app.kubernetes.io/name` → `k8s:app` →
 *    `k8s:k8s-app`) and a namespace (the `namespace` field, else `k8s:io.kubernetes.pod.namespace`)
 *    the endpoint joins that workload's node `<namespace>/<workload>`, the same node its pods map to.
 *    This only refines what would otherwise be `unknown`.
 * 4. An endpoint with only an IP (no labels, namespace, pod name or identity; e.g. `"source":{}`) →
 *    `ip:<address>` (kind `ip`), the address from `flow.IP.source` / `flow.IP.destination`.
 * 5. Anything else → `unknown` (kind `unknown`).
 *
 * `world` merges IPv4 and IPv6. Reserved nodes carry their canonical label (`reserved:host`…);
 * fqdn, ip and unknown nodes carry none.
 */

import type { Endpoint, Flow } from '../flow';
import type { NodeKind } from './view-types';
import { identifyingLabels, labelWorkloadName, namespaceOf, nonEmptyString } from './workload-labels';

export type EndpointSide = 'source' | 'destination';

export interface NodeIdentity {
  readonly id: string;
  readonly kind: NodeKind;
  readonly namespace: string | null;
  readonly name: string;
  readonly labels: readonly string[];
}

/**
 * The flow-independent part of the rule. `world` still has to be split into world/fqdn and `bare`
 * into ip/unknown using the flow; `workload` is rule 1 (a pod), `labelled` rule 3.
 */
export type EndpointClass =
  | 'workload'
  | 'labelled'
  | 'world'
  | 'host'
  | 'remote-node'
  | 'kube-apiserver'
  | 'health'
  | 'ingress'
  | 'bare'
  | 'unknown';

export type ReservedKind = 'world' | 'host' | 'remote-node' | 'kube-apiserver' | 'health' | 'ingress';

const WORLD = 1;
const HOST = 2;
const REMOTE_NODE = 4;
const KUBE_APISERVER = 8;
const HEALTH = 16;
const INGRESS = 32;

function reservedBit(label: string): number {
  switch (label) {
    case 'reserved:world':
    case 'reserved:world-ipv4':
    case 'reserved:world-ipv6':
      return WORLD;
    case 'reserved:host':
      return HOST;
    case 'reserved:remote-node':
      return REMOTE_NODE;
    case 'reserved:kube-apiserver':
      return KUBE_APISERVER;
    case 'reserved:health':
      return HEALTH;
    case 'reserved:ingress':
      return INGRESS;
    default:
      return 0;
  }
}

function reservedFromMask(mask: number): ReservedKind | null {
  if (mask & WORLD) return 'world';
  if (mask & HOST) return 'host';
  if (mask & REMOTE_NODE) return 'remote-node';
  if (mask & KUBE_APISERVER) return 'kube-apiserver';
  if (mask & HEALTH) return 'health';
  if (mask & INGRESS) return 'ingress';
  return null;
}

function reservedFromNumber(identity: number): ReservedKind | null {
  switch (identity) {
    case 1:
      return 'host';
    case 2:
    case 9:
    case 10:
      return 'world';
    case 4:
      return 'health';
    case 6:
      return 'remote-node';
    case 7:
      return 'kube-apiserver';
    case 8:
      return 'ingress';
    default:
      return null;
  }
}

/** True when rule 1 applies: the endpoint has both a namespace and a pod name. */
export function isPodEndpoint(ep: Endpoint | undefined): boolean {
  return ep !== undefined && nonEmptyString(ep.namespace) && nonEmptyString(ep.pod_name);
}

export function classifyEndpoint(ep: Endpoint | undefined): EndpointClass {
  if (ep === undefined || ep === null || typeof ep !== 'object') return 'bare';
  if (nonEmptyString(ep.namespace) && nonEmptyString(ep.pod_name)) return 'workload';
  const labels = ep.labels;
  if (Array.isArray(labels) && labels.length > 0) {
    let mask = 0;
    for (let i = 0; i < labels.length; i++) {
      const label: unknown = labels[i];
      if (typeof label === 'string' && label.startsWith('reserved:')) mask |= reservedBit(label);
    }
    const reserved = reservedFromMask(mask);
    if (reserved !== null) return reserved;
    return namespaceOf(ep) !== null && labelWorkloadName(ep) !== null ? 'labelled' : 'unknown';
  }
  const identity = typeof ep.identity === 'number' ? ep.identity : 0;
  if (identity !== 0) return reservedFromNumber(identity) ?? 'unknown';
  if (nonEmptyString(ep.namespace) || nonEmptyString(ep.pod_name)) return 'unknown';
  return 'bare';
}

/** The first name Hubble resolved for this side of the flow (DNS-proxy data), if any. */
export function fqdnOf(flow: Flow, side: EndpointSide): string | null {
  const names = side === 'source' ? flow.source_names : flow.destination_names;
  if (!Array.isArray(names) || names.length === 0) return null;
  const first: unknown = names[0];
  return nonEmptyString(first) ? first : null;
}

export function addressOf(flow: Flow, side: EndpointSide): string | null {
  const ip = flow.IP;
  if (ip === undefined || ip === null || typeof ip !== 'object') return null;
  const address: unknown = side === 'source' ? ip.source : ip.destination;
  return nonEmptyString(address) ? address : null;
}

export function reservedIdentity(kind: ReservedKind | 'unknown'): NodeIdentity {
  return {
    id: kind,
    kind,
    namespace: null,
    name: kind,
    labels: kind === 'unknown' ? [] : [`reserved:${kind}`],
  };
}

export function fqdnIdentity(name: string): NodeIdentity {
  return { id: `fqdn:${name}`, kind: 'fqdn', namespace: null, name, labels: [] };
}

export function ipIdentity(address: string): NodeIdentity {
  return { id: `ip:${address}`, kind: 'ip', namespace: null, name: address, labels: [] };
}

/** Rules 1 and 3 (the caller checked classifyEndpoint: `workload` or `labelled`). */
export function workloadIdentity(ep: Endpoint): NodeIdentity {
  const namespace = namespaceOf(ep) as string;
  const name = labelWorkloadName(ep) ?? (ep.pod_name as string);
  return {
    id: `${namespace}/${name}`,
    kind: 'workload',
    namespace,
    name,
    labels: identifyingLabels(ep.labels),
  };
}

/** The reference implementation of the rule above (the aggregator caches its results). */
export function nodeIdentity(flow: Flow, side: EndpointSide): NodeIdentity {
  const ep = side === 'source' ? flow.source : flow.destination;
  const cls = classifyEndpoint(ep);
  switch (cls) {
    case 'workload':
    case 'labelled':
      return workloadIdentity(ep as Endpoint);
    case 'world': {
      const name = fqdnOf(flow, side);
      return name === null ? reservedIdentity('world') : fqdnIdentity(name);
    }
    case 'bare': {
      const address = addressOf(flow, side);
      return address === null ? reservedIdentity('unknown') : ipIdentity(address);
    }
    default:
      return reservedIdentity(cls);
  }
}
