/*
 * Explains one group of dropped flows in terms of the cluster's policies:
 * - POLICY_DENY (181): an explicit deny rule matched; Hubble names its policy in *_denied_by. No
 *   allow rule can override a deny, so no allow policy is suggested.
 * - POLICY_DENIED (133): default deny; Hubble names nothing. The policies that select the enforcing
 *   endpoint in that direction are worked out here, and the smallest allow rule is suggested.
 * - anything else is not a policy decision.
 */

import type { PolicyRef } from '../flow';
import { describeEndpoint, describeRule, describeTraffic, listSome } from './describe';
import { classifyReason, type DropGroupInput } from './drop-group';
import {
  allowDecision,
  enforcingSpecs,
  type FlowView,
  flowView,
  matchingDenyRules,
  specSelects,
} from './evaluate';
import { parseEndpointLabels, workloadLabels } from './labels';
import { policyLabel } from './policy-records';
import type { PolicyRecord, TrafficDirection } from './policy-types';
import { type SuggestionOptions, suggestAllowPolicy, wouldAdmit } from './suggest';

export interface PolicyRefOut {
  readonly name: string;
  /** Absent for cluster-wide policies. */
  readonly namespace?: string;
  readonly kind: string;
}

export type DropCategory = 'explicit-deny' | 'default-deny' | 'not-policy';

export interface DropExplanation {
  readonly category: DropCategory;
  /** The direction the explanation is about (may be inferred when the group had none). */
  readonly direction?: TrafficDirection;
  readonly policies: readonly PolicyRefOut[];
  readonly explanation: string;
  /** CiliumNetworkPolicy YAML (default-deny drops only). */
  readonly suggestedPolicy?: string;
  /** Keys of the other groups the suggested policy would also admit. */
  readonly alsoAdmits?: readonly string[];
}

export interface ExplainOptions extends SuggestionOptions {
  /** Other currently dropped groups, checked against the suggested policy. */
  readonly otherGroups?: readonly DropGroupInput[];
}

/** A policy named by a flow; `uid` comes from its `io.cilium.k8s.policy.uid` label. */
export interface FlowPolicyRef extends PolicyRefOut {
  readonly uid?: string;
}

/** A flow's Policy message → name/namespace/kind, falling back to its `io.cilium.k8s.policy.*` labels. */
export function policyRefFromFlow(ref: PolicyRef): FlowPolicyRef | undefined {
  const labels = parseEndpointLabels(ref.labels).labels;
  const name = ref.name || labels.get('k8s:io.cilium.k8s.policy.name');
  if (!name) return undefined;
  const namespace = ref.namespace || labels.get('k8s:io.cilium.k8s.policy.namespace') || undefined;
  const kind = ref.kind || labels.get('k8s:io.cilium.k8s.policy.derived-from') || 'unknown';
  return { name, namespace, kind, uid: labels.get('k8s:io.cilium.k8s.policy.uid') };
}

function refOf(record: PolicyRecord): PolicyRefOut {
  return record.namespace === undefined
    ? { name: record.name, kind: record.kind }
    : { name: record.name, namespace: record.namespace, kind: record.kind };
}

function findRecord(ref: FlowPolicyRef, records: readonly PolicyRecord[]): PolicyRecord | undefined {
  return (
    (ref.uid === undefined ? undefined : records.find((r) => r.uid === ref.uid)) ??
    records.find((r) => r.name === ref.name && r.namespace === ref.namespace && r.kind === ref.kind)
  );
}

const dedupeRefs = (refs: readonly FlowPolicyRef[]): FlowPolicyRef[] => {
  const seen = new Map<string, FlowPolicyRef>();
  for (const ref of refs) seen.set(`${ref.kind}/${ref.namespace ?? ''}/${ref.name}`, ref);
  return [...seen.values()];
};

const directionsOf = (group: DropGroupInput): TrafficDirection[] =>
  group.direction === undefined ? ['ingress', 'egress'] : [group.direction];

const DENY_PRECEDENCE =
  'Deny rules take precedence over every allow rule, in any policy, so adding an allow policy will not ' +
  'admit this traffic: the deny rule itself must be narrowed or removed.';

