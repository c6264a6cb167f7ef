// The explorer's filter state lives in the URL, with the same parameter names as `/api/flows` and
// `hubble observe` flags (`verdict=DROPPED&not-namespace=kube-system&since=5m`), so a link
// reproduces the view and the address bar doubles as an API example. Pure: shared by the page,
// its tests and the import (offline) mode.
import {
  type FilterField,
  type FilterTerm,
  type FlowQuery,
  parseFlowQuery,
  validateFlowQuery,
} from '../../server/domain/flow-filter';

/** Parameters that belong to the page, not to the filter. */
export const PAGE_PARAMS = ['theme'] as const;

export interface ExplorerUrlState {
  readonly terms: readonly FilterTerm[];
  /** As typed (`5m`, RFC 3339): a relative time must stay relative across reloads. */
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  /** Set when the URL holds a filter the parser refuses; the page shows it instead of guessing. */
  readonly error?: string;
}

export function readExplorerUrl(params: URLSearchParams, now: number): ExplorerUrlState {
  const parsed = parseFlowQuery(params, now, { ignoreParams: PAGE_PARAMS });
  if ('error' in parsed) return { terms: [], error: parsed.error };
  const since = params.get('since') ?? undefined;
  const until = params.get('until') ?? undefined;
  return {
    terms: parsed.query.terms,
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(parsed.query.limit !== undefined ? { limit: parsed.query.limit } : {}),
  };
}

/** The filter as URL parameters (one parameter per value: label selectors and regexes hold commas). */
export function filterParams(state: ExplorerUrlState, options: { withTime?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const term of state.terms) {
    const name = term.negate ? `not-${term.field}` : term.field;
    for (const value of term.values) params.append(name, value);
  }
  if (options.withTime !== false) {
    if (state.since) params.set('since', state.since);
    if (state.until) params.set('until', state.until);
    if (state.limit !== undefined) params.set('limit', String(state.limit));
  }
  return params;
}

/** `?…` for the page URL; keeps page parameters such as `theme` from `keep`. */
export function explorerUrlSearch(state: ExplorerUrlState, keep: URLSearchParams): string {
  const params = filterParams(state);
  for (const name of PAGE_PARAMS) {
    const value = keep.get(name);
    if (value !== null) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The URL state as an absolute FlowQuery (relative times resolved against `now`), or an error. */
export function explorerQuery(
  state: ExplorerUrlState,
  now: number,
): { query: FlowQuery } | { error: string } {
  if (state.error !== undefined) return { error: state.error };
  const parsed = parseFlowQuery(filterParams(state), now);
  return 'error' in parsed ? { error: parsed.error } : { query: parsed.query };
}

export type TermResult = { readonly terms: readonly FilterTerm[] } | { readonly error: string };

/** Adds `value` to the term with the same field and sign (values of one term are OR-ed). */
export function addFilter(
  terms: readonly FilterTerm[],
  field: FilterField,
  value: string,
  negate: boolean,
): TermResult {
  const checked = validateFlowQuery({ terms: [{ field, values: [value], negate }] });
  if ('error' in checked) return { error: checked.error };
  const canonical = checked.query.terms[0]?.values[0] ?? value;
  const index = terms.findIndex((t) => t.field === field && t.negate === negate);
  if (index < 0) return { terms: [...terms, { field, values: [canonical], negate }] };
  const existing = terms[index]!;
  if (existing.values.includes(canonical)) return { terms };
  return { terms: terms.map((t, i) => (i === index ? { ...t, values: [...t.values, canonical] } : t)) };
}

export function removeTerm(terms: readonly FilterTerm[], index: number): readonly FilterTerm[] {
  return terms.filter((_, i) => i !== index);
}

/** Flips a term between `field` and `not-field`, merging into an existing term of the other sign. */
export function toggleNegate(terms: readonly FilterTerm[], index: number): readonly FilterTerm[] {
  const term = terms[index];
  if (term === undefined) return terms;
  const other = terms.findIndex((t) => t.field === term.field && t.negate === !term.negate);
  if (other < 0) return terms.map((t, i) => (i === index ? { ...t, negate: !t.negate } : t));
  const target = terms[other]!;
  const merged = { ...target, values: [...new Set([...target.values, ...term.values])] };
  return terms.flatMap((t, i) => (i === index ? [] : i === other ? [merged] : [t]));
}

/** How a term reads on its chip: `verdict ≠ DROPPED | ERROR` (≠: none of the values). */
export function termLabel(term: FilterTerm): {
  readonly name: string;
  readonly op: '=' | '≠';
  readonly values: string;
} {
  return { name: term.field, op: term.negate ? '≠' : '=', values: term.values.join(' | ') };
}
