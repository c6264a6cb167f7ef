/*
 * Evaluates PolicyRecords against one group of flows: which specs select the enforcing endpoint,
 * whether an allow rule admits the peer/port/HTTP requests, whether a deny rule matches.
 * Answers are three-valued: `unknown` when a rule uses something Skymap cannot evaluate (named
 * ports it has no mapping for, toServices, CIDR groups, L7 rules without seen requests…).
 */

import { ipInCidrSet } from './cidr';
import {
  classifyReason,
  type DropGroupInput,
  type EndpointView,
  endpointView,
  type HttpRequestSeen,
  normalizeProtocol,
  requestPath,
} from './drop-group';
import { matchesFqdn, matchesHttpRule } from './matchers';
import type {
  HttpRuleRecord,
  K8sPeerRecord,
  L4Selection,
  PolicyRecord,
  PolicySpecRecord,
  PortRecord,
  RuleRecord,
  TrafficDirection,
} from './policy-types';
import { selectorMatches } from './selector';

export type Decision = 'allowed' | 'not-allowed' | 'unknown';

/** A group seen from the enforcing side: `subject` is the endpoint whose policy applies. */
export interface FlowView {
  readonly direction: TrafficDirection;
  readonly subject: EndpointView;
  readonly peer: EndpointView;
  readonly destination: EndpointView;
  readonly protocol: string;
  readonly port?: number;
  readonly icmpType?: number;
  readonly http: readonly HttpRequestSeen[];
}

export function flowView(group: DropGroupInput, direction: TrafficDirection): FlowView {
  const source = endpointView(group.source);
  const destination = endpointView(group.destination);
  return {
    direction,
    subject: direction === 'ingress' ? destination : source,
    peer: direction === 'ingress' ? source : destination,
    destination,
    protocol: normalizeProtocol(group.protocol),
    port: group.port,
    icmpType: group.icmpType,
    http: group.http ?? [],
  };
}

