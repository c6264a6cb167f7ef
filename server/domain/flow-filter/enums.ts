// Enum tables the filters validate against, from Cilium v1.19.4 (see
// /work/shared/hubble/api-facts.md §6, §7, §9). Names are what protojson prints and what the
// Hubble CLI accepts; numbers are only needed where Hubble filters on numbers (event types,
// identities).

export const VERDICTS: readonly string[] = [
  'VERDICT_UNKNOWN',
  'FORWARDED',
  'DROPPED',
  'ERROR',
  'AUDIT',
  'REDIRECTED',
  'TRACED',
  'TRANSLATED',
];

/** DropReason numbers 130…205 except 159 (unassigned upstream), plus 0. */
const DROP_REASON_NAMES_FROM_130: readonly string[] = [
  'INVALID_SOURCE_MAC',
  'INVALID_DESTINATION_MAC',
  'INVALID_SOURCE_IP',
  'POLICY_DENIED',
  'INVALID_PACKET_DROPPED',
  'CT_TRUNCATED_OR_INVALID_HEADER',
  'CT_MISSING_TCP_ACK_FLAG',
  'CT_UNKNOWN_L4_PROTOCOL',
  'CT_CANNOT_CREATE_ENTRY_FROM_PACKET',
  'UNSUPPORTED_L3_PROTOCOL',
  'MISSED_TAIL_CALL',
  'ERROR_WRITING_TO_PACKET',
  'UNKNOWN_L4_PROTOCOL',
  'UNKNOWN_ICMPV4_CODE',
  'UNKNOWN_ICMPV4_TYPE',
  'UNKNOWN_ICMPV6_CODE',
  'UNKNOWN_ICMPV6_TYPE',
  'ERROR_RETRIEVING_TUNNEL_KEY',
  'ERROR_RETRIEVING_TUNNEL_OPTIONS',
  'INVALID_GENEVE_OPTION',
  'UNKNOWN_L3_TARGET_ADDRESS',
  'STALE_OR_UNROUTABLE_IP',
  'NO_MATCHING_LOCAL_CONTAINER_FOUND',
  'ERROR_WHILE_CORRECTING_L3_CHECKSUM',
  'ERROR_WHILE_CORRECTING_L4_CHECKSUM',
  'CT_MAP_INSERTION_FAILED',
  'INVALID_IPV6_EXTENSION_HEADER',
  'IP_FRAGMENTATION_NOT_SUPPORTED',
  'SERVICE_BACKEND_NOT_FOUND',
  '',
  'NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT',
  'FAILED_TO_INSERT_INTO_PROXYMAP',
  'REACHED_EDT_RATE_LIMITING_DROP_HORIZON',
  'UNKNOWN_CONNECTION_TRACKING_STATE',
  'LOCAL_HOST_IS_UNREACHABLE',
  'NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION',
  'UNSUPPORTED_L2_PROTOCOL',
  'NO_MAPPING_FOR_NAT_MASQUERADE',
  'UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE',
  'FIB_LOOKUP_FAILED',
  'ENCAPSULATION_TRAFFIC_IS_PROHIBITED',
  'INVALID_IDENTITY',
  'UNKNOWN_SENDER',
  'NAT_NOT_NEEDED',
  'IS_A_CLUSTERIP',
  'FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND',
  'FORBIDDEN_ICMPV6_MESSAGE',
  'DENIED_BY_LB_SRC_RANGE_CHECK',
  'SOCKET_LOOKUP_FAILED',
  'SOCKET_ASSIGN_FAILED',
  'PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL',
  'POLICY_DENY',
  'VLAN_FILTERED',
  'INVALID_VNI',
  'INVALID_TC_BUFFER',
  'NO_SID',
  'MISSING_SRV6_STATE',
  'NAT46',
  'NAT64',
  'AUTH_REQUIRED',
  'CT_NO_MAP_FOUND',
  'SNAT_NO_MAP_FOUND',
  'INVALID_CLUSTER_ID',
  'UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP',
  'NO_EGRESS_GATEWAY',
  'UNENCRYPTED_TRAFFIC',
  'TTL_EXCEEDED',
  'NO_NODE_ID',
  'DROP_RATE_LIMITED',
  'IGMP_HANDLED',
  'IGMP_SUBSCRIBED',
  'MULTICAST_HANDLED',
  'DROP_HOST_NOT_READY',
  'DROP_EP_NOT_READY',
  'DROP_NO_EGRESS_IP',
  'DROP_PUNT_PROXY',
];

/** DropReason name → number. */
export const DROP_REASONS: ReadonlyMap<string, number> = new Map<string, number>([
  ['DROP_REASON_UNKNOWN', 0],
  ...DROP_REASON_NAMES_FROM_130.flatMap((name, i): [string, number][] =>
    name === '' ? [] : [[name, 130 + i]],
  ),
]);

