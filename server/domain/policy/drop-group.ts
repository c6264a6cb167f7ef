/*
 * The input describing one group of dropped flows (same source node, destination node, protocol,
 * port and drop reason), and its normalized view for selector evaluation.
 */

import type { PolicyRef } from '../flow';
import {
  endpointNamespace,
  type LabelMap,
  NAMESPACE_KEY,
  NAMESPACE_LABELS_PREFIX,
  parseEndpointLabels,
  type ReservedKind,
  reservedKindOf,
  reservedLabelKey,
  splitLabelKey,
} from './labels';
import type { TrafficDirection } from './policy-types';

export interface HttpRequestSeen {
  readonly method?: string;
  /** A path (`/v1/x?y=1`) or a full URL as Hubble reports it; only the path and query are used. */
  readonly path?: string;
}

export interface NamedPort {
  readonly name: string;
  readonly port: number;
  readonly protocol?: string;
}

export interface DropEndpointInput {
  readonly namespace?: string;
  /** As Hubble writes them: `k8s:app=web`, `reserved:world`, … */
  readonly labels?: readonly string[];
  readonly identity?: number;
  readonly podNames?: readonly string[];
  /** Overrides what the labels/identity say. */
  readonly reserved?: ReservedKind;
  /** DNS names Hubble attached to this side (`source_names` / `destination_names`). */
  readonly fqdns?: readonly string[];
  readonly ips?: readonly string[];
  /** Named container ports (CiliumEndpoint status.named-ports), for rules that use port names. */
  readonly namedPorts?: readonly NamedPort[];
  /** Labels of this endpoint's namespace, for NetworkPolicy namespaceSelector. */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

export interface DropGroupInput {
  /** Stable id of the group (used in `alsoAdmits`). */
  readonly key: string;
  /** `drop_reason_desc` name (`POLICY_DENIED`, `POLICY_DENY`, …); a bare number is accepted. */
  readonly reason: string;
  /** From traffic_direction or from which *_denied_by is set; absent = unknown. */
  readonly direction?: TrafficDirection;
  readonly source: DropEndpointInput;
  readonly destination: DropEndpointInput;
  /** TCP, UDP, SCTP, ICMPv4, ICMPv6, … */
  readonly protocol: string;
  /** Destination port. */
  readonly port?: number;
  readonly icmpType?: number;
  /** HTTP requests seen in the dropped flows. */
  readonly http?: readonly HttpRequestSeen[];
  /** `ingress_denied_by` / `egress_denied_by` of the flows. */
  readonly deniedBy?: readonly PolicyRef[];
}

export interface EndpointView {
  /** Parsed labels, plus the namespace / reserved label when the flow only carried those fields. */
  readonly labels: LabelMap;
  readonly namespace?: string;
  readonly reserved?: ReservedKind;
  readonly identity?: number;
  readonly podNames: readonly string[];
  readonly fqdns: readonly string[];
  readonly ips: readonly string[];
  readonly namedPorts: readonly NamedPort[];
  /** `k8s:<key>` → value, for namespaceSelector. */
  readonly namespaceLabels: LabelMap;
  readonly invalidLabels: number;
}

export function endpointView(input: DropEndpointInput): EndpointView {
  const parsed = parseEndpointLabels(input.labels);
  const labels = new Map(parsed.labels);
  const reserved = input.reserved ?? reservedKindOf(labels, input.identity);
  if (reserved !== undefined && !labels.has(reservedLabelKey(reserved))) {
    labels.set(reservedLabelKey(reserved), '');
  }
  const namespace = endpointNamespace(labels) ?? (input.namespace || undefined);
  if (namespace !== undefined && reserved === undefined && !labels.has(`k8s:${NAMESPACE_KEY}`)) {
    labels.set(`k8s:${NAMESPACE_KEY}`, namespace);
  }
  const nsLabels = new Map<string, string>();
  for (const [mapKey, value] of labels) {
    const { source, key } = splitLabelKey(mapKey, 'unspec');
    if (source === 'k8s' && key.startsWith(NAMESPACE_LABELS_PREFIX)) {
      nsLabels.set(`k8s:${key.slice(NAMESPACE_LABELS_PREFIX.length)}`, value);
    }
  }
  for (const [key, value] of Object.entries(input.namespaceLabels ?? {})) nsLabels.set(`k8s:${key}`, value);
  // Kubernetes sets this label on every namespace (since 1.21).
  if (namespace !== undefined) nsLabels.set('k8s:kubernetes.io/metadata.name', namespace);
  return {
    labels,
    namespace,
    reserved,
    identity: input.identity,
    podNames: input.podNames ?? [],
    fqdns: input.fqdns ?? [],
    ips: input.ips ?? [],
    namedPorts: input.namedPorts ?? [],
    namespaceLabels: nsLabels,
    invalidLabels: parsed.invalid,
  };
}

export type ReasonClass = 'explicit-deny' | 'default-deny' | 'other';

/** 181 POLICY_DENY = an explicit deny rule; 133 POLICY_DENIED = no allow rule (default deny). */
export function classifyReason(reason: string): ReasonClass {
  const text = reason.trim().toUpperCase();
  if (text === 'POLICY_DENY' || text === '181') return 'explicit-deny';
  if (text === 'POLICY_DENIED' || text === '133') return 'default-deny';
  return 'other';
}

/** Cilium's protocol tokens: TCP, UDP, SCTP, ICMP (v4), ICMPV6, … */
export function normalizeProtocol(protocol: string): string {
  const text = protocol.trim().toUpperCase();
  if (text === 'ICMPV4' || text === 'ICMP') return 'ICMP';
  return text;
}

/** Path plus query of a request URL or path; undefined when there is none. */
export function requestPath(urlOrPath: string | undefined): string | undefined {
  if (urlOrPath === undefined || urlOrPath === '') return undefined;
  let text = urlOrPath.trim();
  const scheme = text.indexOf('://');
  if (scheme >= 0) {
    const slash = text.indexOf('/', scheme + 3);
    text = slash < 0 ? '/' : text.slice(slash);
  }
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  return text.startsWith('/') ? text : `/${text}`;
}
