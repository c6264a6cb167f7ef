// RelayFlowFilter (Hubble JSON shape, proto names, enum names) <-> generated flow.FlowFilter.
// Filters usually come from configuration, so the forward direction validates at run time and
// names the offending key instead of sending a filter Relay would read differently.
import { type EventTypeFilter, FlowFilter, type TCPFlags } from '../../../proto/gen/flow/flow';
import { DROP_REASON, type EnumTable, IP_VERSION, TRAFFIC_DIRECTION, VERDICT } from './enum-names';
import type { RelayFlowFilter, TcpFlagName } from './relay-types';

export class RelayFilterError extends Error {
  override readonly name = 'RelayFilterError';
}

// Proto name → generated (camelCase) name for every repeated string field.
const STRING_LISTS: readonly (readonly [keyof RelayFlowFilter, keyof FlowFilter])[] = [
  ['uuid', 'uuid'],
  ['source_ip', 'sourceIp'],
  ['source_ip_xlated', 'sourceIpXlated'],
  ['source_pod', 'sourcePod'],
  ['source_fqdn', 'sourceFqdn'],
  ['source_label', 'sourceLabel'],
  ['source_service', 'sourceService'],
  ['source_cluster_name', 'sourceClusterName'],
  ['destination_ip', 'destinationIp'],
  ['destination_pod', 'destinationPod'],
  ['destination_fqdn', 'destinationFqdn'],
  ['destination_label', 'destinationLabel'],
  ['destination_service', 'destinationService'],
  ['destination_cluster_name', 'destinationClusterName'],
  ['http_status_code', 'httpStatusCode'],
  ['protocol', 'protocol'],
  ['source_port', 'sourcePort'],
  ['destination_port', 'destinationPort'],
  ['dns_query', 'dnsQuery'],
  ['http_method', 'httpMethod'],
  ['http_path', 'httpPath'],
  ['http_url', 'httpUrl'],
  ['node_name', 'nodeName'],
  ['node_labels', 'nodeLabels'],
  ['trace_id', 'traceId'],
  ['ip_trace_id', 'ipTraceId'],
];

const ENUM_LISTS: readonly (readonly [keyof RelayFlowFilter, keyof FlowFilter, EnumTable])[] = [
  ['traffic_direction', 'trafficDirection', TRAFFIC_DIRECTION],
  ['verdict', 'verdict', VERDICT],
  ['drop_reason_desc', 'dropReasonDesc', DROP_REASON],
  ['ip_version', 'ipVersion', IP_VERSION],
];

const OTHER_KEYS = new Set<string>([
  'source_workload',
  'destination_workload',
  'interface',
  'event_type',
  'reply',
  'encrypted',
  'source_identity',
  'destination_identity',
  'http_header',
  'tcp_flags',
  'experimental',
]);
const KNOWN_KEYS = new Set<string>([
  ...STRING_LISTS.map(([k]) => k),
  ...ENUM_LISTS.map(([k]) => k),
  ...OTHER_KEYS,
]);
const TCP_FLAGS: readonly TcpFlagName[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'NS'];
const UINT64 = /^\d{1,20}$/;

function list(value: unknown, where: string): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RelayFilterError(`${where}: expected an array`);
  return value;
}

function strings(value: unknown, where: string): string[] {
  return list(value, where).map((v, i) => {
    if (typeof v !== 'string') throw new RelayFilterError(`${where}[${i}]: expected a string`);
    return v;
  });
}

function uint32s(value: unknown, where: string): number[] {
  return list(value, where).map((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new RelayFilterError(`${where}[${i}]: expected an unsigned 32-bit integer`);
    }
    return v;
  });
}

function bools(value: unknown, where: string): boolean[] {
  return list(value, where).map((v, i) => {
    if (typeof v !== 'boolean') throw new RelayFilterError(`${where}[${i}]: expected true or false`);
    return v;
  });
}

function objects(value: unknown, where: string): Record<string, unknown>[] {
  return list(value, where).map((v, i) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new RelayFilterError(`${where}[${i}]: expected an object`);
    }
    return v as Record<string, unknown>;
  });
}

function optString(v: unknown, where: string): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new RelayFilterError(`${where}: expected a string`);
  return v;
}

function optInt(v: unknown, where: string): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new RelayFilterError(`${where}: expected an integer`);
  return v;
}