function any(decisions: Iterable<Decision>): Decision {
  let unknown = false;
  for (const decision of decisions) {
    if (decision === 'allowed') return 'allowed';
    if (decision === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'not-allowed';
}

function both(a: Decision, b: Decision): Decision {
  if (a === 'not-allowed' || b === 'not-allowed') return 'not-allowed';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'allowed';
}

/** Remote or host-side entities are never the subject of an endpointSelector/podSelector. */
const NOT_SELECTABLE = new Set(['host', 'world', 'remote-node', 'kube-apiserver', 'unmanaged']);

export function specSelects(policy: PolicyRecord, spec: PolicySpecRecord, subject: EndpointView): boolean {
  if (spec.subject.kind === 'nodes') {
    return subject.reserved === 'host' && selectorMatches(spec.subject.selector, subject.labels);
  }
  if (subject.reserved !== undefined && NOT_SELECTABLE.has(subject.reserved)) return false;
  if (policy.kind === 'NetworkPolicy') {
    if (subject.reserved !== undefined) return false;
    return selectorMatches(spec.subject.selector, subject.labels, {
      dialect: 'kubernetes',
      role: 'subject',
      policyNamespace: policy.namespace,
    });
  }
  return selectorMatches(spec.subject.selector, subject.labels, {
    role: 'subject',
    policyNamespace: policy.namespace,
  });
}

/** Specs of `policy` that select the subject AND put it into default deny for the view's direction. */
export function enforcingSpecs(policy: PolicyRecord, view: FlowView): PolicySpecRecord[] {
  return policy.specs.filter(
    (spec) => spec.enforces[view.direction] && specSelects(policy, spec, view.subject),
  );
}

const WORLD_LABELS = ['reserved:world', 'reserved:world-ipv4', 'reserved:world-ipv6'];

function isOutsideCluster(peer: EndpointView): boolean {
  if (peer.reserved === 'world') return true;
  if (peer.reserved !== undefined) return false;
  // CIDR/FQDN identities and bare IPs (no identity at all) are outside-cluster peers.
  return [...peer.labels.keys()].every((key) => key.startsWith('cidr:') || key.startsWith('fqdn:'));
}

export function entityMatches(entity: string, peer: EndpointView): boolean {
  switch (entity) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'world':
    case 'world-ipv4':
    case 'world-ipv6':
      return (
        WORLD_LABELS.some((key) => peer.labels.has(key)) || (isOutsideCluster(peer) && peer.ips.length > 0)
      );
    case 'cluster':
      return !isOutsideCluster(peer);
    default:
      return peer.labels.has(`reserved:${entity}`);
  }
}

function k8sPeerMatches(policy: PolicyRecord, peer: K8sPeerRecord, view: FlowView): boolean {
  const target = view.peer;
  if (peer.ipBlock !== undefined) {
    const block = peer.ipBlock;
    return isOutsideCluster(target) && target.ips.some((ip) => ipInCidrSet(ip, block.cidr, block.except));
  }
  if (target.reserved !== undefined || target.namespace === undefined) return false;
  const ctx = { dialect: 'kubernetes' as const };
  if (peer.namespaceSelector !== undefined) {
    if (!selectorMatches(peer.namespaceSelector, target.namespaceLabels, ctx)) return false;
  } else if (target.namespace !== policy.namespace) {
    return false;
  }
  return peer.podSelector === undefined || selectorMatches(peer.podSelector, target.labels, ctx);
}

export function peerDecision(policy: PolicyRecord, rule: RuleRecord, view: FlowView): Decision {
  const { peers } = rule;
  if (peers.all) return 'allowed';
  const peer = view.peer;
  const ctx = { role: 'peer' as const, policyNamespace: policy.namespace };
  const matched =
    peers.endpoints.some((selector) => selectorMatches(selector, peer.labels, ctx)) ||
    peers.entities.some((entity) => entityMatches(entity, peer)) ||
    (isOutsideCluster(peer) &&
      peers.cidrs.some((c) => peer.ips.some((ip) => ipInCidrSet(ip, c.cidr, c.except)))) ||
    (view.direction === 'egress' &&
      peers.fqdns.some((f) => peer.fqdns.some((name) => matchesFqdn(f, name)))) ||
    peers.k8sPeers.some((p) => k8sPeerMatches(policy, p, view));
  if (matched) return 'allowed';
  return peers.unsupported.length > 0 ? 'unknown' : 'not-allowed';
}

function portMatches(record: PortRecord, view: FlowView): Decision {
  const proto = record.protocol;
  const portless = view.protocol === 'ICMP' || view.protocol === 'ICMPV6';
  if (proto !== 'ANY' && proto !== view.protocol) return 'not-allowed';
  if (proto === 'ANY' && portless) return 'not-allowed';
  if (record.port === undefined || record.port === '' || record.port === '0' || portless) return 'allowed';
  if (view.port === undefined) return 'unknown';
  if (/^\d+$/.test(record.port)) {
    const low = Number(record.port);
    const high = record.endPort !== undefined && record.endPort >= low ? record.endPort : low;
    return view.port >= low && view.port <= high ? 'allowed' : 'not-allowed';
  }
  const named = view.destination.namedPorts.find((p) => p.name === record.port);
  if (named === undefined) return 'unknown';
  const namedProto = normalizeProtocol(named.protocol ?? 'TCP');
  return named.port === view.port && (proto === 'ANY' || namedProto === view.protocol)
    ? 'allowed'
    : 'not-allowed';
}

function httpDecision(rules: readonly HttpRuleRecord[], seen: readonly HttpRequestSeen[]): Decision {
  if (seen.length === 0) return 'unknown';
  const results = seen.map((req) =>
    any(rules.map((rule) => matchesHttpRule(rule, req.method, requestPath(req.path)))),
  );
  if (results.includes('not-allowed')) return 'not-allowed';
  return results.includes('unknown') ? 'unknown' : 'allowed';
}

const ICMP_TYPE_NAMES: Readonly<Record<string, number>> = {
  'IPv4:EchoReply': 0,
  'IPv4:DestinationUnreachable': 3,
  'IPv4:Redirect': 5,
  'IPv4:EchoRequest': 8,
  'IPv4:TimeExceeded': 11,
  'IPv6:DestinationUnreachable': 1,
  'IPv6:PacketTooBig': 2,
  'IPv6:TimeExceeded': 3,
  'IPv6:EchoRequest': 128,
  'IPv6:EchoReply': 129,
};

function icmpDecision(l4: L4Selection, view: FlowView): Decision {
  if (view.protocol !== 'ICMP' && view.protocol !== 'ICMPV6') return 'not-allowed';
  const family = view.protocol === 'ICMPV6' ? 'IPv6' : 'IPv4';
  const candidates = l4.icmps.filter((icmp) => icmp.family === family);
  if (candidates.length === 0) return 'not-allowed';
  if (view.icmpType === undefined) return 'unknown';
  const hit = candidates.some((icmp) => {
    const type = /^\d+$/.test(icmp.type) ? Number(icmp.type) : ICMP_TYPE_NAMES[`${family}:${icmp.type}`];
    return type === view.icmpType;
  });
  return hit ? 'allowed' : 'not-allowed';
}

/** L4 (and, unless `ignoreL7`, HTTP) part of a rule. Deny rules have no L7. */
export function l4Decision(rule: RuleRecord, view: FlowView, ignoreL7 = false): Decision {
  const { l4 } = rule;
  if (l4.all) return 'allowed';
  const perPortRule = l4.portRules.map((portRule) => {
    const port = any(portRule.ports.map((record) => portMatches(record, view)));
    if (port === 'not-allowed' || ignoreL7) return port;
    if (portRule.http.length > 0) return both(port, httpDecision(portRule.http, view.http));
    return portRule.hasOtherL7 ? both(port, 'unknown') : port;
  });
  return any([...perPortRule, icmpDecision(l4, view)]);
}

/** Do the allow rules of the specs selecting the subject admit this traffic? */
export function allowDecision(policy: PolicyRecord, view: FlowView): Decision {
  const decisions: Decision[] = [];
  for (const spec of policy.specs) {
    if (!specSelects(policy, spec, view.subject)) continue;
    for (const rule of spec[view.direction]) {
      decisions.push(both(peerDecision(policy, rule, view), l4Decision(rule, view)));
    }
  }
  return any(decisions);
}

/** Deny rules of `policy` (in specs selecting the subject) that match this traffic. */
export function matchingDenyRules(policy: PolicyRecord, view: FlowView): RuleRecord[] {
  const out: RuleRecord[] = [];
  for (const spec of policy.specs) {
    if (!specSelects(policy, spec, view.subject)) continue;
    const rules = view.direction === 'ingress' ? spec.ingressDeny : spec.egressDeny;
    for (const rule of rules) {
      if (peerDecision(policy, rule, view) === 'allowed' && l4Decision(rule, view, true) === 'allowed') {
        out.push(rule);
      }
    }
  }
  return out;
}

/** True when `reason` is a default-deny drop that an allow rule can fix. */
export function isAdmittable(group: DropGroupInput): boolean {
  return classifyReason(group.reason) === 'default-deny';
}
