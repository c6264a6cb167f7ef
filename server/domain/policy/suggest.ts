/*
 * Builds the smallest CiliumNetworkPolicy allow rule for a default-deny drop group, and evaluates a
 * policy against other groups with the same engine that explains drops (`wouldAdmit`).
 *
 * "Smallest": the enforcing endpoint and a pod peer are selected by workload-identifying labels only
 * (app.kubernetes.io/name, app, … — never pod-template-hash or other per-pod labels); if a known
 * endpoint of another workload would also be selected, the next larger label set is used. Reserved
 * peers become toEntities/fromEntities, world peers toFQDNs (egress, names known) or /32 CIDRs.
 * One port and protocol; an HTTP rule only when HTTP requests were seen.
 */

import { stringify } from 'yaml';
import { describeTraffic } from './describe';
import { type DropEndpointInput, type DropGroupInput, endpointView } from './drop-group';
import { allowDecision, flowView, isAdmittable } from './evaluate';
import { toPolicyRecord } from './policy-records';
import type { PolicyRecord, TrafficDirection } from './policy-types';
import { buildPeer, buildPorts, chooseSelector, endpointShortName, policyName } from './suggest-parts';

export interface SuggestionOptions {
  /**
   * Endpoints known in the cluster (from flows or CiliumEndpoints). Selectors are widened until they
   * select none of them that belongs to another workload.
   */
  readonly knownEndpoints?: readonly DropEndpointInput[];
  /**
   * Add `enableDefaultDeny: {<direction>: false}` so that applying the policy never switches the
   * endpoint into default deny (Cilium ≥ 1.15). Used when no policy selects the endpoint yet.
   */
  readonly keepDefaultPosture?: boolean;
}

export interface SuggestedPolicy {
  /** The CiliumNetworkPolicy as a plain object (what the YAML encodes). */
  readonly object: Readonly<Record<string, unknown>>;
  /** Copyable YAML, with a short comment header. */
  readonly yaml: string;
  /** `object` read back through toPolicyRecord, for wouldAdmit. */
  readonly record: PolicyRecord;
  /** Caveats a human should read before applying it. */
  readonly notes: readonly string[];
}

export type SuggestResult = { readonly value: SuggestedPolicy } | { readonly error: string };

/** The smallest allow policy for a default-deny group in `direction`, or why there is none. */
export function suggestAllowPolicy(
  group: DropGroupInput,
  direction: TrafficDirection,
  options: SuggestionOptions = {},
): SuggestResult {
  const view = flowView(group, direction);
  const subject = view.subject;
  const side = direction === 'ingress' ? 'destination' : 'source';
  if (subject.reserved === 'host') {
    return { error: `the ${side} is the host: this needs a host firewall policy (CCNP nodeSelector)` };
  }
  if (subject.reserved !== undefined || subject.namespace === undefined) {
    return {
      error: `the ${side} is not a pod (${subject.reserved ?? 'no namespace'}), no policy can select it`,
    };
  }
  const known = (options.knownEndpoints ?? []).map(endpointView);
  const namespace = subject.namespace;
  const endpointSelector = chooseSelector(subject, known, { role: 'subject', policyNamespace: namespace });
  if (endpointSelector === undefined) {
    return { error: `the ${side} has no workload labels to select it by (only its namespace)` };
  }
  const peer = buildPeer(view, known, namespace);
  if ('error' in peer) return peer;
  const ports = buildPorts(view);
  if ('error' in ports) return ports;
  const notes = [...peer.value.notes, ...ports.value.notes];
  const rule = { ...peer.value.fields, ...ports.value.fields };
  const peerName = peer.value.name;
  const name = policyName(
    direction === 'ingress'
      ? ['allow', peerName, 'to', endpointShortName(subject), ports.value.name]
      : ['allow', endpointShortName(subject), 'to', peerName, ports.value.name],
  );
  const spec: Record<string, unknown> = {
    description:
      `Allow ${direction} ${describeTraffic(view)} ${direction === 'ingress' ? 'from' : 'to'} ${peerName} ` +
      '(Skymap suggestion for default-deny drops)',
    endpointSelector,
  };
  if (options.keepDefaultPosture) spec.enableDefaultDeny = { [direction]: false };
  spec[direction] = [rule];
  const object = {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name, namespace },
    spec,
  };
  const record = toPolicyRecord(object);
  if (record === undefined) return { error: 'internal: the suggested policy did not parse back' };
  if (allowDecision(record, view) !== 'allowed') {
    notes.push('Skymap could not confirm that this rule admits every dropped flow of the group.');
  }
  const header = [
    `# Suggested by Skymap for dropped flows ${group.key}.`,
    '# Smallest allow rule for this drop; review it before applying.',
    ...notes.map((note) => `# Note: ${note}`),
  ];
  return {
    value: { object, yaml: `${header.join('\n')}\n${stringify(object, { lineWidth: 0 })}`, record, notes },
  };
}

/**
 * Would `rule` (a policy record, e.g. SuggestedPolicy.record) admit the flows of `otherGroup`?
 * Only default-deny groups can be admitted by an allow rule; explicit-deny and non-policy drops
 * never are. Unknown direction: admitted if either direction is.
 */
export function wouldAdmit(rule: PolicyRecord, otherGroup: DropGroupInput): boolean {
  if (!isAdmittable(otherGroup)) return false;
  const directions: TrafficDirection[] =
    otherGroup.direction === undefined ? ['ingress', 'egress'] : [otherGroup.direction];
  return directions.some((direction) => allowDecision(rule, flowView(otherGroup, direction)) === 'allowed');
}
