// URL query parameters → validated FlowQuery. Parameter names are `hubble observe` flag names
// (`namespace`, `from-pod`, `verdict`, …); `not-<name>` is the negated term (Hubble's `--not <flag>`),
// e.g. `not-verdict=FORWARDED`. A parameter may repeat and, except for label selectors and regular
// expressions (whose syntax uses commas), may hold comma-separated values; all values of one name
// are alternatives (OR), different names must all hold (AND). `since`/`until` take RFC 3339 or a
// duration before `now` ("5m"); `limit` (alias `last`) caps the result to the newest N flows.

import { fieldFamily } from './field-map';
import { hasControlChar } from './patterns';
import { compareTimes, parseTimeBound } from './time-bounds';
import {
  FILTER_FIELDS,
  type FilterField,
  type FilterTerm,
  type FlowQuery,
  type ParseQueryResult,
} from './types';
import { canonicalValue } from './values';

export const MAX_TERMS = 50;
export const MAX_VALUE_BYTES = 1024;
export const MAX_VALUES = 500;
export const MAX_LIMIT = 100_000;

const FIELDS = new Set<string>(FILTER_FIELDS);
const ALIASES: Record<string, FilterField> = { 'drop-reason-desc': 'drop-reason' };
const UNSPLIT = new Set<FilterField>(['http-path', 'http-url', 'dns-query']);

export interface ParseQueryOptions {
  /** Parameter names that belong to the caller (paging, format, …) and are not filters. */
  readonly ignoreParams?: readonly string[];
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function splitValues(field: FilterField, raw: string): string[] {
  if (UNSPLIT.has(field) || fieldFamily(field) === 'label') return [raw];
  return raw.split(',');
}

function checkRaw(name: string, raw: string): string | null {
  const bytes = utf8Length(raw);
  if (bytes > MAX_VALUE_BYTES)
    return `value for "${name}" is too long (${bytes} bytes, max ${MAX_VALUE_BYTES})`;
  if (hasControlChar(raw)) return `value for "${name}" contains a control character`;
  return null;
}

/** Canonicalises and checks a FlowQuery (also one built in code rather than parsed). */
export function validateFlowQuery(query: FlowQuery): ParseQueryResult {
  if (query.terms.length > MAX_TERMS)
    return { error: `too many filters (${query.terms.length}, max ${MAX_TERMS})` };
  const terms: FilterTerm[] = [];
  let total = 0;
  for (const term of query.terms) {
    if (!FIELDS.has(term.field)) return { error: `unknown filter "${String(term.field)}"` };
    const name = term.negate ? `not-${term.field}` : term.field;
    if (term.values.length === 0) return { error: `no value for "${name}"` };
    const values: string[] = [];
    for (const raw of term.values) {
      const bad = checkRaw(name, raw);
      if (bad !== null) return { error: bad };
      const r = canonicalValue(term.field, raw);
      if ('error' in r) return { error: r.error };
      if (!values.includes(r.value)) values.push(r.value);
    }
    total += values.length;
    if (total > MAX_VALUES) return { error: `too many filter values (max ${MAX_VALUES})` };
    terms.push({ field: term.field, values, negate: term.negate });
  }
  for (const key of ['since', 'until'] as const) {
    const v = query[key];
    if (v === undefined) continue;
    // Absolute times only: a FlowQuery carries no "now" for relative ones.
    const r = /^\d{4}-/.test(v) ? parseTimeBound(v, 0) : { error: `invalid time "${v}"` };
    if ('error' in r) return { error: `${key}: ${r.error}` };
  }
  if (query.since !== undefined && query.until !== undefined) {
    if (compareTimes(normalizedTime(query.since), normalizedTime(query.until)) > 0) {
      return { error: '"since" is after "until"' };
    }
  }
  if (
    query.limit !== undefined &&
    !(Number.isInteger(query.limit) && query.limit >= 1 && query.limit <= MAX_LIMIT)
  ) {
    return { error: `invalid limit "${query.limit}" (1 to ${MAX_LIMIT})` };
  }
  return {
    query: {
      terms,
      ...(query.since !== undefined ? { since: normalizedTime(query.since) } : {}),
      ...(query.until !== undefined ? { until: normalizedTime(query.until) } : {}),
      ...(query.limit !== undefined ? { limit: query.limit } : {}),
    },
  };
}

function normalizedTime(v: string): string {
  const r = parseTimeBound(v, 0);
  return 'value' in r ? r.value : v;
}

export function parseFlowQuery(
  params: URLSearchParams,
  now: number,
  options: ParseQueryOptions = {},
): ParseQueryResult {
  const ignored = new Set(options.ignoreParams ?? []);
  const grouped = new Map<string, { field: FilterField; negate: boolean; values: string[] }>();
  const single: Record<'since' | 'until' | 'limit', string | undefined> = {
    since: undefined,
    until: undefined,
    limit: undefined,
  };
  let count = 0;
  for (const [rawName, raw] of params) {
    if (++count > MAX_VALUES) return { error: `too many query parameters (max ${MAX_VALUES})` };
    if (ignored.has(rawName)) continue;
    const name = rawName === 'last' ? 'limit' : rawName;
    const bad = checkRaw(rawName, raw);
    if (bad !== null) return { error: bad };
    if (name === 'since' || name === 'until' || name === 'limit') {
      if (single[name] !== undefined) return { error: `"${rawName}" given more than once` };
      single[name] = raw;
      continue;
    }
    if (name === 'cel' || name === 'cel-expression') return { error: 'CEL expressions are not supported' };
    const negate = name.startsWith('not-');
    const base = negate ? name.slice(4) : name;
    const field = Object.hasOwn(ALIASES, base) ? (ALIASES[base] ?? base) : base;
    if (!FIELDS.has(field)) return { error: `unknown filter "${rawName}"` };
    const typed = field as FilterField;
    const key = `${negate ? '!' : ''}${typed}`;
    let entry = grouped.get(key);
    if (entry === undefined) {
      entry = { field: typed, negate, values: [] };
      grouped.set(key, entry);
    }
    for (const part of splitValues(typed, raw)) {
      if (part.trim() === '') return { error: `empty value for "${rawName}"` };
      entry.values.push(part);
    }
    if (grouped.size > MAX_TERMS) return { error: `too many filters (max ${MAX_TERMS})` };
  }
  const query: { terms: FilterTerm[]; since?: string; until?: string; limit?: number } = {
    terms: [...grouped.values()],
  };
  for (const key of ['since', 'until'] as const) {
    const raw = single[key];
    if (raw === undefined) continue;
    const r = parseTimeBound(raw, now);
    if ('error' in r) return { error: `${key}: ${r.error}` };
    query[key] = r.value;
  }
  if (single.limit !== undefined) {
    if (!/^[0-9]{1,7}$/.test(single.limit.trim())) return { error: `invalid limit "${single.limit}"` };
    query.limit = Number(single.limit.trim());
  }
  return validateFlowQuery(query);
}
