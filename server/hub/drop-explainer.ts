// Explanations for the drop groups on screen, cached and rationed. explainDrop costs ~0.5 ms per
// group and checking a suggestion against every other group is quadratic, so:
// - an explanation is reused until the policies, the cluster's workload label sets or the groups
//   its suggestion is checked against change, or it is EXPLAIN_TTL_MS old (newer flows may carry
//   more labels);
// - "also admits" only checks default-deny groups on the same protocol and port (the suggested rule
//   admits exactly one port and protocol, so no other group can match), at most MAX_OTHERS of them;
// - at most `budget` explanations are computed per request, busiest groups first (and a focused
//   group before all); the rest keep their previous explanation or are marked pending, and the
//   next refresh continues.
import type { PodRecord } from '../domain/cluster/pods';
import {
  type DropGroups,
  type DropGroupView,
  explainGroup,
  type GroupExplanation,
  groupInput,
  isAdmittableReason,
  knownEndpointsFromPods,
} from '../domain/drops';
import type { DropEndpointInput, DropGroupInput } from '../domain/policy/drop-group';
import type { PolicyRecord } from '../domain/policy/policy-types';

export interface ExplainedGroup extends GroupExplanation {
  /** True while Skymap has not explained this group yet (it will on a later request). */
  readonly pending: boolean;
}

export interface ExplainerContext {
  readonly now: number;
  readonly policies: readonly PolicyRecord[];
  readonly pods: readonly PodRecord[];
  /** Key of a group to explain before all others (the one a person is looking at). */
  readonly focus?: string;
}

interface CacheEntry {
  readonly policyVersion: number;
  readonly knownVersion: number;
  readonly othersSignature: string;
  readonly atMs: number;
  readonly explanation: GroupExplanation;
}

const EXPLAIN_TTL_MS = 60_000;
const MAX_OTHERS = 100;
export const DEFAULT_EXPLAIN_BUDGET = 40;

const categoryOf = (reasonClass: DropGroupView['reasonClass']): GroupExplanation['category'] =>
  reasonClass === 'other' ? 'not-policy' : reasonClass;

export class DropExplainer {
  private readonly cache = new Map<string, CacheEntry>();
  private policiesRef: readonly PolicyRecord[] | undefined;
  private policiesFingerprint = '';
  private policyVersion = 0;
  private podsRef: readonly PodRecord[] | undefined;
  private known: readonly DropEndpointInput[] = [];
  private knownFingerprint = '';
  private knownVersion = 0;

  constructor(
    private readonly groups: DropGroups,
    private readonly budget = DEFAULT_EXPLAIN_BUDGET,
  ) {}

  explain(views: readonly DropGroupView[], ctx: ExplainerContext): Map<string, ExplainedGroup> {
    this.syncPolicies(ctx.policies);
    this.syncPods(ctx.pods);
    const inputs = new Map<string, DropGroupInput | undefined>();
    const inputOf = (key: string): DropGroupInput | undefined => {
      if (!inputs.has(key)) {
        const record = this.groups.get(key);
        inputs.set(key, record === undefined ? undefined : groupInput(this.groups, record));
      }
      return inputs.get(key);
    };
    const buckets = new Map<string, string[]>();
    for (const view of views) {
      if (!isAdmittableReason(view.reason)) continue;
      const id = `${view.protocol}|${view.port ?? ''}`;
      const keys = buckets.get(id) ?? [];
      if (keys.length < MAX_OTHERS) keys.push(view.key);
      buckets.set(id, keys);
    }
    const signatures = new Map([...buckets].map(([id, keys]) => [id, keys.join('\n')]));
    const ordered =
      ctx.focus === undefined
        ? views
        : [...views].sort((a, b) => +(b.key === ctx.focus) - +(a.key === ctx.focus));
    let budget = this.budget;
    const out = new Map<string, ExplainedGroup>();
    for (const view of ordered) {
      const bucket = `${view.protocol}|${view.port ?? ''}`;
      const othersSignature = isAdmittableReason(view.reason) ? (signatures.get(bucket) ?? '') : '';
      const cached = this.cache.get(view.key);
      if (cached !== undefined && (budget <= 0 || this.isFresh(cached, othersSignature, ctx.now))) {
        out.set(view.key, { ...cached.explanation, pending: false });
        continue;
      }
      if (budget <= 0) {
        out.set(view.key, {
          category: categoryOf(view.reasonClass),
          direction: null,
          policies: [],
          explanation: '',
          suggestedPolicy: null,
          alsoAdmits: [],
          pending: true,
        });
        continue;
      }
      budget -= 1;
      const others = othersSignature === '' ? [] : (buckets.get(bucket) ?? []);
      const explanation = explainGroup(inputOf(view.key), {
        policies: ctx.policies,
        knownEndpoints: this.known,
        otherGroups: others.map(inputOf).filter((x): x is DropGroupInput => x !== undefined),
      });
      this.cache.set(view.key, {
        policyVersion: this.policyVersion,
        knownVersion: this.knownVersion,
        othersSignature,
        atMs: ctx.now,
        explanation,
      });
      out.set(view.key, { ...explanation, pending: false });
    }
    this.pruneCache();
    return out;
  }

  private isFresh(entry: CacheEntry, othersSignature: string, now: number): boolean {
    return (
      entry.policyVersion === this.policyVersion &&
      entry.knownVersion === this.knownVersion &&
      entry.othersSignature === othersSignature &&
      now >= entry.atMs &&
      now - entry.atMs < EXPLAIN_TTL_MS
    );
  }

  /** A new policies array from the cluster source may hold the same policies (pods changed). */
  private syncPolicies(policies: readonly PolicyRecord[]): void {
    if (policies === this.policiesRef) return;
    this.policiesRef = policies;
    const fingerprint = JSON.stringify(policies);
    if (fingerprint !== this.policiesFingerprint) {
      this.policiesFingerprint = fingerprint;
      this.policyVersion += 1;
    }
  }

  /**
   * Pods come and go all the time, but selectors only care about distinct label sets: dedupe them,
   * and only invalidate explanations when that set changes.
   */
  private syncPods(pods: readonly PodRecord[]): void {
    if (pods === this.podsRef) return;
    this.podsRef = pods;
    const distinct = new Map<string, DropEndpointInput>();
    for (const endpoint of knownEndpointsFromPods(pods)) {
      const labels = [...(endpoint.labels ?? [])].sort();
      const id = `${endpoint.namespace ?? ''}\u0000${labels.join('\u0000')}`;
      if (!distinct.has(id)) distinct.set(id, { namespace: endpoint.namespace, labels });
    }
    const ids = [...distinct.keys()].sort();
    const fingerprint = ids.join('\n');
    if (fingerprint === this.knownFingerprint) return;
    this.knownFingerprint = fingerprint;
    this.knownVersion += 1;
    this.known = ids.map((id) => distinct.get(id)).filter((e): e is DropEndpointInput => e !== undefined);
  }

  private pruneCache(): void {
    if (this.cache.size <= this.groups.size * 2 + 100) return;
    for (const key of this.cache.keys()) if (this.groups.get(key) === undefined) this.cache.delete(key);
  }
}
