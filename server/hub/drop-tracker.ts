// Owns the live drop groups. Ingest only counts (cheap, per flow); explanations are worked out when
// /api/drops asks, by the cached and rationed DropExplainer, so the per-flow path never touches the
// policy engine and a page refreshing every two seconds does not recompute everything.
import type { PodRecord } from '../domain/cluster/pods';
import {
  type DropGroupRecord,
  DropGroups,
  type DropGroupsOptions,
  type DropGroupView,
  type DropsView,
  type DropsWindow,
  dropGroupsView,
  flowsQueryFor,
  mapQueryFor,
} from '../domain/drops';
import type { FlowEvent } from '../domain/flow';
import type { PolicyRecord } from '../domain/policy/policy-types';
import { DEFAULT_EXPLAIN_BUDGET, DropExplainer, type ExplainedGroup } from './drop-explainer';
import { scopedDropGroupsView } from './scoped-drops';

export interface LostNotice {
  readonly node: string;
  readonly source: string;
  readonly count: number;
  /** RFC 3339 of the latest report. */
  readonly last: string;
}

export interface DropGroupOut extends DropGroupView, ExplainedGroup {
  /** Query string for /flows that lists this group's dropped flows. */
  readonly flowsQuery: string;
  /** Query string for /map with this group's edge selected. */
  readonly mapQuery: string;
}

export interface DropsBody extends Omit<DropsView, 'groups'> {
  readonly groups: readonly DropGroupOut[];
  readonly lost: readonly LostNotice[];
  /** Policies Skymap knows (0 without Kubernetes access: explanations then say so). */
  readonly policiesKnown: number;
}

export interface DropsContext {
  readonly now: number;
  readonly policies: readonly PolicyRecord[];
  readonly pods: readonly PodRecord[];
  readonly lost: Iterable<{ node: string; source: string; count: number; lastMs: number }>;
  /** A group to explain before the others. */
  readonly focus?: string;
  /** Only these groups count (a scoped person's namespaces, see scoped-drops.ts). */
  readonly accept?: (group: DropGroupRecord) => boolean;
}

export interface DropTrackerOptions extends DropGroupsOptions {
  /** Explanations computed per request at most (the rest follow on later requests). */
  readonly explainBudget?: number;
}

export class DropTracker {
  readonly groups: DropGroups;
  private readonly explainer: DropExplainer;

  constructor(options: DropTrackerOptions = {}) {
    this.groups = new DropGroups(options);
    this.explainer = new DropExplainer(this.groups, options.explainBudget ?? DEFAULT_EXPLAIN_BUDGET);
  }

  ingest(events: readonly FlowEvent[], arrivedMs: number): void {
    for (const event of events) {
      if (event.kind === 'flow') this.groups.record(event.flow, arrivedMs);
    }
  }

  view(window: DropsWindow, limit: number, ctx: DropsContext): DropsBody {
    const view = ctx.accept
      ? scopedDropGroupsView(this.groups, window, ctx.now, limit, ctx.accept)
      : dropGroupsView(this.groups, window, ctx.now, limit);
    const explained = this.explainer.explain(view.groups, ctx);
    const groups = view.groups.map((group): DropGroupOut => {
      const explanation = explained.get(group.key);
      return {
        ...group,
        category: explanation?.category ?? 'not-policy',
        direction: explanation?.direction ?? null,
        policies: explanation?.policies ?? [],
        explanation: explanation?.explanation ?? '',
        suggestedPolicy: explanation?.suggestedPolicy ?? null,
        alsoAdmits: explanation?.alsoAdmits ?? [],
        pending: explanation?.pending ?? true,
        flowsQuery: flowsQueryFor(group),
        mapQuery: mapQueryFor(group, window),
      };
    });
    const lost = [...ctx.lost]
      .sort((a, b) => b.lastMs - a.lastMs)
      .map((l) => ({
        node: l.node,
        source: l.source,
        count: l.count,
        last: new Date(l.lastMs).toISOString(),
      }));
    return { ...view, groups, lost, policiesKnown: ctx.policies.length };
  }
}
