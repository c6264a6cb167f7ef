// Skymap's own flow type. It mirrors the JSON that `hubble observe -o jsonpb` prints (proto field
// names, enum value names as strings, 64-bit integers as decimal strings, absent = unset) so that
// the API can return flows in Hubble's shape and export them without another conversion, while the
// rest of the code never sees generated protobuf types. Every field is optional: Hubble versions
// drift and field masks strip fields.

export type Verdict =
  | 'VERDICT_UNKNOWN'
  | 'FORWARDED'
  | 'DROPPED'
  | 'ERROR'
  | 'AUDIT'
  | 'REDIRECTED'
  | 'TRACED'
  | 'TRANSLATED'
  | (string & {});

export interface Workload {
  readonly name?: string;
  readonly kind?: string;
}

export interface Endpoint {
  readonly ID?: number;
  readonly identity?: number;
  readonly cluster_name?: string;
  readonly namespace?: string;
  readonly labels?: readonly string[];
  readonly pod_name?: string;
  readonly workloads?: readonly Workload[];
}

export interface TcpFlags {
  readonly FIN?: boolean;
  readonly SYN?: boolean;
  readonly RST?: boolean;
  readonly PSH?: boolean;
  readonly ACK?: boolean;
  readonly URG?: boolean;
  readonly ECE?: boolean;
  readonly CWR?: boolean;
  readonly NS?: boolean;
}

export interface PortPair {
  readonly source_port?: number;
  readonly destination_port?: number;
}

export interface Layer4 {
  readonly TCP?: PortPair & { readonly flags?: TcpFlags };
  readonly UDP?: PortPair;
  readonly SCTP?: PortPair;
  readonly ICMPv4?: { readonly type?: number; readonly code?: number };
  readonly ICMPv6?: { readonly type?: number; readonly code?: number };
  readonly VRRP?: { readonly type?: number; readonly vrid?: number; readonly priority?: number };
  readonly IGMP?: { readonly type?: number; readonly group_address?: string };
}

export interface IpInfo {
  readonly source?: string;
  readonly destination?: string;
  readonly ipVersion?: 'IP_NOT_USED' | 'IPv4' | 'IPv6' | (string & {});
  readonly encrypted?: boolean;
  readonly source_xlated?: string;
}

export interface HttpHeader {
  readonly key?: string;
  readonly value?: string;
}

export interface Http {
  readonly code?: number;
  readonly method?: string;
  readonly url?: string;
  readonly protocol?: string;
  readonly headers?: readonly HttpHeader[];
}

export interface Dns {
  readonly query?: string;
  readonly ips?: readonly string[];
  readonly ttl?: number;
  readonly cnames?: readonly string[];
  readonly observation_source?: string;
  readonly rcode?: number;
  readonly qtypes?: readonly string[];
  readonly rrtypes?: readonly string[];
}

export interface Kafka {
  readonly error_code?: number;
  readonly api_version?: number;
  readonly api_key?: string;
  readonly correlation_id?: number;
  readonly topic?: string;
}

export interface Layer7 {
  readonly type?: 'UNKNOWN_L7_TYPE' | 'REQUEST' | 'RESPONSE' | 'SAMPLE' | (string & {});
  /** uint64 nanoseconds as a decimal string, as in Hubble's JSON. */
  readonly latency_ns?: string;
  readonly dns?: Dns;
  readonly http?: Http;
  readonly kafka?: Kafka;
}

export interface ServiceRef {
  readonly name?: string;
  readonly namespace?: string;
}

export interface PolicyRef {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: readonly string[];
  readonly revision?: string;
  readonly kind?: string;
}

/**
 * Epoch ms of `time` (sub-millisecond truncated), set by the wire decoder, which has the seconds and
 * nanos in hand: ingest would otherwise parse the same RFC 3339 string three times per flow (dedupe,
 * series, map). A symbol key stays out of JSON, Object.keys and the jsonpb shape; spreading a flow
 * (redaction) keeps it. Readers fall back to parsing `time` when it is absent (JSON input, tests).
 */
