/*
 * Value matchers used by rule evaluation and by the suggestion builder: toFQDNs names/patterns and
 * L7 HTTP method/path expressions.
 */

import type { FqdnRecord, HttpRuleRecord } from './policy-types';

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Cilium toFQDNs: matchName is exact (case-insensitive, trailing dot ignored); in matchPattern `*`
 * stands for any characters allowed in one DNS label, `**.` for any number of leading labels, and
 * a lone `*` for every name.
 */
export function matchesFqdn(selector: FqdnRecord, name: string): boolean {
  const target = normalizeName(name);
  if (selector.matchName !== undefined) return normalizeName(selector.matchName) === target;
  if (selector.matchPattern === undefined) return false;
  const pattern = normalizeName(selector.matchPattern);
  if (pattern === '*') return true;
  const body = pattern
    .split('**.')
    .map((part) => part.split('*').map(escapeRegex).join('[-a-z0-9_]*'))
    .join('(?:[-a-z0-9_]+\\.)*');
  return new RegExp(`^${body}$`).test(target);
}

/** Full-match of a Cilium HTTP rule field (an extended regex); `undefined` when it cannot compile. */
function regexFullMatch(expression: string, value: string): boolean | undefined {
  try {
    return new RegExp(`^(?:${expression})$`).test(value);
  } catch {
    return undefined;
  }
}

/**
 * Does one HTTP rule admit a request? Empty rule fields match everything; a field the request did
 * not report, or an expression that does not compile, gives `unknown`. `host` is not evaluated
 * (Hubble's url carries it, but rules rarely use it) and counts as a match.
 */
export function matchesHttpRule(
  rule: HttpRuleRecord,
  method: string | undefined,
  path: string | undefined,
): 'allowed' | 'not-allowed' | 'unknown' {
  const checks: (boolean | undefined)[] = [];
  if (rule.method !== undefined && rule.method !== '') {
    checks.push(method === undefined ? undefined : regexFullMatch(rule.method, method));
  }
  if (rule.path !== undefined && rule.path !== '') {
    checks.push(path === undefined ? undefined : regexFullMatch(rule.path, path));
  }
  if (checks.includes(false)) return 'not-allowed';
  return checks.includes(undefined) ? 'unknown' : 'allowed';
}

/** A literal path as a Cilium path expression; a seen query string is admitted with `(\?.*)?`. */
export function pathExpression(pathWithQuery: string): string {
  const query = pathWithQuery.indexOf('?');
  const path = query < 0 ? pathWithQuery : pathWithQuery.slice(0, query);
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return query < 0 ? escaped : `${escaped}(\\?.*)?`;
}
