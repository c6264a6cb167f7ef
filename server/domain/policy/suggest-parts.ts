/*
 * Pieces of a suggested CiliumNetworkPolicy rule: the endpoint/peer selectors, the peer clause
 * (endpoints, entities, FQDNs, CIDRs) and the L4/L7 clause.
 */

import { hostCidr } from './cidr';
import type { EndpointView } from './drop-group';
import { requestPath } from './drop-group';
import type { FlowView } from './evaluate';
import { formatLabels, identifyingLabelCandidates, NAMESPACE_KEY, workloadLabels } from './labels';
import { pathExpression } from './matchers';
import type { ParseResult } from './policy-types';
import { type LabelSelector, type SelectorContext, selectorMatches } from './selector';

export interface RulePart {
  readonly fields: Readonly<Record<string, unknown>>;
  /** Short human name used in the policy name and description. */
  readonly name: string;
  readonly notes: readonly string[];
}

// Past these counts a list of names/addresses stops being a "small" rule.
const MAX_FQDNS = 10;
const MAX_CIDRS = 8;
const MAX_HTTP_RULES = 20;

const sameWorkload = (a: EndpointView, b: EndpointView): boolean =>
  a.namespace === b.namespace &&
  formatLabels(workloadLabels(a.labels)) === formatLabels(workloadLabels(b.labels));

/** First candidate label set whose selector selects no known endpoint of another workload. */
export function chooseSelector(
  target: EndpointView,
  known: readonly EndpointView[],
  ctx: SelectorContext,
  extra: Readonly<Record<string, string>> = {},
): LabelSelector | undefined {
  const selectors: LabelSelector[] = identifyingLabelCandidates(target.labels).map((labels) => ({
    matchLabels: { ...Object.fromEntries(labels), ...extra },
  }));
  const foreign = known.filter((other) => !sameWorkload(other, target));
  const fits = (selector: LabelSelector) =>
    selectorMatches(selector, target.labels, ctx) &&
    !foreign.some((other) => selectorMatches(selector, other.labels, ctx));
  return selectors.find(fits) ?? selectors[selectors.length - 1];
}

/** The workload's primary label value, else a pod name. */
export function endpointShortName(view: EndpointView): string {
  const labels = identifyingLabelCandidates(view.labels)[0];
  return [...(labels?.values() ?? [])][0] ?? view.podNames[0] ?? view.reserved ?? 'endpoint';
}

/** DNS-1123 name from parts, at most 63 characters. */
export function policyName(parts: readonly string[]): string {
  const text = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return text === '' ? 'skymap-allow' : text;
}

function isOutside(peer: EndpointView): boolean {
  if (peer.reserved !== undefined) return peer.reserved === 'world';
  return [...peer.labels.keys()].every((key) => key.startsWith('cidr:') || key.startsWith('fqdn:'));
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))].sort();
}