export const FLOW_TIME_MS: unique symbol = Symbol('skymap.flowTimeMs');

export interface Flow {
  /** RFC 3339 UTC with up to 9 fractional digits; keep the string: Date drops nanoseconds. */
  readonly time?: string;
  readonly [FLOW_TIME_MS]?: number;
  readonly uuid?: string;
  readonly emitter?: { readonly name?: string; readonly version?: string };
  readonly verdict?: Verdict;
  /** Deprecated raw code, still sent next to drop_reason_desc. */
  readonly drop_reason?: number;
  readonly drop_reason_desc?: string;
  readonly auth_type?: string;
  readonly ethernet?: { readonly source?: string; readonly destination?: string };
  readonly IP?: IpInfo;
  readonly l4?: Layer4;
  readonly tunnel?: {
    readonly protocol?: string;
    readonly IP?: IpInfo;
    readonly l4?: Layer4;
    readonly vni?: number;
  };
  readonly source?: Endpoint;
  readonly destination?: Endpoint;
  readonly Type?: 'UNKNOWN_TYPE' | 'L3_L4' | 'L7' | 'SOCK' | (string & {});
  readonly node_name?: string;
  readonly node_labels?: readonly string[];
  readonly source_names?: readonly string[];
  readonly destination_names?: readonly string[];
  readonly l7?: Layer7;
  /** Deprecated; Cilium <= 1.10 data sets it without is_reply. */
  readonly reply?: boolean;
  readonly event_type?: { readonly type?: number; readonly sub_type?: number };
  readonly source_service?: ServiceRef;
  readonly destination_service?: ServiceRef;
  readonly traffic_direction?: 'TRAFFIC_DIRECTION_UNKNOWN' | 'INGRESS' | 'EGRESS' | (string & {});
  readonly policy_match_type?: number;
  readonly trace_observation_point?: string;
  readonly trace_reason?: string;
  /** Tri-state: absent means unknown (google.protobuf.BoolValue). */
  readonly is_reply?: boolean;
  readonly debug_capture_point?: string;
  readonly interface?: { readonly index?: number; readonly name?: string };
  readonly proxy_port?: number;
  readonly trace_context?: { readonly parent?: { readonly trace_id?: string } };
  readonly sock_xlate_point?: string;
  readonly socket_cookie?: string;
  readonly cgroup_id?: string;
  readonly file?: { readonly name?: string; readonly line?: number };
  readonly ip_trace_id?: { readonly trace_id?: string; readonly ip_option_type?: number };
  readonly egress_allowed_by?: readonly PolicyRef[];
  readonly ingress_allowed_by?: readonly PolicyRef[];
  readonly egress_denied_by?: readonly PolicyRef[];
  readonly ingress_denied_by?: readonly PolicyRef[];
  readonly policy_log?: readonly string[];
  readonly aggregate?: {
    readonly ingress_flow_count?: number;
    readonly egress_flow_count?: number;
    readonly unknown_direction_flow_count?: number;
  };
  readonly Summary?: string;
}

export interface LostEvent {
  readonly source?: string;
  readonly num_events_lost?: string;
  readonly cpu?: number;
  readonly first?: string;
  readonly last?: string;
}

export interface NodeStatusEvent {
  readonly state_change?: string;
  readonly node_names?: readonly string[];
  readonly message?: string;
}

/** One `observer.GetFlowsResponse`, in the same JSON shape. Exactly one of the three is set. */
export type FlowEvent =
  | { readonly kind: 'flow'; readonly flow: Flow; readonly nodeName?: string; readonly time?: string }
  | {
      readonly kind: 'lost';
      readonly lost: LostEvent;
      readonly nodeName?: string;
      readonly time?: string;
    }
  | {
      readonly kind: 'node-status';
      readonly status: NodeStatusEvent;
      readonly nodeName?: string;
      readonly time?: string;
    };
