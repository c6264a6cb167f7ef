// Service-map badges: what the cluster joins attach to map nodes (`<namespace>/<workload>` ids).
// Appenders add to one mutable BadgeMap; `finalizeBadges` sorts and freezes the result.

export type BadgeType = 'certificate' | 'volume' | 'node';
export type BadgeSeverity = 'critical' | 'warning';

export interface Badge {
  readonly type: BadgeType;
  readonly severity: BadgeSeverity;
  readonly message: string;
  /** The object behind the badge: `<Kind>/<namespace>/<name>` or `<Kind>/<name>` for cluster-scoped. */
  readonly ref: string;
}

export type BadgeMap = Map<string, Badge[]>;

export function createBadgeMap(): BadgeMap {
  return new Map();
}

const SEVERITY_RANK: Readonly<Record<BadgeSeverity, number>> = { critical: 0, warning: 1 };
const TYPE_RANK: Readonly<Record<BadgeType, number>> = { node: 0, volume: 1, certificate: 2 };

/**
 * Adds a badge to a map node. One badge per (type, ref) per node: many pods of one workload on the
 * same failing node must not multiply it; the more severe one wins.
 */
export function addBadge(map: BadgeMap, mapNodeId: string, badge: Badge): void {
  const list = map.get(mapNodeId);
  if (list === undefined) {
    map.set(mapNodeId, [badge]);
    return;
  }
  const index = list.findIndex((b) => b.type === badge.type && b.ref === badge.ref);
  if (index < 0) list.push(badge);
  else if (SEVERITY_RANK[badge.severity] < SEVERITY_RANK[(list[index] as Badge).severity])
    list[index] = badge;
}

export function addBadgeToAll(map: BadgeMap, mapNodeIds: Iterable<string>, badge: Badge): void {
  for (const id of mapNodeIds) addBadge(map, id, badge);
}

/** Merges `source` into `target` (same de-duplication as addBadge). */
export function mergeBadgeMaps(target: BadgeMap, source: ReadonlyMap<string, readonly Badge[]>): BadgeMap {
  for (const [id, badges] of source) for (const b of badges) addBadge(target, id, b);
  return target;
}

export function compareBadges(a: Badge, b: Badge): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    TYPE_RANK[a.type] - TYPE_RANK[b.type] ||
    (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  );
}

/** Sorted copy: map node ids ascending, badges critical first, then node/volume/certificate, then ref. */
export function finalizeBadges(map: BadgeMap): ReadonlyMap<string, readonly Badge[]> {
  const out = new Map<string, readonly Badge[]>();
  for (const id of [...map.keys()].sort()) out.set(id, [...(map.get(id) ?? [])].sort(compareBadges));
  return out;
}

export function badgesFor(map: ReadonlyMap<string, readonly Badge[]>, mapNodeId: string): readonly Badge[] {
  return map.get(mapNodeId) ?? [];
}
