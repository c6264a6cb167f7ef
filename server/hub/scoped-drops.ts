// The drops view for a scoped person: the same as dropGroupsView, but only over groups with an end
// in their namespaces — filtered BEFORE the limit, and with every count (matching, drops, tracked)
// taken over those groups only, so nothing of other namespaces' drops shows through the totals.
import { namespaceAllowed, namespaceOfNodeId } from '../auth/scope-filters';
import {
  DEFAULT_DROPS_LIMIT,
  type DropGroupRecord,
  type DropGroups,
  type DropsView,
  type DropsWindow,
  groupView,
  windowCount,
} from '../domain/drops';
import type { NamespaceScope } from './scoped';

/** The predicate /api/drops applies for a scope (the rule of scopeDropGroups). */
export function dropGroupInScope(scope: NamespaceScope): (group: DropGroupRecord) => boolean {
  return (group) =>
    namespaceAllowed(scope, namespaceOfNodeId(group.source)) ||
    namespaceAllowed(scope, namespaceOfNodeId(group.target));
}

export function scopedDropGroupsView(
  state: DropGroups,
  window: DropsWindow,
  now: number,
  limit: number = DEFAULT_DROPS_LIMIT,
  accept: (group: DropGroupRecord) => boolean,
): DropsView {
  const live: { group: DropGroupRecord; count: number }[] = [];
  let drops = 0;
  let trackedGroups = 0;
  let trackedDrops = 0;
  for (const group of state.groups()) {
    if (!accept(group)) continue;
    trackedGroups += 1;
    trackedDrops += group.counts.total;
    const count = windowCount(group.counts, window, now);
    if (count <= 0) continue;
    drops += count;
    live.push({ group, count });
  }
  live.sort(
    (a, b) =>
      b.count - a.count ||
      b.group.lastSeenMs - a.group.lastSeenMs ||
      (a.group.key < b.group.key ? -1 : a.group.key > b.group.key ? 1 : 0),
  );
  return {
    window,
    now: new Date(now).toISOString(),
    groups: live.slice(0, Math.max(0, limit)).map(({ group }) => groupView(group, window, now)),
    matching: live.length,
    drops,
    // Evictions are a bound on memory for the whole cluster; reported so people know counts may be
    // incomplete, without saying whose groups went.
    tracked: { groups: trackedGroups, evicted: state.stats.evicted > 0 ? 1 : 0, drops: trackedDrops },
  };
}
