// Keeps the drawn graph's objects stable across ticks. buildVisibleGraph makes fresh node and edge
// objects every time; here each one that equals its predecessor (same id, same numbers, same wire
// records) is replaced by the predecessor, so memoised cards and edges skip re-rendering and a tick
// that changes 500 of 5,000 edges re-renders 500. It also counts topology versions (a node or
// edge appearing or going, a node changing group), so the layout hook needs no sorted key. Pure.
import type { VisualEdge, VisualNode } from './visible-graph';

export interface DrawnGraph {
  readonly nodes: readonly VisualNode[];
  readonly edges: readonly VisualEdge[];
  readonly folded: boolean;
  /** Bumped whenever the set of node ids (with their groups) or edge ids changes. */
  readonly topology: number;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameNode(a: VisualNode, b: VisualNode): boolean {
  return (
    a.kind === b.kind &&
    a.label === b.label &&
    a.namespace === b.namespace &&
    a.group === b.group &&
    a.flowsIn === b.flowsIn &&
    a.flowsOut === b.flowsOut &&
    a.drops === b.drops &&
    a.members === b.members &&
    a.match === b.match &&
    sameList(a.badges, b.badges)
  );
}

function sameEdge(a: VisualEdge, b: VisualEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.flows === b.flows &&
    a.forwarded === b.forwarded &&
    a.dropped === b.dropped &&
    a.mixed === b.mixed &&
    a.http5xx === b.http5xx &&
    a.httpRequests === b.httpRequests &&
    a.p95Ms === b.p95Ms &&
    a.dnsErrors === b.dnsErrors &&
    sameList(a.ports, b.ports) &&
    sameList(a.edges, b.edges)
  );
}

/** `next` with every unchanged node and edge replaced by the object `prev` had for it. */
export function stabilizeGraph(
  prev: DrawnGraph | undefined,
  next: { nodes: VisualNode[]; edges: VisualEdge[]; folded: boolean },
): DrawnGraph {
  if (prev === undefined) return { ...next, topology: 1 };
  const oldNodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(prev.edges.map((e) => [e.id, e]));
  let topologyChanged = next.nodes.length !== prev.nodes.length || next.edges.length !== prev.edges.length;
  let allSame = !topologyChanged && next.folded === prev.folded;
  const nodes = next.nodes.map((n, i) => {
    const old = oldNodes.get(n.id);
    if (old === undefined || old.group !== n.group) topologyChanged = true;
    const keep = old !== undefined && sameNode(old, n) ? old : n;
    if (keep !== prev.nodes[i]) allSame = false;
    return keep;
  });
  const edges = next.edges.map((e, i) => {
    const old = oldEdges.get(e.id);
    if (old === undefined) topologyChanged = true;
    const keep = old !== undefined && sameEdge(old, e) ? old : e;
    if (keep !== prev.edges[i]) allSame = false;
    return keep;
  });
  if (allSame && !topologyChanged) return prev;
  return {
    nodes,
    edges,
    folded: next.folded,
    topology: topologyChanged ? prev.topology + 1 : prev.topology,
  };
}
