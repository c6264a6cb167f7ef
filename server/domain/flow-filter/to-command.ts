// Renders a FlowQuery as an equivalent `hubble observe` command line. Plain flags are used when the
// Hubble CLI gives them the query's meaning; otherwise the filters go in `--allowlist` /
// `--denylist` as FlowFilter JSON (Hubble CLI ≥ 0.11), which the CLI sends verbatim. Why flags are
// not always enough, from cilium/hubble cmd/observe/flows_filter.go:
//  - all positive flags are merged into two FlowFilters (a source and a destination variant), so two
//    side-less flags (`--pod a --port 80`) mean "pod a AND port 80 on the SAME side";
//  - every `--not` flag lands in one blacklist tracker, so `--not --a --not --b` excludes "a AND b",
//    not "a OR b";
//  - some flag pairs are refused as conflicting, and `--namespace` rewrites pod/service flags.

import { cliFlag, fieldSide } from './field-map';
import { hasControlChar } from './patterns';
import { toRelayFilters } from './to-relay';
import type { FilterField, FilterTerm, FlowQuery, RelayFlowFilter } from './types';

export interface CommandOptions {
  /** Add `--follow`. Default: when the query has neither `until` nor `limit`. */
  readonly follow?: boolean;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX shell quoting: safe words stay bare, anything else is single-quoted. */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function flagArg(flag: string, value: string): string {
  // pflag would still take "-x" as the value, but "--flag=-x" cannot be misread by anyone.
  return value.startsWith('-') ? `--${flag}=${shellQuote(value)}` : `--${flag} ${shellQuote(value)}`;
}

// Union of the conflict groups of the Hubble CLI before and after `--namespace` became a modifier.
const CONFLICTS: readonly (readonly string[])[] = [
  ['from-fqdn', 'from-ip', 'from-namespace', 'from-pod', 'fqdn', 'ip', 'namespace', 'pod'],
  ['to-fqdn', 'to-ip', 'to-namespace', 'to-pod', 'fqdn', 'ip', 'namespace', 'pod'],
  ['to-pod', 'namespace'],
  ['from-pod', 'namespace'],
  ['to-service', 'namespace'],
  ['from-service', 'namespace'],
  ['label', 'from-label'],
  ['label', 'to-label'],
  ['service', 'from-service'],
  ['service', 'to-service'],
  ['port', 'to-port'],
  ['port', 'from-port'],
  ['identity', 'to-identity'],
  ['identity', 'from-identity'],
  ['workload', 'to-workload'],
  ['workload', 'from-workload'],
];

const NAMESPACE_FIELDS = new Set<FilterField>(['namespace', 'from-namespace', 'to-namespace']);
const POD_OR_SERVICE = new Set<FilterField>([
  'pod',
  'from-pod',
  'to-pod',
  'service',
  'from-service',
  'to-service',
]);

function sides(field: FilterField): readonly string[] {
  const side = fieldSide(field);
  return side === 'either' ? ['source', 'destination'] : [side];
}

/** True when `--flag value …` for these positive terms means exactly their conjunction. */
function flagsExpress(terms: readonly FilterTerm[]): boolean {
  const fields = terms.map((t) => t.field);
  if (fields.some((f) => cliFlag(f) === undefined)) return false;
  if (new Set(fields).size !== fields.length) return false;
  if (fields.filter((f) => fieldSide(f) === 'either').length > 1) return false;
  for (const group of CONFLICTS) {
    if (fields.filter((f) => group.includes(f)).length > 1) return false;
  }
  // `--namespace` / `--from-namespace` rewrite pod and service filters of the same side.
  for (const ns of fields.filter((f) => NAMESPACE_FIELDS.has(f))) {
    for (const other of fields.filter((f) => POD_OR_SERVICE.has(f))) {
      if (sides(ns).some((s) => sides(other).includes(s))) return false;
    }
  }
  return true;
}

function jsonFlags(flag: 'allowlist' | 'denylist', filters: readonly RelayFlowFilter[]): string[] {
  return filters.map((f) => `--${flag} ${shellQuote(JSON.stringify(f))}`);
}

function describeTerms(terms: readonly FilterTerm[]): string {
  return terms.map((t) => `${t.negate ? 'not-' : ''}${t.field}=${t.values.join(',')}`).join(' ');
}

/**
 * `hubble observe …` equivalent to the query. Terms no FlowFilter can express (only possible for
 * hand-built queries, e.g. two terms on the same endpoint field) are listed in a trailing shell
 * comment (control characters blanked out).
 */
export function toHubbleCommand(query: FlowQuery, options: CommandOptions = {}): string {
  const parts = ['hubble', 'observe'];
  const positives = query.terms.filter((t) => !t.negate);
  const negatives = query.terms.filter((t) => t.negate);
  const relay = toRelayFilters(query, { maxWhitelistFilters: 1 << 10 });
  const unexpressed = new Set(relay.residual.terms);

  const asFlags = flagsExpress(positives);
  if (positives.length > 0 && asFlags) {
    for (const t of positives) for (const v of t.values) parts.push(flagArg(cliFlag(t.field) ?? t.field, v));
  } else {
    parts.push(...jsonFlags('allowlist', relay.whitelist));
  }

  const single = negatives[0];
  if (negatives.length === 1 && single !== undefined && cliFlag(single.field) !== undefined) {
    for (const v of single.values) parts.push(`--not ${flagArg(cliFlag(single.field) ?? single.field, v)}`);
    unexpressed.delete(single);
  } else {
    parts.push(...jsonFlags('denylist', relay.blacklist));
  }
  if (asFlags) for (const t of positives) unexpressed.delete(t);

  if (query.since !== undefined) parts.push(flagArg('since', query.since));
  if (query.until !== undefined) parts.push(flagArg('until', query.until));
  if (query.limit !== undefined) parts.push(`--last ${query.limit}`);
  if (options.follow ?? (query.until === undefined && query.limit === undefined)) parts.push('--follow');
  if (unexpressed.size > 0) {
    const left = query.terms.filter((t) => unexpressed.has(t));
    const text = [...describeTerms(left)].map((c) => (hasControlChar(c) ? ' ' : c)).join('');
    parts.push(`# not expressible as Hubble filters: ${text}`);
  }
  return parts.join(' ');
}
