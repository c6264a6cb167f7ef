// Splits a FlowQuery into what Hubble Relay can evaluate (GetFlowsRequest whitelist/blacklist) and
// a residual query Skymap applies itself. Invariant, for every flow:
//   (whitelist empty or any whitelist filter matches) and no blacklist filter matches and residual
//   matches   ⇔   the original query matches.
// Positive terms become fields of every whitelist filter; a side-less endpoint term (pod, ip, …)
// doubles the filters (source variant OR destination variant). A negated term becomes one blacklist
// filter per alternative, since the blacklist is OR-ed. Two positive terms on one FlowFilter field
// are intersected where that is exact; what cannot be expressed stays residual.

import { type RelayAlternative, relayAlternatives } from './field-map';
import { compileRelayField } from './predicates';
import { httpCompatibleEventTypes, RELAY_FILTER_KEYS } from './relay-filter';
import type { FilterTerm, FlowQuery, RelayFilterKey, RelayFilterValue, RelayFlowFilter } from './types';

export interface ToRelayOptions {
  /**
   * FlowFilter fields the target Hubble understands. A field unknown to an older server is ignored
   * by it (so it would match everything); leave such fields out here to keep them residual.
   * Default: every field of Cilium v1.19.
   */
  readonly supportedKeys?: ReadonlySet<RelayFilterKey>;
  /** Cap on whitelist filters (2^side-less terms); further side-less terms stay residual. Default 16. */
  readonly maxWhitelistFilters?: number;
}

export interface RelayFilters {
  readonly whitelist: RelayFlowFilter[];
  readonly blacklist: RelayFlowFilter[];
  /** Terms Relay cannot evaluate, plus since/until/limit (pass those to GetFlowsRequest as well). */
  readonly residual: FlowQuery;
}

const ALL_KEYS: ReadonlySet<RelayFilterKey> = new Set(RELAY_FILTER_KEYS);
const HTTP_KEYS: ReadonlySet<RelayFilterKey> = new Set([
  'http_status_code',
  'http_method',
  'http_path',
  'http_url',
]);

function pushable(
  term: FilterTerm,
  supported: ReadonlySet<RelayFilterKey>,
): readonly RelayAlternative[] | null {
  if (term.values.length === 0) return null;
  const alternatives = relayAlternatives(term);
  if (alternatives === undefined) return null;
  for (const alt of alternatives) {
    if (!supported.has(alt.key)) return null;
    if ('error' in compileRelayField(alt.key, alt.values)) return null;
  }
  return alternatives;
}

function filterOf(fields: ReadonlyMap<RelayFilterKey, readonly RelayFilterValue[]>): RelayFlowFilter {
  const out: Record<string, readonly RelayFilterValue[]> = {};
  for (const [key, values] of fields) out[key] = [...values];
  return out as RelayFlowFilter;
}

// Keys whose value lists can be intersected exactly: the AND of two terms on such a key is again one
// list. Exact-match keys intersect as sets; pod/service values ("ns/prefix") intersect to the longer
// prefix within the same namespace.
const EXACT_KEYS: ReadonlySet<RelayFilterKey> = new Set([
  'verdict',
  'drop_reason_desc',
  'traffic_direction',
  'ip_version',
  'uuid',
  'reply',
  'source_identity',
  'destination_identity',
  'source_port',
  'destination_port',
  'http_method',
]);
const PREFIX_KEYS: ReadonlySet<RelayFilterKey> = new Set([
  'source_pod',
  'destination_pod',
  'source_service',
  'destination_service',
]);

function intersect(
  key: RelayFilterKey,
  a: readonly RelayFilterValue[],
  b: readonly RelayFilterValue[],
): RelayFilterValue[] {
  if (EXACT_KEYS.has(key)) return a.filter((v) => b.includes(v));
  const out: string[] = [];
  for (const x of a) {
    for (const y of b) {
      if (typeof x !== 'string' || typeof y !== 'string') continue;
      const [nsX, prefixX = ''] = x.split('/');
      const [nsY, prefixY = ''] = y.split('/');
      if (nsX !== nsY) continue;
      const longer = prefixX.startsWith(prefixY) ? x : prefixY.startsWith(prefixX) ? y : undefined;
      if (longer !== undefined && !out.includes(longer)) out.push(longer);
    }
  }
  return out;
}

