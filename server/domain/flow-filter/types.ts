// Public types of the flow filter module. A FlowQuery is what the flows explorer asks for, in the
// vocabulary of `hubble observe` flags; a RelayFlowFilter is Hubble's own `flow.FlowFilter` in its
// proto-name JSON shape, i.e. what Relay's GetFlowsRequest whitelist/blacklist carry.

import type { Flow } from '../flow';

/** Every filter the explorer offers, named like the `hubble observe` flag it mirrors. */
export const FILTER_FIELDS = [
  'namespace',
  'from-namespace',
  'to-namespace',
  'pod',
  'from-pod',
  'to-pod',
  'label',
  'from-label',
  'to-label',
  'fqdn',
  'from-fqdn',
  'to-fqdn',
  'ip',
  'from-ip',
  'to-ip',
  'port',
  'from-port',
  'to-port',
  'identity',
  'from-identity',
  'to-identity',
  'workload',
  'from-workload',
  'to-workload',
  'service',
  'from-service',
  'to-service',
  'protocol',
  'verdict',
  'drop-reason',
  'type',
  'http-status',
  'http-method',
  'http-path',
  'http-url',
  'dns-query',
  'node-name',
  'traffic-direction',
  'reply',
  'uuid',
  'ip-version',
] as const;

export type FilterField = (typeof FILTER_FIELDS)[number];

/**
 * One filter: the flow must match at least one of `values` (OR); `negate` inverts the whole term.
 * Side-less endpoint fields (`pod`, `ip`, `label`, …) match when EITHER endpoint matches.
 */
export interface FilterTerm {
  readonly field: FilterField;
  readonly values: readonly string[];
  readonly negate: boolean;
}

/**
 * A validated query. Terms are AND-ed. `since`/`until` are RFC 3339 UTC strings (inclusive bounds
 * on `flow.time`); `limit` is `hubble observe --last`, i.e. how many of the newest matches to keep.
 */
export interface FlowQuery {
  readonly terms: readonly FilterTerm[];
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
}

export type FlowPredicate = (flow: Flow) => boolean;

export interface RelayEventTypeFilter {
  readonly type: number;
  readonly match_sub_type?: boolean;
  readonly sub_type?: number;
}

export interface RelayWorkload {
  readonly name?: string;
  readonly kind?: string;
}

/**
 * `flow.FlowFilter` as proto-name JSON (the shape protojson, `hubble observe --allowlist` and
 * @grpc/proto-loader with `keepCase` all accept). Fields inside one filter are AND-ed, values inside
 * one field are OR-ed; an absent or empty field does not constrain.
 */
export interface RelayFlowFilter {
  readonly source_ip?: readonly string[];
  readonly source_pod?: readonly string[];
  readonly destination_ip?: readonly string[];
  readonly destination_pod?: readonly string[];
  readonly verdict?: readonly string[];
  readonly event_type?: readonly RelayEventTypeFilter[];
  readonly source_fqdn?: readonly string[];
  readonly destination_fqdn?: readonly string[];
  readonly http_status_code?: readonly string[];
  readonly source_label?: readonly string[];
  readonly destination_label?: readonly string[];
  readonly protocol?: readonly string[];
  readonly source_port?: readonly string[];
  readonly destination_port?: readonly string[];
  readonly reply?: readonly boolean[];
  readonly source_service?: readonly string[];
  readonly destination_service?: readonly string[];
  readonly dns_query?: readonly string[];
  readonly source_identity?: readonly number[];
  readonly destination_identity?: readonly number[];
  readonly http_method?: readonly string[];
  readonly http_path?: readonly string[];
  readonly node_name?: readonly string[];
  readonly ip_version?: readonly string[];
  readonly source_workload?: readonly RelayWorkload[];
  readonly destination_workload?: readonly RelayWorkload[];
  readonly uuid?: readonly string[];
  readonly traffic_direction?: readonly string[];
  readonly http_url?: readonly string[];
  readonly drop_reason_desc?: readonly string[];
}

export type RelayFilterKey = keyof RelayFlowFilter;

export type RelayFilterValue = string | number | boolean | RelayEventTypeFilter | RelayWorkload;

export type ParseQueryResult = { readonly query: FlowQuery } | { readonly error: string };