function explainExplicitDeny(group: DropGroupInput, records: readonly PolicyRecord[]): DropExplanation {
  const refs = dedupeRefs(
    (group.deniedBy ?? []).map(policyRefFromFlow).filter((r): r is FlowPolicyRef => r !== undefined),
  );
  const views = directionsOf(group).map((direction) => flowView(group, direction));
  const sentences: string[] = [];
  let policies: PolicyRefOut[];
  if (refs.length > 0) {
    policies = refs.map(({ uid: _uid, ...ref }) => ref);
    sentences.push(
      `Dropped by an explicit deny rule (POLICY_DENY) in ${listSome(refs.map(policyLabel), 5)}.`,
    );
    for (const ref of refs) {
      const record = findRecord(ref, records);
      if (record === undefined) {
        sentences.push(`Skymap has no copy of ${policyLabel(ref)} (deleted since, or not readable).`);
        continue;
      }
      const hit = views.flatMap((view) => matchingDenyRules(record, view).map((rule) => ({ rule, view })))[0];
      if (hit !== undefined) {
        sentences.push(
          `Its ${hit.view.direction}Deny rule (${describeRule(hit.rule, hit.view.direction)}) matches ` +
            `${describeEndpoint(hit.view.peer)} → ${describeTraffic(hit.view)}.`,
        );
      }
    }
  } else {
    const found = records.filter((record) =>
      views.some((view) => matchingDenyRules(record, view).length > 0),
    );
    policies = found.map(refOf);
    sentences.push(
      'Dropped by an explicit deny rule (POLICY_DENY), but the flows do not name the policy ' +
        '(Hubble attaches ingress_denied_by/egress_denied_by only to policy-verdict events).',
    );
    sentences.push(
      found.length > 0
        ? `Deny rules that match this traffic: ${listSome(found.map(policyLabel), 5)}.`
        : 'No deny rule in the policies Skymap knows matches it; look for ingressDeny/egressDeny rules ' +
            'in CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies selecting this endpoint.',
    );
  }
  sentences.push(DENY_PRECEDENCE);
  return {
    category: 'explicit-deny',
    direction: group.direction,
    policies,
    explanation: sentences.join(' '),
  };
}

function allowSummary(record: PolicyRecord, view: FlowView): string {
  const rules = enforcingSpecs(record, view).flatMap((spec) => spec[view.direction]);
  if (rules.length === 0) return `${policyLabel(record)} has no ${view.direction} allow rules`;
  const described = rules.map((rule) => describeRule(rule, view.direction));
  return `${policyLabel(record)} allows ${listSome(described)}`;
}

function conflictSentences(records: readonly PolicyRecord[], view: FlowView): string[] {
  const allowing = records.filter((r) => allowDecision(r, view) === 'allowed').map(policyLabel);
  const unclear = records.filter((r) => allowDecision(r, view) === 'unknown').map(policyLabel);
  const out: string[] = [];
  if (allowing.length > 0) {
    out.push(
      `However, ${listSome(allowing)} ${allowing.length === 1 ? 'appears' : 'appear'} to allow this ` +
        'traffic: the drops may predate it, or the agent has not applied it (check its Valid condition ' +
        'and the endpoint policy revision).',
    );
  }
  if (unclear.length > 0) {
    out.push(
      `${listSome(unclear)} ${unclear.length === 1 ? 'uses' : 'use'} rules Skymap cannot evaluate here ` +
        '(named ports, toServices/toGroups, CIDR groups or L7 rules) that might allow it.',
    );
  }
  return out;
}

function nothingSelects(view: FlowView, records: readonly PolicyRecord[]): string[] {
  const out = [
    `No CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or NetworkPolicy known to Skymap ` +
      `(${records.length} checked) selects ${describeEndpoint(view.subject)} for ${view.direction}, so ` +
      'this drop does not come from a namespaced or cluster-wide endpoint policy.',
  ];
  if (view.subject.reserved === 'host') {
    out.push('The enforcing side is the host: check host firewall policies (CCNPs with a nodeSelector).');
  } else if (view.subject.reserved === undefined && workloadLabels(view.subject.labels).size === 0) {
    out.push(
      'The flows carry no labels for it (field mask or older Hubble), so Skymap cannot tell which ' +
        'selectors match it; look the pod up in its CiliumEndpoint.',
    );
  }
  const peer = view.peer;
  if (peer.reserved === 'unmanaged' || peer.reserved === 'init' || peer.labels.size === 0) {
    out.push(
      `The peer's identity is ${peer.reserved ?? 'missing'}: if it is a pod, Cilium had not resolved its ` +
        'identity yet (new pod, ipcache lag, or another cluster); compare with its CiliumEndpoint.',
    );
  }
  out.push(
    'Also check the agent policy enforcement mode (enable-policy=always puts every endpoint in default ' +
      'deny), whether Skymap may list all policies (RBAC), and policies deleted since the drop.',
  );
  return out;
}