interface Plan {
  readonly residual: FilterTerm[];
  readonly blacklist: RelayFlowFilter[];
  readonly whitelist: RelayFlowFilter[];
  /** Pushed positive terms exist but no whitelist filter is satisfiable. */
  readonly empty: boolean;
}

function plan(
  query: FlowQuery,
  supported: ReadonlySet<RelayFilterKey>,
  maxFilters: number,
  mayIntersect: boolean,
): Plan {
  const residual: FilterTerm[] = [];
  const blacklist: RelayFlowFilter[] = [];
  const single: { term: FilterTerm; alt: RelayAlternative }[] = [];
  const branches: { term: FilterTerm; alts: readonly RelayAlternative[] }[] = [];
  const used = new Set<RelayFilterKey>();
  const clashes = (key: RelayFilterKey) =>
    used.has(key) && !(mayIntersect && (EXACT_KEYS.has(key) || PREFIX_KEYS.has(key)));

  for (const term of query.terms) {
    const alts = pushable(term, supported);
    if (alts === null) {
      residual.push(term);
    } else if (term.negate) {
      for (const alt of alts) blacklist.push(filterOf(new Map([[alt.key, alt.values]])));
    } else if (alts.some((a) => clashes(a.key))) {
      // One FlowFilter field holds alternatives (OR); a second term on it would need AND.
      residual.push(term);
    } else if (alts.length === 1 && alts[0] !== undefined) {
      single.push({ term, alt: alts[0] });
      used.add(alts[0].key);
    } else if (2 ** (branches.length + 1) > maxFilters) {
      residual.push(term);
    } else {
      branches.push({ term, alts });
      for (const a of alts) used.add(a.key);
    }
  }

  const eventTypes = single.find((s) => s.alt.key === 'event_type')?.alt.values;
  const chosen: RelayAlternative[] = [];
  for (const s of single) {
    if (HTTP_KEYS.has(s.alt.key) && !httpCompatibleEventTypes(eventTypes)) {
      // Hubble rejects such a filter outright; evaluating the HTTP term here keeps the request valid.
      residual.push(s.term);
    } else {
      chosen.push(s.alt);
    }
  }

  const whitelist: RelayFlowFilter[] = [];
  if (chosen.length === 0 && branches.length === 0) return { residual, blacklist, whitelist, empty: false };
  for (let combo = 0; combo < 2 ** branches.length; combo++) {
    const parts = [...chosen];
    branches.forEach((b, i) => {
      const alt = b.alts[(combo >> (branches.length - 1 - i)) & 1];
      if (alt !== undefined) parts.push(alt);
    });
    const fields = new Map<RelayFilterKey, readonly RelayFilterValue[]>();
    let satisfiable = true;
    for (const p of parts) {
      const before = fields.get(p.key);
      const values = before === undefined ? p.values : intersect(p.key, before, p.values);
      if (values.length === 0) satisfiable = false;
      fields.set(p.key, values);
    }
    // An OR-ed alternative that cannot match anything is simply left out.
    if (satisfiable) whitelist.push(filterOf(fields));
  }
  return { residual, blacklist, whitelist, empty: whitelist.length === 0 };
}

export function toRelayFilters(query: FlowQuery, options: ToRelayOptions = {}): RelayFilters {
  const supported = options.supportedKeys ?? ALL_KEYS;
  const maxFilters = Math.max(1, options.maxWhitelistFilters ?? 16);
  let p = plan(query, supported, maxFilters, true);
  // An empty whitelist would mean "everything"; keep the contradicting terms residual instead.
  if (p.empty) p = plan(query, supported, maxFilters, false);
  const residualQuery: FlowQuery = {
    terms: query.terms.filter((t) => p.residual.includes(t)),
    ...(query.since !== undefined ? { since: query.since } : {}),
    ...(query.until !== undefined ? { until: query.until } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
  };
  return { whitelist: p.whitelist, blacklist: p.blacklist, residual: residualQuery };
}
