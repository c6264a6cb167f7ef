// The drops view: the groups with drops inside a window, most drops first, in the JSON shape the
// API returns (before explanations are attached).

import { classifyReason, type ReasonClass } from '../policy/drop-group';
import { DROPS_WINDOWS, type DropsWindow, sparkline, sparklineSpec, windowCount } from './drop-counts';
import type { DropGroupRecord, DropGroups } from './drop-groups';

export interface DropNodeCount {
  readonly name: string;
  readonly count: number;
}

export interface DropGroupView {
  readonly key: string;
  readonly source: string;
  readonly target: string;
  readonly protocol: string;
  readonly port: number | null;
  readonly reason: string;
  /** explicit-deny (POLICY_DENY 181), default-deny (POLICY_DENIED 133) or other. */
  readonly reasonClass: ReasonClass;
  /** Drops inside the window. */
  readonly count: number;
  /** Drops since the group was first seen. */
  readonly total: number;
  /** RFC 3339, millisecond precision. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Nodes the drops occurred on, most drops first. */
  readonly nodes: readonly DropNodeCount[];
  /** Drops on further nodes whose names were not kept. */
  readonly otherNodeDrops: number;
  readonly sparkline: { readonly stepSeconds: number; readonly points: readonly number[] };
}

export interface DropsView {
  readonly window: DropsWindow;
  readonly now: string;
  readonly groups: readonly DropGroupView[];
  /** Groups with drops in the window (before `limit`). */
  readonly matching: number;
  /** Drops in the window, over every matching group. */
  readonly drops: number;
  readonly tracked: { readonly groups: number; readonly evicted: number; readonly drops: number };
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export const DEFAULT_DROPS_WINDOW: DropsWindow = '15m';
export const DEFAULT_DROPS_LIMIT = 500;
export const MAX_DROPS_LIMIT = 5000;

export function parseDropsWindow(text: string | null | undefined): ParseResult<DropsWindow> {
  if (text === null || text === undefined || text === '') return { ok: true, value: DEFAULT_DROPS_WINDOW };
  if ((DROPS_WINDOWS as readonly string[]).includes(text)) return { ok: true, value: text as DropsWindow };
  return { ok: false, error: `window must be one of ${DROPS_WINDOWS.join(', ')}` };
}

export function parseDropsLimit(text: string | null | undefined): ParseResult<number> {
  if (text === null || text === undefined || text === '') return { ok: true, value: DEFAULT_DROPS_LIMIT };
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > MAX_DROPS_LIMIT) {
    return { ok: false, error: `limit must be an integer from 1 to ${MAX_DROPS_LIMIT}` };
  }
  return { ok: true, value: Number(text) };
}

const iso = (ms: number) => new Date(ms).toISOString();

function nodesOf(group: DropGroupRecord): DropNodeCount[] {
  return [...group.nodes]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function groupView(group: DropGroupRecord, window: DropsWindow, now: number): DropGroupView {
  return {
    key: group.key,
    source: group.source,
    target: group.target,
    protocol: group.protocol,
    port: group.port,
    reason: group.reason,
    reasonClass: classifyReason(group.reason),
    count: windowCount(group.counts, window, now),
    total: group.counts.total,
    firstSeen: iso(group.firstSeenMs),
    lastSeen: iso(group.lastSeenMs),
    nodes: nodesOf(group),
    otherNodeDrops: group.otherNodeDrops,
    sparkline: {
      stepSeconds: sparklineSpec(window).stepMs / 1000,
      points: sparkline(group.counts, window, now),
    },
  };
}

/** Groups with drops in `window` at `now`, most drops first (then most recent), at most `limit`. */
export function dropGroupsView(
  state: DropGroups,
  window: DropsWindow,
  now: number,
  limit = DEFAULT_DROPS_LIMIT,
): DropsView {
  return {
    window,
    now: iso(now),
    ...rankDropGroups(state.groups(), window, now, limit),
    tracked: { groups: state.size, evicted: state.stats.evicted, drops: state.stats.drops },
  };
}

/**
 * The groups with drops in `window`, most drops first (then most recent, then by key), at most
 * `limit` of them; `matching` and `drops` count every group with drops in the window. Shared by the
 * cluster-wide view and the scoped one (which passes only the groups a person may see).
 */
export function rankDropGroups(
  groups: Iterable<DropGroupRecord>,
  window: DropsWindow,
  now: number,
  limit: number,
): Pick<DropsView, 'groups' | 'matching' | 'drops'> {
  const live: { group: DropGroupRecord; count: number }[] = [];
  let drops = 0;
  for (const group of groups) {
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
    groups: live.slice(0, Math.max(0, limit)).map(({ group }) => groupView(group, window, now)),
    matching: live.length,
    drops,
  };
}
