// What the map worker posts to the page, and how the page folds it into what it draws. The worker
// owns the stream, the full view and the folding; the page only ever receives the drawn graph's
// changes (a tick that changes 500 of 5,000 edges posts those 500, slim), so the main thread never
// parses, diffs or folds the whole map. Pure.
import type { Point } from './layout-engine';
import type { MapEdgeWire, MapNodeWire } from './map-types';
import type { VisualEdge, VisualNode } from './visible-graph';

export type DrawnNode = VisualNode;
/** A drawn edge without the server edges behind it (those travel only for the selection). */
export type DrawnEdge = Omit<VisualEdge, 'edges'>;

export interface GraphPatch {
  readonly folded: boolean;
  /** Bumped whenever the set of node ids (with their groups) or edge ids changes. */
  readonly topology: number;
  /** Every drawn node id in order; only when the ids or their order changed. */
  readonly nodeIds?: readonly string[];
  readonly edgeIds?: readonly string[];
  /** Nodes and edges that are new or changed since the previous patch. */
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
}

export interface PositionsMessage {
  readonly ids: readonly string[];
  /** x0, y0, x1, y1, … in the order of ids (a typed array transfers without copying). */
  readonly xy: Float64Array;
  /** A provisional placement drawn while the settled layout is computing. */
  readonly draft: boolean;
  /** Worker time of the settled layout. */
  readonly ms: number;
}

/** The raw records behind the selection, for the side panel. */
export interface SelectionDetail {
  readonly id: string;
  readonly node?: MapNodeWire;
  readonly edges?: readonly MapEdgeWire[];
}

export interface WorkerUpdate {
  readonly connection?: 'connecting' | 'open' | 'error';
  /** A view (snapshot) for the current window and namespaces has arrived. */
  readonly loaded?: boolean;
  readonly graph?: GraphPatch;
  readonly positions?: PositionsMessage;
  /** Present when it changed; null when nothing is selected or the selection has no traffic. */
  readonly detail?: SelectionDetail | null;
  readonly namespaces?: readonly string[];
  /** Seconds of traffic the view's counts cover, when that changed (MapViewWire.seconds). */
  readonly seconds?: number;
  /** Edges the worker drew on the page's canvas (edge-painter.ts). */
  readonly canvasEdges?: number;
}

export interface ClientGraph {
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
  readonly folded: boolean;
  readonly topology: number;
}

interface Indexed extends ClientGraph {
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly edgeIndex: ReadonlyMap<string, number>;
}

export const EMPTY_GRAPH: ClientGraph = { nodes: [], edges: [], folded: false, topology: 0 };

const indexes = new WeakMap<ClientGraph, Indexed>();

function indexOf<T extends { id: string }>(list: readonly T[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < list.length; i++) map.set(list[i]!.id, i);
  return map;
}

function patchList<T extends { id: string }>(
  prev: readonly T[],
  prevIndex: ReadonlyMap<string, number>,
  ids: readonly string[] | undefined,
  changed: readonly T[],
): { list: readonly T[]; index: ReadonlyMap<string, number> } {
  if (ids === undefined) {
    if (changed.length === 0) return { list: prev, index: prevIndex };
    const list = prev.slice();
    for (const item of changed) {
      const at = prevIndex.get(item.id);
      if (at !== undefined) list[at] = item;
    }
    return { list, index: prevIndex };
  }
  const byId = new Map<string, T>();
  for (const item of changed) byId.set(item.id, item);
  const list: T[] = [];
  for (const id of ids) {
    const at = prevIndex.get(id);
    const item = byId.get(id) ?? (at === undefined ? undefined : prev[at]);
    // The worker sends every id it has not sent before; a missing one would be its bug, not data's.
    if (item !== undefined) list.push(item);
  }
  return { list, index: indexOf(list) };
}

/**
 * `prev` with the patch applied. Unchanged nodes and edges keep their objects, so memoised cards and
 * edges skip re-rendering; without new ids the arrays are copied and patched in place by index.
 */
export function applyGraphPatch(prev: ClientGraph, patch: GraphPatch): ClientGraph {
  const known = indexes.get(prev) ?? {
    ...prev,
    nodeIndex: indexOf(prev.nodes),
    edgeIndex: indexOf(prev.edges),
  };
  const nodes = patchList(prev.nodes, known.nodeIndex, patch.nodeIds, patch.nodes);
  const edges = patchList(prev.edges, known.edgeIndex, patch.edgeIds, patch.edges);
  if (nodes.list === prev.nodes && edges.list === prev.edges && patch.folded === prev.folded) {
    return prev.topology === patch.topology ? prev : { ...prev, topology: patch.topology };
  }
  const next: ClientGraph = {
    nodes: nodes.list,
    edges: edges.list,
    folded: patch.folded,
    topology: patch.topology,
  };
  indexes.set(next, { ...next, nodeIndex: nodes.index, edgeIndex: edges.index });
  return next;
}

/** Positions keyed by node id from a worker message. */
export function positionsOf(message: PositionsMessage): Map<string, Point> {
  const out = new Map<string, Point>();
  message.ids.forEach((id, i) => {
    const x = message.xy[2 * i];
    const y = message.xy[2 * i + 1];
    if (x !== undefined && y !== undefined) out.set(id, { x, y });
  });
  return out;
}
