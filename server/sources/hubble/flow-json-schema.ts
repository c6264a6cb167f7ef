// The subset of the Hubble schema the jsonpb adapter reads: every field the domain Flow,
// LostEvent and NodeStatusEvent keep, by proto name, with its proto3 JSON kind. Each field is
// reachable under its proto name and its lowerCamelCase json_name, as protojson parsers allow.

import {
  AUTH_TYPE,
  DEBUG_CAPTURE_POINT,
  DROP_REASON,
  type EnumTable,
  FLOW_TYPE,
  IP_VERSION,
  L7_FLOW_TYPE,
  LOST_EVENT_SOURCE,
  NODE_STATE,
  SOCKET_TRANSLATION_POINT,
  TRACE_OBSERVATION_POINT,
  TRACE_REASON,
  TRAFFIC_DIRECTION,
  TUNNEL_PROTOCOL,
  VERDICT,
} from './enum-names';

/** `boolValue`/`int32Value` are google.protobuf wrappers: bare JSON values, kept even when zero. */
export type ScalarKind =
  | 'string'
  | 'bool'
  | 'uint32'
  | 'int32'
  | 'uint64'
  | 'timestamp'
  | 'boolValue'
  | 'int32Value';
export type FieldKind = ScalarKind | EnumTable | MessageSpec | { readonly repeated: FieldKind };

export interface FieldSpec {
  /** Proto field name: the key written to the domain object. */
  readonly name: string;
  readonly kind: FieldKind;
}

export interface MessageSpec {
  /** Keyed by both the proto name and the json_name. */
  readonly fields: ReadonlyMap<string, FieldSpec>;
  /** Groups of proto names of which at most one may be set. */
  readonly oneofs: readonly (readonly string[])[];
}

/** protoc's json_name rule: drop each underscore and upper-case the letter after it. */
export function jsonName(protoName: string): string {
  return protoName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function message(
  fields: Record<string, FieldKind>,
  oneofs: readonly (readonly string[])[] = [],
): MessageSpec {
  const map = new Map<string, FieldSpec>();
  for (const [name, kind] of Object.entries(fields)) {
    const spec = { name, kind };
    map.set(name, spec);
    map.set(jsonName(name), spec);
  }
  return { fields: map, oneofs };
}

const rep = (kind: FieldKind) => ({ repeated: kind });

const STR = 'string';
const BOOL = 'bool';
const U32 = 'uint32';
const I32 = 'int32';
const U64 = 'uint64';
const TS = 'timestamp';

const WORKLOAD = message({ name: STR, kind: STR });
const ENDPOINT = message({
  ID: U32,
  identity: U32,
  cluster_name: STR,
  namespace: STR,
  labels: rep(STR),
  pod_name: STR,
  workloads: rep(WORKLOAD),
});
const TCP_FLAGS = message({
  FIN: BOOL,
  SYN: BOOL,
  RST: BOOL,
  PSH: BOOL,
  ACK: BOOL,
  URG: BOOL,
  ECE: BOOL,
  CWR: BOOL,
  NS: BOOL,
});
const PORTS = message({ source_port: U32, destination_port: U32 });
const TCP = message({ source_port: U32, destination_port: U32, flags: TCP_FLAGS });
const ICMP = message({ type: U32, code: U32 });
const LAYER4 = message(
  {
    TCP,
    UDP: PORTS,
    ICMPv4: ICMP,
    ICMPv6: ICMP,
    SCTP: PORTS,
    VRRP: message({ type: U32, vrid: U32, priority: U32 }),
    IGMP: message({ type: U32, group_address: STR }),
  },
  [['TCP', 'UDP', 'ICMPv4', 'ICMPv6', 'SCTP', 'VRRP', 'IGMP']],
);
const IP = message({
  source: STR,
  source_xlated: STR,
  destination: STR,
  ipVersion: IP_VERSION,
  encrypted: BOOL,
});
const LAYER7 = message(
  {
    type: L7_FLOW_TYPE,
    latency_ns: U64,
    dns: message({
      query: STR,
      ips: rep(STR),
      ttl: U32,
      cnames: rep(STR),
      observation_source: STR,
      rcode: U32,
      qtypes: rep(STR),
      rrtypes: rep(STR),
    }),
    http: message({
      code: U32,
      method: STR,
      url: STR,
      protocol: STR,
      headers: rep(message({ key: STR, value: STR })),
    }),
    kafka: message({ error_code: I32, api_version: I32, api_key: STR, correlation_id: I32, topic: STR }),
  },
  [['dns', 'http', 'kafka']],
);
const SERVICE = message({ name: STR, namespace: STR });
const POLICY = message({ name: STR, namespace: STR, labels: rep(STR), revision: U64, kind: STR });

export const FLOW_SPEC: MessageSpec = message({
  time: TS,
  uuid: STR,
  emitter: message({ name: STR, version: STR }),
  verdict: VERDICT,
  drop_reason: U32,
  auth_type: AUTH_TYPE,
  ethernet: message({ source: STR, destination: STR }),
  IP,
  l4: LAYER4,
  tunnel: message({ protocol: TUNNEL_PROTOCOL, IP, l4: LAYER4, vni: U32 }),
  source: ENDPOINT,
  destination: ENDPOINT,
  Type: FLOW_TYPE,
  node_name: STR,
  node_labels: rep(STR),
  source_names: rep(STR),
  destination_names: rep(STR),
  l7: LAYER7,
  reply: BOOL,
  event_type: message({ type: I32, sub_type: I32 }),
  source_service: SERVICE,
  destination_service: SERVICE,
  traffic_direction: TRAFFIC_DIRECTION,
  policy_match_type: U32,
  trace_observation_point: TRACE_OBSERVATION_POINT,
  trace_reason: TRACE_REASON,
  file: message({ name: STR, line: U32 }),
  drop_reason_desc: DROP_REASON,
  is_reply: 'boolValue',
  debug_capture_point: DEBUG_CAPTURE_POINT,
  interface: message({ index: U32, name: STR }),
  proxy_port: U32,
  trace_context: message({ parent: message({ trace_id: STR }) }),
  sock_xlate_point: SOCKET_TRANSLATION_POINT,
  socket_cookie: U64,
  cgroup_id: U64,
  Summary: STR,
  egress_allowed_by: rep(POLICY),
  ingress_allowed_by: rep(POLICY),
  egress_denied_by: rep(POLICY),
  ingress_denied_by: rep(POLICY),
  policy_log: rep(STR),
  aggregate: message({ ingress_flow_count: U32, egress_flow_count: U32, unknown_direction_flow_count: U32 }),
  ip_trace_id: message({ trace_id: U64, ip_option_type: U32 }),
});

export const LOST_EVENT_SPEC: MessageSpec = message({
  source: LOST_EVENT_SOURCE,
  num_events_lost: U64,
  cpu: 'int32Value',
  first: TS,
  last: TS,
});

export const NODE_STATUS_SPEC: MessageSpec = message({
  state_change: NODE_STATE,
  node_names: rep(STR),
  message: STR,
});
