// Compiles a FlowQuery into one predicate over domain Flows. Each term is translated into the same
// FlowFilter fields toRelayFilters pushes down and evaluated with the same Hubble predicates, so
// "filtered by Relay" and "filtered here" cannot drift apart.

import { relayAlternatives } from './field-map';
import { compileRelayField } from './predicates';
import { compileTimeBounds } from './time-bounds';
import type { FilterTerm, FlowPredicate, FlowQuery } from './types';

const never: FlowPredicate = () => false;

/**
 * The term's positive predicate (negation not applied), or undefined when the term is invalid
 * (unknown field, no values, a value Hubble would reject). validateFlowQuery rules those out.
 */
export function compileTermPositive(term: FilterTerm): FlowPredicate | undefined {
  if (term.values.length === 0) return undefined;
  const alternatives = relayAlternatives(term);
  if (alternatives === undefined) return undefined;
  const preds: FlowPredicate[] = [];
  for (const alt of alternatives) {
    const compiled = compileRelayField(alt.key, alt.values);
    if ('error' in compiled) return undefined;
    preds.push(compiled.match);
  }
  const [a, b] = preds;
  if (a === undefined) return undefined;
  if (b === undefined) return a;
  return (flow) => a(flow) || b(flow);
}

function compileTerm(term: FilterTerm): FlowPredicate {
  const positive = compileTermPositive(term) ?? never;
  return term.negate ? (flow) => !positive(flow) : positive;
}

/**
 * `(flow) => boolean` for a query: all terms must hold, and `flow.time` must lie within
 * [since, until] when those are set. An invalid term matches nothing (negated: everything).
 * `limit` is not a per-flow property and is left to the caller.
 */
export function compileFlowQuery(query: FlowQuery): FlowPredicate {
  const terms = query.terms.map(compileTerm);
  const inTime = compileTimeBounds(query.since, query.until);
  if (terms.length === 0 && inTime === null) return () => true;
  return (flow) => {
    if (inTime !== null && !inTime(flow.time)) return false;
    for (const t of terms) if (!t(flow)) return false;
    return true;
  };
}
