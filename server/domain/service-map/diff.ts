// Live updates. The hub builds a view on a fixed tick (~1 s, never per flow), diffs it against the
// previous one and sends the diff with a sequence number; a (re)connecting client gets a snapshot.
// Browser-safe: imports only the view types and ordering, so the browser applies diffs with exactly
// this code and ends with the same, identically sorted view.

import { compareEdges, compareNodes, edgeKey, edgeRef } from './view-order';
import type { MapDelta, MapDiff, MapEdge, MapNode, MapSnapshot, MapView } from './view-types';

/** Structural equality of JSON values (what a view is made of). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Counts instead of key arrays: a tick compares every edge of the view (4,000+ on a big map)
  // and two filtered Object.keys arrays per object were most of the diff's time.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let defined = 0;
  for (const k in ra) {
    if (!Object.hasOwn(ra, k)) continue;
    const va = ra[k];
    if (va === undefined) continue;
    defined += 1;
    if (!Object.hasOwn(rb, k) || !jsonEqual(va, rb[k])) return false;
  }
  for (const k in rb) if (Object.hasOwn(rb, k) && rb[k] !== undefined) defined -= 1;
  return defined === 0;
}

/** What changed from `prev` to `next`: nodes by id, edges by (source, target, protocol, port). */
export function diffViews(prev: MapView, next: MapView): MapDiff {
  const prevNodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const nextNodeIds = new Set<string>();
  const addedNodes: MapNode[] = [];
  const updatedNodes: MapNode[] = [];
  for (const node of next.nodes) {
    nextNodeIds.add(node.id);
    const old = prevNodes.get(node.id);
    if (old === undefined) addedNodes.push(node);
    else if (!jsonEqual(old, node)) updatedNodes.push(node);
  }
  const removedNodes = prev.nodes.filter((n) => !nextNodeIds.has(n.id)).map((n) => n.id);

  const prevEdges = new Map(prev.edges.map((e) => [edgeKey(e), e]));
  const nextEdgeKeys = new Set<string>();
  const addedEdges: MapEdge[] = [];
  const updatedEdges: MapEdge[] = [];
  for (const edge of next.edges) {
    const key = edgeKey(edge);
    nextEdgeKeys.add(key);
    const old = prevEdges.get(key);
    if (old === undefined) addedEdges.push(edge);
    else if (!jsonEqual(old, edge)) updatedEdges.push(edge);
  }
  const removedEdges = prev.edges.filter((e) => !nextEdgeKeys.has(edgeKey(e))).map(edgeRef);

  return {
    window: next.window,
    // Only when it moved: a tick that changes nothing else still changes the rates.
    ...(next.seconds !== undefined && next.seconds !== prev.seconds ? { seconds: next.seconds } : {}),
    nodes: { added: addedNodes, updated: updatedNodes, removed: removedNodes },
    edges: { added: addedEdges, updated: updatedEdges, removed: removedEdges },
  };
}

export function isEmptyDiff(diff: MapDiff): boolean {
  const { nodes, edges } = diff;
  return (
    diff.seconds === undefined &&
    nodes.added.length === 0 &&
    nodes.updated.length === 0 &&
    nodes.removed.length === 0 &&
    edges.added.length === 0 &&
    edges.updated.length === 0 &&
    edges.removed.length === 0
  );
}

/** `view` with `diff` applied; `view` is not modified. applyDiff(a, diffViews(a, b)) equals b. */
export function applyDiff(view: MapView, diff: MapDiff): MapView {
  const nodes = new Map(view.nodes.map((n) => [n.id, n]));
  for (const id of diff.nodes.removed) nodes.delete(id);
  for (const node of diff.nodes.added) nodes.set(node.id, node);
  for (const node of diff.nodes.updated) nodes.set(node.id, node);
  const edges = new Map(view.edges.map((e) => [edgeKey(e), e]));
  for (const ref of diff.edges.removed) edges.delete(edgeKey(ref));
  for (const edge of diff.edges.added) edges.set(edgeKey(edge), edge);
  for (const edge of diff.edges.updated) edges.set(edgeKey(edge), edge);
  const seconds = diff.seconds ?? view.seconds;
  return {
    window: diff.window,
    ...(seconds !== undefined ? { seconds } : {}),
    nodes: [...nodes.values()].sort(compareNodes),
    edges: [...edges.values()].sort(compareEdges),
  };
}

/**
 * Applies a delta to a client's snapshot; null when the delta does not follow it (a missed tick or
 * a hub restart): the client must fetch a fresh snapshot.
 */
export function applyDelta(current: MapSnapshot, delta: MapDelta): MapSnapshot | null {
  if (delta.baseSeq !== current.seq) return null;
  return { seq: delta.seq, view: applyDiff(current.view, delta.diff) };
}

export interface MapSequencer {
  /** Diffs `next` against the last published view; null when nothing changed. */
  publish(next: MapView): MapDelta | null;
  snapshot(): MapSnapshot;
}

/** Sequence numbering for one view stream (one window + namespace filter). */
export function createMapSequencer(initial: MapView, firstSeq = 0): MapSequencer {
  let seq = firstSeq;
  let current = initial;
  return {
    publish(next) {
      const diff = diffViews(current, next);
      if (isEmptyDiff(diff) && current.window === next.window) return null;
      const delta: MapDelta = { seq: seq + 1, baseSeq: seq, diff };
      seq += 1;
      current = next;
      return delta;
    },
    snapshot() {
      return { seq, view: current };
    },
  };
}
