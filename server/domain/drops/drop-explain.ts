// Explanations for drop groups: each group's sampled flows → the policy domain's DropGroupInput →
// explainDrop, with the other currently dropped groups (for "also admits") and the cluster's pods
// (so a suggested selector never picks another workload's pods).

import type { PodRecord } from '../cluster/pods';
import type { DropEndpointInput, DropGroupInput } from '../policy/drop-group';
import { classifyReason } from '../policy/drop-group';
import { type DropExplanation, explainDrop, type PolicyRefOut } from '../policy/explain';
import { dropGroupInputFromFlows } from '../policy/group-input';
import { NAMESPACE_KEY } from '../policy/labels';
import type { PolicyRecord } from '../policy/policy-types';
import type { DropGroupRecord, DropGroups } from './drop-groups';

export interface GroupExplanation {
  readonly category: DropExplanation['category'];
  readonly direction: 'ingress' | 'egress' | null;
  readonly policies: readonly PolicyRefOut[];
  readonly explanation: string;
  /** CiliumNetworkPolicy YAML for default-deny groups; null otherwise or when none can be built. */
  readonly suggestedPolicy: string | null;
  /** Keys of the other groups the suggested policy would also admit. */
  readonly alsoAdmits: readonly string[];
}

/** What explanations read of a group: its sampled flows merged into one DropGroupInput. */
export function groupInput(state: DropGroups, group: DropGroupRecord): DropGroupInput | undefined {
  return dropGroupInputFromFlows(group.key, state.sampleOf(group));
}

/** Only default-deny groups can be admitted by an allow rule: the others never need checking. */
export function isAdmittableReason(reason: string): boolean {
  return classifyReason(reason) === 'default-deny';
}

/** Cluster pods as endpoints in Hubble's label form (`k8s:key=value`, plus the namespace label). */
export function knownEndpointsFromPods(pods: readonly PodRecord[]): DropEndpointInput[] {
  const out: DropEndpointInput[] = [];
  for (const pod of pods) {
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    const labels = Object.entries(pod.labels).map(([key, value]) => `k8s:${key}=${value}`);
    labels.push(`k8s:${NAMESPACE_KEY}=${pod.namespace}`);
    out.push({ namespace: pod.namespace, labels, podNames: [pod.name] });
  }
  return out;
}

export interface ExplainContext {
  readonly policies: readonly PolicyRecord[];
  readonly knownEndpoints?: readonly DropEndpointInput[];
  /** The other groups on screen; only default-deny ones matter. */
  readonly otherGroups?: readonly DropGroupInput[];
}

export function explainGroup(input: DropGroupInput | undefined, ctx: ExplainContext): GroupExplanation {
  if (input === undefined) {
    return {
      category: 'not-policy',
      direction: null,
      policies: [],
      explanation: 'No flows of this group are left in memory to explain it.',
      suggestedPolicy: null,
      alsoAdmits: [],
    };
  }
  const result = explainDrop(input, ctx.policies, {
    otherGroups: ctx.otherGroups,
    knownEndpoints: ctx.knownEndpoints,
  });
  return {
    category: result.category,
    direction: result.direction ?? null,
    policies: result.policies,
    explanation: result.explanation,
    suggestedPolicy: result.suggestedPolicy ?? null,
    alsoAdmits: result.alsoAdmits ?? [],
  };
}
