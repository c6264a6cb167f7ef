// Words for the codes a flow carries: drop reasons, policy match types, event types, TCP flags.
// Pure lookups used by the detail drawer.
import { EVENT_TYPES, TRACE_SUBTYPES } from '../../server/domain/flow-filter/enums';

/** What an SRE should know about the common drop reasons (the rest are read from their name). */
const DROP_REASON_TEXT: Readonly<Record<string, string>> = {
  POLICY_DENIED:
    'No network policy allows this traffic: once any policy selects an endpoint in this direction, everything not allowed is dropped.',
  POLICY_DENY: 'An explicit deny rule of a network policy matched this traffic.',
  INVALID_SOURCE_IP:
    'The source address is not one this endpoint may send from (anti-spoofing); IPv6 link-local router solicitations are a common harmless case.',
  STALE_OR_UNROUTABLE_IP: 'The address belongs to an endpoint that no longer exists or cannot be routed.',
  SERVICE_BACKEND_NOT_FOUND: 'A service address was used but the service has no ready backend.',
  CT_MAP_INSERTION_FAILED: 'The connection-tracking table is full; new connections cannot be tracked.',
  CT_MISSING_TCP_ACK_FLAG:
    'A TCP packet without ACK arrived for a connection the datapath did not see start.',
  AUTH_REQUIRED: 'Policy requires mutual authentication between these identities and it has not completed.',
  UNENCRYPTED_TRAFFIC: 'Traffic that must be encrypted (WireGuard / IPsec strict mode) was sent in clear.',
  DROP_RATE_LIMITED: 'The packet exceeded a configured rate limit.',
  NO_EGRESS_GATEWAY: 'An egress-gateway policy matched but no gateway node is available.',
  FIB_LOOKUP_FAILED: 'The kernel routing table has no route for the destination.',
  DENIED_BY_LB_SRC_RANGE_CHECK: "The client address is outside the service's loadBalancerSourceRanges.",
  TTL_EXCEEDED: 'The packet ran out of hops (routing loop or too small TTL).',
  UNKNOWN_L4_PROTOCOL: 'The datapath does not handle this layer-4 protocol.',
  UNSUPPORTED_L3_PROTOCOL: 'The datapath does not handle this layer-3 protocol.',
  INVALID_PACKET_DROPPED: 'The packet was malformed or truncated.',
  DROP_HOST_NOT_READY: 'The node was not ready to forward traffic yet (agent starting).',
  DROP_EP_NOT_READY: 'The endpoint was not ready yet (its policy was still being computed).',
  NO_MAPPING_FOR_NAT_MASQUERADE:
    'No NAT mapping exists for this reply (masquerading state lost or exhausted).',
};

export function dropReasonText(name: string | undefined): string | undefined {
  if (!name || name === 'DROP_REASON_UNKNOWN') return undefined;
  const known = DROP_REASON_TEXT[name];
  if (known) return known;
  const words = name.toLowerCase().replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

const MATCH_TYPES = ['none', 'L3 only (identity)', 'L3 + L4 (identity and port)', 'L4 only (port)', 'all'];

/** Cilium's policy match type: which part of a rule allowed the flow. */
export function policyMatchText(value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return MATCH_TYPES[value] ?? `type ${value}`;
}

const EVENT_TYPE_NAMES = new Map([...EVENT_TYPES].map(([name, n]) => [n, name]));
const TRACE_NAMES = new Map([...TRACE_SUBTYPES].map(([name, n]) => [n, name]));

/**
 * The `hubble observe --type` value for a flow's monitor event type, e.g. `trace:to-stack`, `l7`,
 * `drop`; undefined when the flow has no event type.
 */
export function eventTypeFilterValue(eventType: { type?: number; sub_type?: number } | undefined): {
  readonly type?: string;
  readonly withSub?: string;
} {
  if (eventType?.type === undefined) return {};
  const name = EVENT_TYPE_NAMES.get(eventType.type) ?? String(eventType.type);
  if (name === 'trace' && eventType.sub_type !== undefined) {
    return { type: name, withSub: `trace:${TRACE_NAMES.get(eventType.sub_type) ?? eventType.sub_type}` };
  }
  return { type: name };
}

/** Regular expression that matches exactly `text` (for http-url / http-path / dns-query filters). */
export function exactRegex(text: string): string {
  return `^${text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`;
}

export function nsText(ns: number): string {
  if (!Number.isFinite(ns)) return '';
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(1)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(0)} µs`;
  return `${ns} ns`;
}
