/*
 * Small readonly records distilled from CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and
 * Kubernetes NetworkPolicy objects. They keep only what selection, explanation and admission checks
 * need; raw Kubernetes objects are never retained.
 */

import type { LabelSelector } from './selector';

export type PolicyKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy' | 'NetworkPolicy';

export type TrafficDirection = 'ingress' | 'egress';

export interface PortRecord {
  /** Number as a string, a named port, or absent/`"0"` for every port. */
  readonly port?: string;
  readonly endPort?: number;
  /** Upper-case: TCP, UDP, SCTP, ICMP, ICMPV6, VRRP, IGMP or ANY. */
  readonly protocol: string;
}

export interface HttpRuleRecord {
  /** Extended regular expressions, as Cilium reads them. */
  readonly method?: string;
  readonly path?: string;
  readonly host?: string;
}

export interface PortRuleRecord {
  readonly ports: readonly PortRecord[];
  /** L7 HTTP rules; empty when the port rule has none. */
  readonly http: readonly HttpRuleRecord[];
  /** `rules.dns` present: the port goes through the DNS proxy (needed for toFQDNs to work). */
  readonly hasDnsRules: boolean;
  /** Kafka or generic L7 rules, which Skymap does not evaluate. */
  readonly hasOtherL7: boolean;
}

export interface IcmpRecord {
  readonly family: 'IPv4' | 'IPv6';
  /** Number as a string or a type name such as `EchoRequest`. */
  readonly type: string;
}

export interface CidrRecord {
  readonly cidr: string;
  readonly except: readonly string[];
}

export interface FqdnRecord {
  readonly matchName?: string;
  readonly matchPattern?: string;
}

/** One `from`/`to` entry of a Kubernetes NetworkPolicy rule. */
export interface K8sPeerRecord {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: CidrRecord;
}

export interface PeerSelection {
  /** The rule names no peer at all but restricts ports: every peer is selected (L3 wildcard). */
  readonly all: boolean;
  readonly endpoints: readonly LabelSelector[];
  readonly entities: readonly string[];
  readonly cidrs: readonly CidrRecord[];
  readonly fqdns: readonly FqdnRecord[];
  readonly k8sPeers: readonly K8sPeerRecord[];
  /** Peer kinds Skymap cannot evaluate (toServices, toGroups, fromRequires, fromNodes, …). */
  readonly unsupported: readonly string[];
}

export interface L4Selection {
  /** No toPorts/icmps (or NetworkPolicy without ports): every port and protocol. */
  readonly all: boolean;
  readonly portRules: readonly PortRuleRecord[];
  readonly icmps: readonly IcmpRecord[];
}

export interface RuleRecord {
  readonly peers: PeerSelection;
  readonly l4: L4Selection;
}

export interface PolicySpecRecord {
  /** `nodes` = host policy (nodeSelector); it never selects pods. */
  readonly subject: { readonly kind: 'endpoints' | 'nodes'; readonly selector: LabelSelector };
  /** Directions in which a selected endpoint is put into default deny by this spec. */
  readonly enforces: { readonly ingress: boolean; readonly egress: boolean };
  readonly ingress: readonly RuleRecord[];
  readonly egress: readonly RuleRecord[];
  readonly ingressDeny: readonly RuleRecord[];
  readonly egressDeny: readonly RuleRecord[];
}

export interface PolicyRecord {
  readonly kind: PolicyKind;
  /** Absent for cluster-wide policies. */
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
  /** CNP/CCNP: `spec` then each of `specs[]`; NetworkPolicy: exactly one. */
  readonly specs: readonly PolicySpecRecord[];
  /** Parts of the object that were malformed and skipped. */
  readonly issues: readonly string[];
}

export type ParseResult<T> = { readonly value: T } | { readonly error: string };
