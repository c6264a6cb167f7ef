// Keeping memory bounded whatever the flow rate and cardinality (numbers in state.ts).
//
// Nodes: past maxNodes, the smallest nodes (fewest flows in the last hour, then fewest since start,
// then least recently seen) fold into one node per group until 90 % of the cap is reached: workloads
// into `<namespace>/other` (kind workload), ip nodes into `ip:other`, fqdn nodes into `fqdn:other`.
// Their edges are re-keyed onto the fold target and merged, so no flow is lost, and later flows of a
// folded node follow a redirect. While the map is full, a NEW node whose group already has a fold
// target goes straight into it (it would be the smallest node and fold next anyway); this keeps
// high-cardinality churn (10k pods, 50k IPs) from running a fold pass every few hundred flows. The
// minutely sweep folds back to 90 % when that happened, so new workloads get room to appear.
// Reserved nodes never fold. If folding cannot reach the cap (e.g. thousands of namespaces with one
// pod each), the smallest nodes are evicted with their edges and counted.
// Edges: an edge idle past every window keeps only its since-start totals (rings released by the
// minutely sweep). Past maxEdges, edges are evicted down to 90 %: idle edges first, then the edges
// with the fewest flows (a port scan's single-flow edges push out each other, not busy edges);
// evictions and the flows they held are counted in state.counters. Passes are O(edges), no sort.

import {
  addNode,
  allEdges,
  detachEdge,
  type EdgeRec,
  forEachEdge,
  getOrCreateEdge,
  NodeRec,
  nodeHasEdges,
  retireNode,
  type ServiceMapState,
} from './state';
import type { NodeKind } from './view-types';
import { mergeRings, newRings, windowFlows, windowSpec } from './windows';

const LOW_WATER = 0.9;

function lowWater(cap: number): number {
  return Math.floor(cap * LOW_WATER);
}

/**
 * About once a minute (called by aggregate): drops ring data of edges idle past every window, and
 * makes room for new nodes again if the map was full.
 */
export function sweep(state: ServiceMapState): void {
  const horizon = state.clock.horizon;
  forEachEdge(state, (edge) => {
    if (edge.rings !== null && edge.lastSeen < horizon) edge.rings = null;
  });
  if (state.admittedToOther > 0) {
    state.admittedToOther = 0;
    foldDownTo(state, lowWater(state.maxNodes));
  }
}

function foldableKind(kind: NodeKind): boolean {
  return kind === 'workload' || kind === 'ip' || kind === 'fqdn';
}

function foldable(node: NodeRec): boolean {
  return !node.isOther && foldableKind(node.kind);
}

function groupKey(kind: NodeKind, namespace: string | null): string {
  return kind === 'workload' ? (namespace ?? '') : kind === 'ip' ? ' ip' : ' fqdn';
}