function explainDefaultDeny(
  group: DropGroupInput,
  records: readonly PolicyRecord[],
  options: ExplainOptions,
): DropExplanation {
  const candidates = directionsOf(group).map((direction) => {
    const view = flowView(group, direction);
    return { view, selecting: records.filter((record) => enforcingSpecs(record, view).length > 0) };
  });
  const chosen = candidates.find((c) => c.selecting.length > 0) ?? candidates[0];
  if (chosen === undefined) return { category: 'default-deny', policies: [], explanation: '' };
  const { view, selecting } = chosen;
  const direction = view.direction;
  const sentences: string[] = [];
  if (group.direction === undefined) {
    sentences.push(`The flows carry no traffic direction; explained as ${direction}.`);
  }
  let policies: PolicyRefOut[];
  const denying = records.filter((r) => matchingDenyRules(r, view).length > 0).map(policyLabel);
  if (selecting.length > 0) {
    policies = selecting.map(refOf);
    const side = direction === 'ingress' ? 'Ingress to' : 'Egress from';
    const one = selecting.length === 1;
    sentences.push(
      `${side} ${describeEndpoint(view.subject)} is in default deny because ` +
        `${listSome(selecting.map(policyLabel), 5)} ` +
        `${one ? 'selects it and enforces' : 'select it and enforce'} ${direction}.`,
      `None of ${one ? 'its' : 'their'} ${direction} allow rules admits ${describeEndpoint(view.peer)} on ` +
        `${describeTraffic(view)}, so Cilium dropped it (POLICY_DENIED); Hubble names no policy for ` +
        'default-deny drops.',
      `${selecting.map((record) => allowSummary(record, view)).join('; ')}.`,
    );
    const selectingAny = records.filter((r) => r.specs.some((spec) => specSelects(r, spec, view.subject)));
    sentences.push(...conflictSentences(selectingAny, view));
    if (denying.length > 0) {
      sentences.push(
        `${listSome(denying)} also has a deny rule matching this traffic, and deny wins: change that deny ` +
          'rule; an allow rule alone will not admit it.',
      );
    }
  } else {
    const hostPolicies = records.filter((r) =>
      r.specs.some((spec) => spec.subject.kind === 'nodes' && spec.enforces[direction]),
    );
    policies = view.subject.reserved === 'host' ? hostPolicies.map(refOf) : [];
    sentences.push(...nothingSelects(view, records));
  }
  if (denying.length > 0) {
    return { category: 'default-deny', direction, policies, explanation: sentences.join(' ') };
  }
  const suggestion = suggestAllowPolicy(group, direction, {
    ...options,
    keepDefaultPosture: options.keepDefaultPosture ?? selecting.length === 0,
  });
  if ('error' in suggestion) {
    sentences.push(`No allow rule is suggested: ${suggestion.error}.`);
    return { category: 'default-deny', direction, policies, explanation: sentences.join(' ') };
  }
  sentences.push(
    selecting.length > 0
      ? 'The suggested policy is the smallest allow rule for this traffic.'
      : 'If the endpoint is in default deny anyway (enforcement mode always), the suggested policy admits ' +
          'this traffic; it sets enableDefaultDeny off so it changes nothing else.',
  );
  const alsoAdmits = (options.otherGroups ?? [])
    .filter((other) => other.key !== group.key && wouldAdmit(suggestion.value.record, other))
    .map((other) => other.key);
  return {
    category: 'default-deny',
    direction,
    policies,
    explanation: sentences.join(' '),
    suggestedPolicy: suggestion.value.yaml,
    alsoAdmits,
  };
}

/** Explanation, responsible policies and (for default deny) a suggested allow policy for one group. */
export function explainDrop(
  group: DropGroupInput,
  policies: readonly PolicyRecord[],
  options: ExplainOptions = {},
): DropExplanation {
  switch (classifyReason(group.reason)) {
    case 'explicit-deny':
      return explainExplicitDeny(group, policies);
    case 'default-deny':
      return explainDefaultDeny(group, policies, options);
    default:
      return {
        category: 'not-policy',
        direction: group.direction,
        policies: [],
        explanation:
          `Dropped for ${group.reason || 'an unknown reason'}: this is not a network-policy decision, so ` +
          'no policy is involved and no allow rule would admit it.',
      };
  }
}
