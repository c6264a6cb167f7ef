// Per-flow node resolution: the rule of node-identity.ts, with caches so the common case allocates
// nothing. Caches are keyed by values the flow already holds (pod name, numeric identity, address,
// fqdn), never by a freshly built id:
// - pods (rule 1): pod name → entry; other endpoints with a non-zero identity (rules 2 and 3):
//   identity → entry. An entry is valid while namespace field, identity, first workload name and
//   label count match: Cilium derives the identity from the label set, so an equal non-zero identity
//   means equal labels; with identity 0 (field masks) the labels are compared one by one. Each key
//   keeps up to two entries, so a pod seen alternately with its real identity and with
//   `reserved:world` (IP cache lag) does not thrash. `world` entries hold no node: fqdn names vary
//   per flow.
// - ip / fqdn nodes: address / name → node.
// - reserved nodes: their id is the kind, a constant string.
// Folded nodes are followed to their fold target; retired ones are a cache miss.

import type { Endpoint, Flow } from '../flow';
import { admitNode } from './bounds';
import {
  addressOf,
  classifyEndpoint,
  type EndpointSide,
  fqdnOf,
  type ReservedKind,
  workloadIdentity,
} from './node-identity';
import { addNode, type EndpointCacheEntry, NodeRec, type ServiceMapState } from './state';
import { identifyingLabels, intersectLabels } from './workload-labels';

const NO_ENDPOINT: Endpoint = {};

function follow(node: NodeRec): NodeRec | null {
  const target = node.foldedInto ?? node;
  return target.live ? target : null;
}

function firstWorkload(ep: Endpoint): unknown {
  const workloads = ep.workloads;
  return Array.isArray(workloads) && workloads.length > 0
    ? (workloads[0] as { name?: unknown })?.name
    : undefined;
}

function sameLabels(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function labelsOf(ep: Endpoint): readonly unknown[] | undefined {
  return Array.isArray(ep.labels) ? ep.labels : undefined;
}

/** The cached entry matching `ep` (head of the chain or its alternative), if any. */
function lookup(
  head: EndpointCacheEntry | undefined,
  ep: Endpoint,
  identity: number,
): EndpointCacheEntry | null {
  for (let entry = head ?? null, depth = 0; entry !== null && depth < 2; entry = entry.alt, depth++) {
    if (entry.namespace !== ep.namespace || entry.identity !== identity) continue;
    if (entry.workload0 !== firstWorkload(ep)) continue;
    const labels = labelsOf(ep);
    const same =
      identity !== 0
        ? (entry.labels?.length ?? 0) === (labels?.length ?? 0)
        : sameLabels(entry.labels, labels);
    if (same) return entry;
  }
  return null;
}

/** Finds or creates the workload node of a rule-1 or rule-3 endpoint (cache miss path). */
function workloadNode(state: ServiceMapState, ep: Endpoint): NodeRec {
  const identity = workloadIdentity(ep);
  const node = state.nodes.get(identity.id);
  if (node === undefined) {
    const redirect = state.foldedIds.get(identity.id);
    if (redirect?.live) return redirect;
    return admitNode(
      state,
      'workload',
      identity.id,
      identity.namespace,
      identity.name,
      identity.labels,
      identity.id,
    );
  }
  const labels = identifyingLabels(ep.labels);
  if (labels.length > 0 && !node.isOther) {
    node.labels = node.labelsKnown ? intersectLabels(node.labels, labels) : labels;
    node.labelsKnown = true;
  }
  return node;
}

function remember<K>(
  state: ServiceMapState,
  cache: Map<K, EndpointCacheEntry>,
  key: K,
  ep: Endpoint,
  identity: number,
  node: NodeRec | null,
): void {
  if (cache.size >= state.podCacheSize) cache.clear();
  const previous = cache.get(key);
  const alt = previous === undefined ? null : { ...previous, alt: null };
  cache.set(key, {
    namespace: ep.namespace,
    identity,
    labels: labelsOf(ep),
    workload0: firstWorkload(ep),
    node,
    alt,
  });
}

function resolvePod(state: ServiceMapState, ep: Endpoint, pod: string): NodeRec {
  const identity = typeof ep.identity === 'number' ? ep.identity : 0;
  const hit = lookup(state.podCache.get(pod), ep, identity);
  if (hit?.node) {
    const node = follow(hit.node);
    if (node !== null) return node;
  }
  const node = workloadNode(state, ep);
  remember(state, state.podCache, pod, ep, identity, node);
  return node;
}

function reservedNode(state: ServiceMapState, kind: ReservedKind | 'unknown'): NodeRec {
  const existing = state.nodes.get(kind);
  if (existing !== undefined) return existing;
  const labels = kind === 'unknown' ? [] : [`reserved:${kind}`];
  return addNode(state, new NodeRec(kind, kind, null, kind, labels, kind));
}

function indexedNode(state: ServiceMapState, kind: 'ip' | 'fqdn', key: string): NodeRec {
  const index = kind === 'ip' ? state.ipIndex : state.fqdnIndex;
  const hit = index.get(key);
  if (hit?.live) return hit;
  const id = `${kind}:${key}`;
  // The id can already be live when a real node is literally named like a fold target.
  const existing = state.nodes.get(id);
  if (existing !== undefined) return existing;
  return admitNode(state, kind, id, null, key, [], key);
}

function worldNode(state: ServiceMapState, flow: Flow, side: EndpointSide): NodeRec {
  const name = fqdnOf(flow, side);
  return name === null ? reservedNode(state, 'world') : indexedNode(state, 'fqdn', name);
}

/** The live node for one side of a flow, created when new. */
export function resolveNode(state: ServiceMapState, flow: Flow, side: EndpointSide): NodeRec {
  const raw = side === 'source' ? flow.source : flow.destination;
  const ep = raw !== undefined && raw !== null && typeof raw === 'object' ? raw : NO_ENDPOINT;
  const pod = ep.pod_name;
  const namespace = ep.namespace;
  if (typeof namespace === 'string' && namespace !== '' && typeof pod === 'string' && pod !== '') {
    return resolvePod(state, ep, pod);
  }
  const identity = typeof ep.identity === 'number' ? ep.identity : 0;
  if (identity !== 0) {
    const hit = lookup(state.identityCache.get(identity), ep, identity);
    if (hit !== null) {
      if (hit.node === null) return worldNode(state, flow, side);
      const node = follow(hit.node);
      if (node !== null) return node;
    }
  }
  let node: NodeRec | null;
  const cls = classifyEndpoint(ep);
  switch (cls) {
    case 'world':
      node = null;
      break;
    case 'bare': {
      const address = addressOf(flow, side);
      // Identity 0: nothing to cache by.
      return address === null ? reservedNode(state, 'unknown') : indexedNode(state, 'ip', address);
    }
    case 'labelled':
    case 'workload':
      node = workloadNode(state, ep);
      break;
    default:
      node = reservedNode(state, cls);
  }
  if (identity !== 0) remember(state, state.identityCache, identity, ep, identity, node);
  return node ?? worldNode(state, flow, side);
}
