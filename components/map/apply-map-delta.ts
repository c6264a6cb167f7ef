// Folds one map delta into the previous view. Unchanged nodes and edges keep their object identity,
// so memoised cards and edges skip re-rendering. Pure; the server's diff is tested against it.
import { edgeKey, type MapEdgeWire, type MapNodeWire, type MapViewWire } from './map-types';

export interface MapDeltaWire {
  seq: number;
  window: string;
  seconds?: number;
  nodes: { upsert: MapNodeWire[]; remove: string[] };
  edges: { upsert: MapEdgeWire[]; remove: string[] };
}

export function applyMapDelta(view: MapViewWire, delta: MapDeltaWire): MapViewWire {
  const removedNodes = new Set(delta.nodes.remove);
  const upsertNodes = new Map(delta.nodes.upsert.map((n) => [n.id, n]));
  const nodes: MapNodeWire[] = [];
  for (const node of view.nodes) {
    if (removedNodes.has(node.id)) continue;
    const next = upsertNodes.get(node.id);
    nodes.push(next ?? node);
    upsertNodes.delete(node.id);
  }
  nodes.push(...upsertNodes.values());

  const removedEdges = new Set(delta.edges.remove);
  const upsertEdges = new Map(delta.edges.upsert.map((e) => [edgeKey(e), e]));
  const edges: MapEdgeWire[] = [];
  for (const edge of view.edges) {
    const key = edgeKey(edge);
    if (removedEdges.has(key)) continue;
    const next = upsertEdges.get(key);
    edges.push(next ?? edge);
    upsertEdges.delete(key);
  }
  edges.push(...upsertEdges.values());
  return { window: delta.window, seconds: delta.seconds ?? view.seconds, nodes, edges };
}
