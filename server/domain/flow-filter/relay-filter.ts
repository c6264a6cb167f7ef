// Hubble's evaluation of `flow.FlowFilter`s: all fields of one filter must match (AND), the
// whitelist is OR-ed (empty = everything), the blacklist is OR-ed and subtracted. The embedded demo
// Relay uses this to filter exactly like a real Hubble server, including its request validation.

import type { Flow } from '../flow';
import { EVENT_TYPE_L7 } from './enums';
import { type Compiled, compileRelayField } from './predicates';
import type { FlowPredicate, RelayFilterKey, RelayFlowFilter } from './types';

export const RELAY_FILTER_KEYS: readonly RelayFilterKey[] = [
  'source_ip',
  'source_pod',
  'destination_ip',
  'destination_pod',
  'verdict',
  'event_type',
  'source_fqdn',
  'destination_fqdn',
  'http_status_code',
  'source_label',
  'destination_label',
  'protocol',
  'source_port',
  'destination_port',
  'reply',
  'source_service',
  'destination_service',
  'dns_query',
  'source_identity',
  'destination_identity',
  'http_method',
  'http_path',
  'node_name',
  'ip_version',
  'source_workload',
  'destination_workload',
  'uuid',
  'traffic_direction',
  'http_url',
  'drop_reason_desc',
];

const KNOWN = new Set<string>(RELAY_FILTER_KEYS);
const HTTP_KEYS = new Set<string>(['http_status_code', 'http_method', 'http_path', 'http_url']);

/** Hubble refuses HTTP filters next to an event-type filter that cannot match L7 events. */
export function httpCompatibleEventTypes(eventTypes: readonly unknown[] | undefined): boolean {
  if (eventTypes === undefined || eventTypes.length === 0) return true;
  for (const t of eventTypes) {
    if (typeof t === 'object' && t !== null && (t as { type?: unknown }).type === EVENT_TYPE_L7) return true;
  }
  return false;
}

const CAMEL = new Map<string, RelayFilterKey>(
  RELAY_FILTER_KEYS.map((k) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), k]),
);

function isEmptyExperimental(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const { cel_expression, celExpression } = raw as Record<string, unknown>;
  const cel = cel_expression ?? celExpression;
  return cel === undefined || cel === null || (Array.isArray(cel) && cel.length === 0);
}

/**
 * Validates one filter like Hubble's BuildFilter and returns its predicate. Accepts proto field
 * names and, for decoders such as ts-proto, lowerCamelCase names; empty fields do not constrain.
 */
export function compileRelayFilter(filter: unknown): Compiled {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    return { error: 'a FlowFilter must be an object' };
  }
  const fields = new Map<RelayFilterKey, readonly unknown[]>();
  for (const [name, raw] of Object.entries(filter as Record<string, unknown>)) {
    if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) continue;
    if (name === 'experimental' && isEmptyExperimental(raw)) continue;
    const key = KNOWN.has(name) ? (name as RelayFilterKey) : CAMEL.get(name);
    if (key === undefined) return { error: `unsupported FlowFilter field "${name}"` };
    if (!Array.isArray(raw)) return { error: `FlowFilter field "${name}" must be a list` };
    fields.set(key, raw);
  }
  const parts: FlowPredicate[] = [];
  let hasHttp = false;
  for (const [key, values] of fields) {
    if (HTTP_KEYS.has(key)) hasHttp = true;
    const compiled = compileRelayField(key, values);
    if ('error' in compiled) return compiled;
    parts.push(compiled.match);
  }
  if (hasHttp && !httpCompatibleEventTypes(fields.get('event_type'))) {
    return { error: "filtering by HTTP fields requires the event type filter to match 'l7' events" };
  }
  return {
    match: (flow) => {
      for (const p of parts) if (!p(flow)) return false;
      return true;
    },
  };
}

const cache = new WeakMap<object, FlowPredicate | null>();

function cached(filter: RelayFlowFilter): FlowPredicate | null {
  let p = cache.get(filter);
  if (p === undefined) {
    const compiled = compileRelayFilter(filter);
    p = 'error' in compiled ? null : compiled.match;
    cache.set(filter, p);
  }
  return p;
}

/**
 * Hubble's semantics for ONE FlowFilter. Compiled filters are cached per filter object. An invalid
 * filter (which Hubble would reject with INVALID_ARGUMENT; see compileRelayFilter) matches nothing.
 */
export function matchRelayFilter(filter: RelayFlowFilter, flow: Flow): boolean {
  const p = cached(filter);
  return p?.(flow) ?? false;
}

/** Validates a whole GetFlowsRequest filter pair and returns `whitelist − blacklist` as a predicate. */
export function compileRelayLists(
  whitelist: readonly unknown[],
  blacklist: readonly unknown[],
): { match: FlowPredicate } | { error: string } {
  const allow: FlowPredicate[] = [];
  const deny: FlowPredicate[] = [];
  for (const [list, out, name] of [
    [whitelist, allow, 'whitelist'],
    [blacklist, deny, 'blacklist'],
  ] as const) {
    for (const [i, f] of list.entries()) {
      const c = compileRelayFilter(f);
      if ('error' in c) return { error: `${name}[${i}]: ${c.error}` };
      out.push(c.match);
    }
  }
  return {
    match: (flow) => {
      let allowed = allow.length === 0;
      for (const p of allow) {
        if (p(flow)) {
          allowed = true;
          break;
        }
      }
      if (!allowed) return false;
      for (const p of deny) if (p(flow)) return false;
      return true;
    },
  };
}

/** One-shot form of compileRelayLists (invalid filters behave as in matchRelayFilter). */
export function matchRelayLists(
  whitelist: readonly RelayFlowFilter[],
  blacklist: readonly RelayFlowFilter[],
  flow: Flow,
): boolean {
  if (whitelist.length > 0 && !whitelist.some((f) => matchRelayFilter(f, flow))) return false;
  return !blacklist.some((f) => matchRelayFilter(f, flow));
}