function bySize(a: NodeRec, b: NodeRec): number {
  return (
    a.recent - b.recent ||
    a.total - b.total ||
    a.lastSeen - b.lastSeen ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Sets NodeRec.recent = flows in the last hour on the node's edges. */
function scoreNodes(state: ServiceMapState): void {
  for (const node of state.nodes.values()) node.recent = 0;
  const spec = windowSpec('1h', state.clock);
  forEachEdge(state, (edge) => {
    const flows = spec !== null && edge.rings !== null ? windowFlows(edge.rings, spec) : 0;
    edge.client.recent += flows;
    if (edge.server !== edge.client) edge.server.recent += flows;
  });
}

function foldTarget(state: ServiceMapState, node: NodeRec): NodeRec {
  const group = groupKey(node.kind, node.namespace);
  const known = state.foldTargets.get(group);
  if (known?.live) return known;
  const workload = node.kind === 'workload';
  const id = workload ? `${node.namespace}/other` : `${node.kind}:other`;
  let other = state.nodes.get(id);
  if (other === undefined) {
    other = addNode(state, new NodeRec(id, node.kind, workload ? node.namespace : null, 'other', [], id));
  }
  other.isOther = true;
  state.foldTargets.set(group, other);
  return other;
}

function redirect(
  state: ServiceMapState,
  kind: NodeKind,
  id: string,
  indexKey: string,
  target: NodeRec,
): void {
  if (state.redirects >= 4 * state.maxNodes) pruneRedirects(state);
  if (kind === 'ip') state.ipIndex.set(indexKey, target);
  else if (kind === 'fqdn') state.fqdnIndex.set(indexKey, target);
  else state.foldedIds.set(id, target);
  state.redirects++;
  state.counters.nodesFolded++;
}

/**
 * The node for a newly seen workload / ip / fqdn: its own, or, while the map is full and its group
 * already has a fold target, that target.
 */
export function admitNode(
  state: ServiceMapState,
  kind: NodeKind,
  id: string,
  namespace: string | null,
  name: string,
  labels: readonly string[],
  indexKey: string,
): NodeRec {
  if (state.nodes.size >= state.maxNodes && foldableKind(kind)) {
    const target = state.foldTargets.get(groupKey(kind, namespace));
    if (target?.live) {
      redirect(state, kind, id, indexKey, target);
      state.admittedToOther++;
      return target;
    }
  }
  return addNode(state, new NodeRec(id, kind, namespace, name, labels, indexKey));
}

function mergeEdge(into: EdgeRec, from: EdgeRec): void {
  into.totals.mergeFrom(from.totals);
  if (from.rings !== null) {
    if (into.rings === null) into.rings = newRings();
    mergeRings(into.rings, from.rings);
  }
  if (from.lastSeen > into.lastSeen) into.lastSeen = from.lastSeen;
}

function edgesOf(node: NodeRec): Set<EdgeRec> {
  const edges = new Set<EdgeRec>(node.inEdges);
  for (const byPort of node.out.values()) for (const edge of byPort.values()) edges.add(edge);
  return edges;
}

/** Re-keys `node`'s edges onto `target`, then retires `node` behind a redirect. */
export function foldNode(state: ServiceMapState, node: NodeRec, target: NodeRec): void {
  for (const edge of edgesOf(node)) {
    detachEdge(state, edge);
    const client = edge.client === node ? target : edge.client;
    const server = edge.server === node ? target : edge.server;
    mergeEdge(getOrCreateEdge(state, client, server, edge.protoCode, edge.port), edge);
  }
  target.total += node.total;
  target.recent += node.recent;
  if (node.lastSeen > target.lastSeen) target.lastSeen = node.lastSeen;
  retireNode(state, node);
  node.foldedInto = target;
  redirect(state, node.kind, node.id, node.indexKey, target);
}

function evictEdge(state: ServiceMapState, edge: EdgeRec, touched: Set<NodeRec>): void {
  detachEdge(state, edge);
  touched.add(edge.client);
  touched.add(edge.server);
  state.counters.edgesEvicted++;
  state.counters.flowsEvicted += edge.totals.flows;
}

function retireOrphans(state: ServiceMapState, nodes: Iterable<NodeRec>): void {
  for (const node of nodes) if (node.live && !nodeHasEdges(node)) retireNode(state, node);
}

/** Redirects (and the identity caches that may pin folded nodes) are bounded by 4 × maxNodes. */
function pruneRedirects(state: ServiceMapState): void {
  for (const index of [state.ipIndex, state.fqdnIndex]) {
    for (const [key, node] of index) if (!node.live || node.indexKey !== key) index.delete(key);
  }
  state.foldedIds.clear();
  state.podCache.clear();
  state.identityCache.clear();
  state.redirects = 0;
}

export function enforceNodeCap(state: ServiceMapState): void {
  if (state.nodes.size <= state.maxNodes) return;
  foldDownTo(state, lowWater(state.maxNodes));
}

function foldDownTo(state: ServiceMapState, target: number): void {
  if (state.nodes.size <= target) return;
  scoreNodes(state);
  const candidates = [...state.nodes.values()].filter(foldable).sort(bySize);
  for (const node of candidates) {
    if (state.nodes.size <= target) break;
    if (!node.live) continue;
    const other = foldTarget(state, node);
    if (other !== node) foldNode(state, node, other);
  }
  if (state.nodes.size > state.maxNodes) {
    const touched = new Set<NodeRec>();
    for (const node of [...state.nodes.values()].sort(bySize)) {
      if (state.nodes.size <= target) break;
      if (!node.live) continue;
      for (const edge of edgesOf(node)) evictEdge(state, edge, touched);
      retireNode(state, node);
      state.counters.nodesEvicted++;
    }
    retireOrphans(state, touched);
  }
}

export function enforceEdgeCap(state: ServiceMapState): void {
  if (state.edgeCount <= state.maxEdges) return;
  const excess = state.edgeCount - lowWater(state.maxEdges);
  // Rank without sorting (this runs often under edge churn): idle edges (nothing in any window) score
  // 0 and go first, active ones score their since-start flows (reading 42 ring buckets per edge would
  // cost ~1 µs each in cache misses). A count per score finds the threshold; ties at the threshold go
  // in edge-list order, which is deterministic.
  const horizon = state.clock.horizon;
  const edges = allEdges(state);
  const scores = new Array<number>(edges.length).fill(0);
  const histogram = new Array<number>(SCORE_BINS).fill(0);
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i] as EdgeRec;
    const score = edge.lastSeen < horizon ? 0 : edge.totals.flows;
    scores[i] = score;
    (histogram[Math.min(score, SCORE_BINS - 1)] as number)++;
  }
  let threshold = 0;
  let below = 0;
  while (threshold < SCORE_BINS - 1 && below + (histogram[threshold] as number) < excess) {
    below += histogram[threshold] as number;
    threshold++;
  }
  let tiesToEvict = excess - below;
  const touched = new Set<NodeRec>();
  for (let i = 0; i < edges.length; i++) {
    const bin = Math.min(scores[i] as number, SCORE_BINS - 1);
    if (bin < threshold || (bin === threshold && tiesToEvict-- > 0)) {
      evictEdge(state, edges[i] as EdgeRec, touched);
    }
  }
  retireOrphans(state, touched);
}

const SCORE_BINS = 64;
