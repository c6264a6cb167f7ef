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
  rankDropGroups,
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
  const visible: DropGroupRecord[] = [];
  let trackedDrops = 0;
  for (const group of state.groups()) {
    if (!accept(group)) continue;
    visible.push(group);
    trackedDrops += group.counts.total;
  }
  return {
    window,
    now: new Date(now).toISOString(),
    ...rankDropGroups(visible, window, now, limit),
    // Evictions are a bound on memory for the whole cluster; reported so people know counts may be
    // incomplete, without saying whose groups went.
    tracked: { groups: visible.length, evicted: state.stats.evicted > 0 ? 1 : 0, drops: trackedDrops },
  };
}