/** The peer clause: fromEndpoints/toEndpoints, *Entities, toFQDNs or *CIDR. */
export function buildPeer(
  view: FlowView,
  known: readonly EndpointView[],
  policyNamespace: string,
): ParseResult<RulePart> {
  const peer = view.peer;
  const prefix = view.direction === 'ingress' ? 'from' : 'to';
  if (peer.reserved !== undefined && peer.reserved !== 'world') {
    return { value: { fields: { [`${prefix}Entities`]: [peer.reserved] }, name: peer.reserved, notes: [] } };
  }
  if (peer.labels.size === 0 && peer.ips.length === 0 && peer.fqdns.length === 0) {
    return { error: 'the peer has no labels, identity or address in these flows' };
  }
  if (isOutside(peer)) {
    const names = uniqueSorted(peer.fqdns.map((name) => name.replace(/\.$/, '')));
    if (view.direction === 'egress' && names.length > 0 && names.length <= MAX_FQDNS) {
      const note =
        'toFQDNs only works when the DNS lookups of this workload pass through the Cilium DNS proxy ' +
        '(an egress rule to kube-dns on port 53 with rules.dns, e.g. matchPattern "*").';
      return {
        value: {
          fields: { toFQDNs: names.map((matchName) => ({ matchName })) },
          name: names[0] ?? 'fqdn',
          notes: [note],
        },
      };
    }
    const cidrs = uniqueSorted(peer.ips)
      .map(hostCidr)
      .filter((c): c is string => c !== undefined);
    if (cidrs.length > 0 && cidrs.length <= MAX_CIDRS) {
      return {
        value: {
          fields: { [`${prefix}CIDR`]: cidrs },
          name: cidrs.length === 1 ? (cidrs[0] ?? 'cidr') : 'cidrs',
          notes: ['The peer has no DNS name in these flows; the rule pins its current IP addresses.'],
        },
      };
    }
    return {
      value: {
        fields: { [`${prefix}Entities`]: ['world'] },
        name: 'world',
        notes: ['This admits every address outside the cluster on this port.'],
      },
    };
  }
  if (peer.namespace === undefined) return { error: 'the peer has no namespace and no reserved identity' };
  const extra: Record<string, string> =
    peer.namespace === policyNamespace ? {} : { [`k8s:${NAMESPACE_KEY}`]: peer.namespace };
  const selector = chooseSelector(peer, known, { role: 'peer', policyNamespace }, extra);
  if (selector === undefined) {
    return { error: 'the peer has no workload labels to select it by (only its namespace)' };
  }
  return {
    value: { fields: { [`${prefix}Endpoints`]: [selector] }, name: endpointShortName(peer), notes: [] },
  };
}

function httpRules(view: FlowView, notes: string[]): Record<string, string>[] {
  const byPath = new Map<string, { path: string; query: boolean; methods: Set<string> }>();
  const methods = new Set<string>();
  for (const req of view.http) {
    const full = requestPath(req.path);
    const method = req.method?.trim().toUpperCase() || undefined;
    if (method !== undefined) methods.add(method);
    const path = full === undefined ? '' : (full.split('?')[0] ?? '');
    const entry = byPath.get(path) ?? { path, query: false, methods: new Set<string>() };
    if (full?.includes('?')) entry.query = true;
    entry.methods.add(method ?? '');
    byPath.set(path, entry);
  }
  const rules: Record<string, string>[] = [];
  for (const entry of [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const path = entry.path === '' ? undefined : pathExpression(entry.query ? `${entry.path}?` : entry.path);
    for (const method of [...entry.methods].sort()) {
      const rule: Record<string, string> = {};
      if (method !== '') rule.method = method;
      if (path !== undefined) rule.path = path;
      if (Object.keys(rule).length > 0) rules.push(rule);
    }
  }
  if (rules.length <= MAX_HTTP_RULES) return rules;
  notes.push(`More than ${MAX_HTTP_RULES} distinct HTTP requests were seen; the rule allows by method only.`);
  return [...methods].sort().map((method) => ({ method }));
}

/** The L4 clause (toPorts or icmps), with an HTTP rule when HTTP requests were seen. */
export function buildPorts(view: FlowView): ParseResult<RulePart> {
  const protocol = view.protocol;
  if (protocol === 'ICMP' || protocol === 'ICMPV6') {
    if (view.icmpType === undefined) return { error: 'the ICMP type of the dropped flows is unknown' };
    const family = protocol === 'ICMP' ? 'IPv4' : 'IPv6';
    return {
      value: {
        fields: { icmps: [{ fields: [{ family, type: view.icmpType }] }] },
        name: `${protocol.toLowerCase()}-${view.icmpType}`,
        notes: [],
      },
    };
  }
  if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
    return { error: `protocol ${protocol} cannot be expressed as a port rule` };
  }
  if (view.port === undefined) return { error: 'the destination port of the dropped flows is unknown' };
  const notes: string[] = [];
  const portRule: Record<string, unknown> = { ports: [{ port: String(view.port), protocol }] };
  if (view.http.length > 0) {
    if (protocol === 'TCP') {
      const http = httpRules(view, notes);
      if (http.length > 0) portRule.rules = { http };
    } else {
      notes.push('HTTP was seen over a non-TCP protocol; no L7 rule was added.');
    }
  }
  return {
    value: { fields: { toPorts: [portRule] }, name: `${view.port}-${protocol.toLowerCase()}`, notes },
  };
}
