/*
 * Short human-readable descriptions of endpoints, selectors and rules for drop explanations.
 */

import type { EndpointView } from './drop-group';
import type { FlowView } from './evaluate';
import { formatLabels, workloadLabels } from './labels';
import type { PeerSelection, PortRecord, RuleRecord, TrafficDirection } from './policy-types';
import type { LabelSelector } from './selector';

const MAX_LISTED = 3;

export function listSome(items: readonly string[], max = MAX_LISTED): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expr of selector.matchExpressions ?? []) {
    const values = expr.values ?? [];
    if (expr.operator === 'Exists') parts.push(`${expr.key} exists`);
    else if (expr.operator === 'DoesNotExist') parts.push(`no ${expr.key}`);
    else parts.push(`${expr.key} ${expr.operator} (${values.join(', ')})`);
  }
  return parts.length === 0 ? '{} (everything in scope)' : `{${parts.join(', ')}}`;
}

export function describeEndpoint(view: EndpointView): string {
  const labels = formatLabels(workloadLabels(view.labels));
  const withLabels = labels === '' ? '' : ` (${labels})`;
  if (view.reserved === 'world' || (view.reserved === undefined && view.namespace === undefined)) {
    const names = view.fqdns.length > 0 ? listSome(view.fqdns) : listSome(view.ips);
    return names === '' ? 'an address outside the cluster' : `${names} (outside the cluster)`;
  }
  if (view.reserved !== undefined) {
    const ips = view.ips.length > 0 ? ` (${listSome(view.ips)})` : '';
    return `the ${view.reserved} entity${ips}`;
  }
  const ns = view.namespace ?? '?';
  if (view.podNames.length > 0) {
    const noun = view.podNames.length === 1 ? 'pod' : 'pods';
    return `${noun} ${ns}/${listSome(view.podNames)}${withLabels}`;
  }
  return `pods in ${ns}${withLabels}`;
}

export function describeTraffic(view: FlowView): string {
  if (view.protocol === 'ICMP' || view.protocol === 'ICMPV6') {
    const family = view.protocol === 'ICMP' ? 'ICMPv4' : 'ICMPv6';
    return view.icmpType === undefined ? family : `${family} type ${view.icmpType}`;
  }
  return view.port === undefined ? view.protocol : `${view.port}/${view.protocol}`;
}

function describePeers(peers: PeerSelection, direction: TrafficDirection): string {
  if (peers.all) return 'any peer';
  const parts = [
    ...peers.endpoints.map(describeSelector),
    ...peers.entities.map((entity) => `entity ${entity}`),
    ...peers.cidrs.map((c) => (c.except.length > 0 ? `${c.cidr} except ${c.except.join(', ')}` : c.cidr)),
    ...peers.fqdns.map((f) => f.matchName ?? f.matchPattern ?? '?'),
    ...peers.k8sPeers.map((p) => {
      if (p.ipBlock !== undefined) return `ipBlock ${p.ipBlock.cidr}`;
      const pods = p.podSelector === undefined ? 'all pods' : `pods ${describeSelector(p.podSelector)}`;
      const nss =
        p.namespaceSelector === undefined ? '' : ` in namespaces ${describeSelector(p.namespaceSelector)}`;
      return `${pods}${nss}`;
    }),
    ...peers.unsupported,
  ];
  if (parts.length === 0) return 'no peer';
  return `${direction === 'ingress' ? 'from' : 'to'} ${listSome(parts)}`;
}

function describePort(record: PortRecord): string {
  const range = record.endPort !== undefined ? `${record.port}-${record.endPort}` : record.port;
  const port = range === undefined || range === '0' ? 'any port' : range;
  return `${port}/${record.protocol}`;
}

export function describeRule(rule: RuleRecord, direction: TrafficDirection): string {
  const peers = describePeers(rule.peers, direction);
  if (rule.l4.all) return `${peers}, any port`;
  const ports = rule.l4.portRules.map((portRule) => {
    const base = portRule.ports.map(describePort).join(', ');
    if (portRule.http.length === 0) return base;
    const http = portRule.http.map((h) => [h.method, h.path].filter(Boolean).join(' ') || 'any request');
    return `${base} (HTTP ${listSome(http)})`;
  });
  const icmps = rule.l4.icmps.map((icmp) => `${icmp.family === 'IPv4' ? 'ICMPv4' : 'ICMPv6'} ${icmp.type}`);
  return `${peers} on ${listSome([...ports, ...icmps])}`;
}