/** Throws RelayFilterError naming the bad key (`where` prefixes it, e.g. `whitelist[0]`). */
export function toProtoFlowFilter(filter: RelayFlowFilter, where = 'filter'): FlowFilter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new RelayFilterError(`${where}: expected an object`);
  }
  const src = filter as Record<string, unknown>;
  for (const key of Object.keys(src)) {
    if (!KNOWN_KEYS.has(key)) throw new RelayFilterError(`${where}.${key}: unknown FlowFilter field`);
  }
  const out = FlowFilter.create();
  const target = out as unknown as Record<string, unknown>;
  for (const [key, generated] of STRING_LISTS) target[generated] = strings(src[key], `${where}.${key}`);
  for (const v of out.ipTraceId) {
    if (!UINT64.test(v)) throw new RelayFilterError(`${where}.ip_trace_id: "${v}" is not a decimal uint64`);
  }
  for (const [key, generated, table] of ENUM_LISTS) {
    target[generated] = strings(src[key], `${where}.${key}`).map((name) => {
      const n = table.numberOf(name);
      if (n === undefined)
        throw new RelayFilterError(`${where}.${key}: unknown ${table.protoName} "${name}"`);
      return n;
    });
  }
  const workloads = (key: string) =>
    objects(src[key], `${where}.${key}`).map((w, i) => ({
      name: optString(w.name, `${where}.${key}[${i}].name`),
      kind: optString(w.kind, `${where}.${key}[${i}].kind`),
    }));
  out.sourceWorkload = workloads('source_workload');
  out.destinationWorkload = workloads('destination_workload');
  out.interface = objects(src.interface, `${where}.interface`).map((x, i) => ({
    index: optInt(x.index, `${where}.interface[${i}].index`),
    name: optString(x.name, `${where}.interface[${i}].name`),
  }));
  out.eventType = objects(src.event_type, `${where}.event_type`).map(
    (x, i): EventTypeFilter => ({
      type: optInt(x.type, `${where}.event_type[${i}].type`),
      // An explicit match_sub_type wins; otherwise giving a sub_type means "match it".
      matchSubType: typeof x.match_sub_type === 'boolean' ? x.match_sub_type : x.sub_type !== undefined,
      subType: optInt(x.sub_type, `${where}.event_type[${i}].sub_type`),
    }),
  );
  out.reply = bools(src.reply, `${where}.reply`);
  out.encrypted = bools(src.encrypted, `${where}.encrypted`);
  out.sourceIdentity = uint32s(src.source_identity, `${where}.source_identity`);
  out.destinationIdentity = uint32s(src.destination_identity, `${where}.destination_identity`);
  out.httpHeader = objects(src.http_header, `${where}.http_header`).map((h, i) => ({
    key: optString(h.key, `${where}.http_header[${i}].key`),
    value: optString(h.value, `${where}.http_header[${i}].value`),
  }));
  out.tcpFlags = objects(src.tcp_flags, `${where}.tcp_flags`).map((f, i) => {
    const flags = {} as TCPFlags;
    for (const name of TCP_FLAGS) {
      const v = f[name];
      if (v !== undefined && typeof v !== 'boolean') {
        throw new RelayFilterError(`${where}.tcp_flags[${i}].${name}: expected true or false`);
      }
      flags[name] = v === true;
    }
    return flags;
  });
  if (src.experimental !== undefined) {
    const [exp] = objects([src.experimental], `${where}.experimental`);
    out.experimental = {
      celExpression: strings(exp?.cel_expression, `${where}.experimental.cel_expression`),
    };
  }
  return out;
}

/** The inverse, for servers: only non-empty fields are set; unknown enum numbers become strings. */
export function fromProtoFlowFilter(f: FlowFilter): RelayFlowFilter {
  const out: Record<string, unknown> = {};
  const source = f as unknown as Record<string, unknown[] | undefined>;
  const put = (key: string, values: readonly unknown[] | undefined) => {
    if (values && values.length > 0) out[key] = values;
  };
  for (const [key, generated] of STRING_LISTS) put(key, source[generated]);
  for (const [key, generated, table] of ENUM_LISTS) {
    put(
      key,
      (source[generated] as number[] | undefined)?.map((n) => table.nameOf(n)),
    );
  }
  put(
    'source_workload',
    f.sourceWorkload.map(({ name, kind }) => ({ name, kind })),
  );
  put(
    'destination_workload',
    f.destinationWorkload.map(({ name, kind }) => ({ name, kind })),
  );
  put(
    'interface',
    f.interface.map(({ index, name }) => ({ index, name })),
  );
  put(
    'event_type',
    f.eventType.map((e) =>
      e.matchSubType ? { type: e.type, match_sub_type: true, sub_type: e.subType } : { type: e.type },
    ),
  );
  put('reply', f.reply);
  put('encrypted', f.encrypted);
  put('source_identity', f.sourceIdentity);
  put('destination_identity', f.destinationIdentity);
  put(
    'http_header',
    f.httpHeader.map(({ key, value }) => ({ key, value })),
  );
  put(
    'tcp_flags',
    f.tcpFlags.map((flags) => Object.fromEntries(TCP_FLAGS.filter((n) => flags[n]).map((n) => [n, true]))),
  );
  if (f.experimental && f.experimental.celExpression.length > 0) {
    out.experimental = { cel_expression: [...f.experimental.celExpression] };
  }
  return out as RelayFlowFilter;
}