/** Monitor message types (`hubble observe --type` names) → `EventTypeFilter.type`. */
export const EVENT_TYPES: ReadonlyMap<string, number> = new Map([
  ['drop', 1],
  ['debug', 2],
  ['capture', 3],
  ['trace', 4],
  ['policy-verdict', 5],
  ['recorder', 6],
  ['trace-sock', 7],
  ['l7', 129],
  ['agent', 130],
]);

export const EVENT_TYPE_DROP = 1;
export const EVENT_TYPE_TRACE = 4;
export const EVENT_TYPE_L7 = 129;
export const EVENT_TYPE_AGENT = 130;

/** Monitor trace observation points: the `trace:<name>` sub-types of the CLI. */
export const TRACE_SUBTYPES: ReadonlyMap<string, number> = new Map([
  ['to-endpoint', 0],
  ['to-proxy', 1],
  ['to-host', 2],
  ['to-stack', 3],
  ['to-overlay', 4],
  ['from-endpoint', 5],
  ['from-proxy', 6],
  ['from-host', 7],
  ['from-stack', 8],
  ['from-overlay', 9],
  ['from-network', 10],
  ['to-network', 11],
  ['from-crypto', 12],
  ['to-crypto', 13],
]);

/** Agent notification sub-types as the Hubble CLI spells them (`agent:<name>`). */
export const AGENT_SUBTYPES: ReadonlyMap<string, number> = new Map([
  ['unspecified', 0],
  ['message', 1],
  ['agent-started', 2],
  ['policy-updated', 3],
  ['policy-deleted', 4],
  ['endpoint-regenerate-success', 5],
  ['endpoint-regenerate-failure', 6],
  ['endpoint-created', 7],
  ['endpoint-deleted', 8],
  ['ipcache-upserted', 9],
  ['ipcache-deleted', 10],
  ['service-upserted', 11],
  ['service-deleted', 12],
]);

/** Reserved security identities accepted by name (`hubble observe --identity world`). */
export const RESERVED_IDENTITIES: ReadonlyMap<string, number> = new Map([
  ['host', 1],
  ['world', 2],
  ['unmanaged', 3],
  ['health', 4],
  ['init', 5],
  ['remote-node', 6],
  ['kube-apiserver', 7],
  ['ingress', 8],
  ['world-ipv4', 9],
  ['world-ipv6', 10],
]);

/** What Hubble's protocol filter understands (pkg/hubble/filters/protocol.go). */
export const PROTOCOLS: readonly string[] = [
  'tcp',
  'udp',
  'sctp',
  'icmp',
  'icmpv4',
  'icmpv6',
  'dns',
  'http',
  'kafka',
];

export const TRAFFIC_DIRECTIONS: ReadonlyMap<string, string> = new Map([
  ['ingress', 'INGRESS'],
  ['egress', 'EGRESS'],
]);

/** Canonical `--ip-version` value → `flow.IPVersion` name. */
export const IP_VERSIONS: ReadonlyMap<string, string> = new Map([
  ['v4', 'IPv4'],
  ['v6', 'IPv6'],
  ['none', 'IP_NOT_USED'],
]);

const VERDICT_BY_NUMBER = VERDICTS;
const TRAFFIC_DIRECTION_BY_NUMBER = ['TRAFFIC_DIRECTION_UNKNOWN', 'INGRESS', 'EGRESS'];
const IP_VERSION_BY_NUMBER = ['IP_NOT_USED', 'IPv4', 'IPv6'];

function enumName(
  value: unknown,
  byNumber: readonly string[] | ((n: number) => string | undefined),
  zero: string,
): string {
  if (value === undefined || value === null) return zero;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const name = typeof byNumber === 'function' ? byNumber(value) : byNumber[value];
    return name ?? String(value);
  }
  return zero;
}

const DROP_REASON_BY_NUMBER = new Map<number, string>([...DROP_REASONS].map(([name, n]) => [n, name]));

// protojson prints an enum value unknown to the sender as a bare number and omits the zero value,
// so the flow side of every enum comparison goes through these.
export function flowVerdict(value: unknown): string {
  return enumName(value, VERDICT_BY_NUMBER, 'VERDICT_UNKNOWN');
}

export function flowDropReason(value: unknown): string {
  return enumName(value, (n) => DROP_REASON_BY_NUMBER.get(n), 'DROP_REASON_UNKNOWN');
}

export function flowTrafficDirection(value: unknown): string {
  return enumName(value, TRAFFIC_DIRECTION_BY_NUMBER, 'TRAFFIC_DIRECTION_UNKNOWN');
}

export function flowIpVersion(value: unknown): string {
  return enumName(value, IP_VERSION_BY_NUMBER, 'IP_NOT_USED');
}
