// The aggregator's owned, mutable state. `aggregate` mutates it in place for speed: one
// ServiceMapState belongs to one owner (the hub), which hands out immutable MapViews built by
// toMapView. Nothing outside this folder should touch the records directly.
//
// Memory bound (V8 heap on Node 20, measured with gc() around synthetic runs; orders of magnitude):
//   edge, typical   ≈ 2.5 KB: record, totals, per-pair port map, three ring arrays, one live bucket
//                   per ring (a burst of plain L3/L4 flows)
//   edge, worst     ≈ 21 KB: all 42 ring buckets holding drops and HTTP latency histograms
//                   (a 72-bucket uint32 histogram is ~0.4 KB; buckets are allocated on first use and
//                   reused, never per flow)
//   edge, idle > 1h rings released (sweep): back to ≈ 1 KB, totals only
//   node            ≈ 0.5–1 KB with its labels and maps
//   caches          pod and identity caches ≤ podCacheSize entries each (≈ 0.2 KB per entry), fold
//                   redirects ≤ 4 × maxNodes
// With the defaults (5,000 nodes, 20,000 edges, 20,000-entry caches) that is ≈ 60 MB for typical
// traffic and ≈ 0.45 GB in the worst case. It does not grow with the flow rate, nor with pod / IP
// cardinality, which folding and eviction cap (see bounds.ts); memory scales linearly with
// maxEdges, so lower it to lower the worst case.

import { EdgeStats, FlowSample } from './edge-stats';
import type { TimeCounters } from './parse-time';
import type { NodeKind } from './view-types';
import { type Clock, clockAt, type Rings } from './windows';

export interface ServiceMapOptions {
  /** Node cap; past it the smallest nodes fold into `<namespace>/other`. Default 5,000. */
  readonly maxNodes?: number;
  /** Edge cap; past it idle, then least active edges are evicted. Default 20,000. */
  readonly maxEdges?: number;
  /** Entries of each identity cache (pod name → node, numeric identity → node). Default 4 × maxNodes. */
  readonly podCacheSize?: number;
  /** When the state began collecting (epoch ms): windows reaching further back cover less. */
  readonly startedMs?: number;
}

export interface ServiceMapCounters extends TimeCounters {
  /** Flows aggregated (including those with an invalid time). */
  flows: number;
  /** Non-object entries skipped. */
  malformed: number;
  /** Nodes folded into an `other` node. */
  nodesFolded: number;
  /** Nodes removed with their edges because folding alone could not meet the node cap. */
  nodesEvicted: number;
  /** Edges removed to meet the edge cap. */
  edgesEvicted: number;
  /** Flows that were counted on evicted edges (they no longer appear in any window). */
  flowsEvicted: number;
}

export class NodeRec {
  readonly id: string;
  readonly kind: NodeKind;
  readonly namespace: string | null;
  readonly name: string;
  labels: readonly string[];
  /** False until a pod with k8s: labels contributed (a lagging `reserved:world` pod has none). */
  labelsKnown: boolean;
  /** The raw key of this node in its index: address for ip, name for fqdn, id otherwise. */
  readonly indexKey: string;
  live = true;
  /** Set when folded; resolution follows it. */
  foldedInto: NodeRec | null = null;
  /** A fold target (`<namespace>/other`, `ip:other`, `fqdn:other`); never folded itself. */
  isOther = false;
  /** Outgoing edges by server node, then by protocol/port key. */
  readonly out = new Map<NodeRec, Map<number, EdgeRec>>();
  readonly inEdges = new Set<EdgeRec>();
  /** Since-start flows touching this node (ranks fold candidates after recent activity). */
  total = 0;
  /** Scratch for fold passes: flows in the last hour. */
  recent = 0;
  lastSeen = 0;

  constructor(
    id: string,
    kind: NodeKind,
    namespace: string | null,
    name: string,
    labels: readonly string[],
    indexKey: string,
  ) {
    this.id = id;
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
    this.labels = labels;
    this.labelsKnown = labels.length > 0;
    this.indexKey = indexKey;
  }
}

export class EdgeRec {
  readonly client: NodeRec;
  readonly server: NodeRec;
  readonly protoCode: number;
  /** protoCode << 16 | port. */
  readonly portKey: number;
  readonly port: number | null;
  readonly totals = new EdgeStats(0, true);
  /** Null once the edge has been idle past every window (see bounds.ts sweep). */
  rings: Rings | null = null;
  lastSeen = 0;
  /** Position in ServiceMapState.edgeList; -1 once detached. */
  slot = -1;

  constructor(client: NodeRec, server: NodeRec, protoCode: number, port: number | null) {
    this.client = client;
    this.server = server;
    this.protoCode = protoCode;
    this.port = port;
    this.portKey = (protoCode << 16) | (port ?? 0);
  }
}

/** A cached endpoint resolution: by pod name (rule 1) or by numeric identity (rules 2 and 3). */
export interface EndpointCacheEntry {
  /** The endpoint's `namespace` field as seen (may be absent). */
  readonly namespace: unknown;
  readonly identity: number;
  readonly labels: readonly unknown[] | undefined;
  readonly workload0: unknown;
  /** Null for `world`, whose node also depends on the flow's names. */
  readonly node: NodeRec | null;
  /** A second identity of the same pod (e.g. while Hubble's IP cache lags); chains stay ≤ 2 long. */
  readonly alt: EndpointCacheEntry | null;
}

export class ServiceMapState {
  readonly maxNodes: number;
  readonly maxEdges: number;
  readonly podCacheSize: number;
  /** Live nodes by id. */
  readonly nodes = new Map<string, NodeRec>();
  /** ip and fqdn nodes by raw address / name; after a fold the key points at the fold target. */
  readonly ipIndex = new Map<string, NodeRec>();
  readonly fqdnIndex = new Map<string, NodeRec>();
  /** Ids of folded workloads → their fold target. */
  readonly foldedIds = new Map<string, NodeRec>();
  /** Fold targets by group: the namespace for workloads, ' ip' / ' fqdn' (no namespace has a space). */
  readonly foldTargets = new Map<string, NodeRec>();
  /** Fold redirects held in the three maps above (bounded, see bounds.ts). */
  redirects = 0;
  /** New nodes sent straight to a fold target since the last fold pass. */
  admittedToOther = 0;
  readonly podCache = new Map<string, EndpointCacheEntry>();
  /** Endpoints without a pod name, by numeric identity (not for identity 0). */
  readonly identityCache = new Map<number, EndpointCacheEntry>();
  /** Every attached edge, unordered (swap-remove), for passes that visit all edges. */
  readonly edgeList: EdgeRec[] = [];
  readonly counters: ServiceMapCounters = {
    flows: 0,
    malformed: 0,
    invalidTime: 0,
    missingTime: 0,
    nodesFolded: 0,
    nodesEvicted: 0,
    edgesEvicted: 0,
    flowsEvicted: 0,
  };
  clock: Clock = clockAt(0);
  /**
   * Where the traffic this state holds begins: its start, or an earlier flow (a back-fill). A
   * window's rates divide by the time it covers since then, not by its nominal length.
   */
  dataStartMs: number;
  lastSweep = Number.NEGATIVE_INFINITY;
  readonly sample = new FlowSample();

  get edgeCount(): number {
    return this.edgeList.length;
  }

  constructor(options: ServiceMapOptions = {}) {
    this.maxNodes = positiveInt(options.maxNodes, 5_000, 16);
    this.maxEdges = positiveInt(options.maxEdges, 20_000, 16);
    this.podCacheSize = positiveInt(options.podCacheSize, 4 * this.maxNodes, 1);
    this.dataStartMs = options.startedMs ?? Number.POSITIVE_INFINITY;
  }
}

function positiveInt(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`service map option must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
}

export function createServiceMapState(options?: ServiceMapOptions): ServiceMapState {
  return new ServiceMapState(options);
}

export interface ServiceMapStats {
  readonly nodes: number;
  readonly edges: number;
  readonly maxNodes: number;
  readonly maxEdges: number;
  readonly counters: Readonly<ServiceMapCounters>;
}

/** Sizes and counters, e.g. for a health endpoint or a benchmark report. */
export function serviceMapStats(state: ServiceMapState): ServiceMapStats {
  return {
    nodes: state.nodes.size,
    edges: state.edgeCount,
    maxNodes: state.maxNodes,
    maxEdges: state.maxEdges,
    counters: { ...state.counters },
  };
}

export function addNode(state: ServiceMapState, node: NodeRec): NodeRec {
  state.nodes.set(node.id, node);
  if (node.kind === 'ip' && !node.isOther) state.ipIndex.set(node.indexKey, node);
  else if (node.kind === 'fqdn' && !node.isOther) state.fqdnIndex.set(node.indexKey, node);
  return node;
}

/** Takes a node out of the live set (its edges must already be gone or re-keyed). */
export function retireNode(state: ServiceMapState, node: NodeRec): void {
  node.live = false;
  if (state.nodes.get(node.id) === node) state.nodes.delete(node.id);
  const index = node.kind === 'ip' ? state.ipIndex : node.kind === 'fqdn' ? state.fqdnIndex : null;
  if (index !== null && index.get(node.indexKey) === node) index.delete(node.indexKey);
}

export function findEdge(client: NodeRec, server: NodeRec, portKey: number): EdgeRec | undefined {
  return client.out.get(server)?.get(portKey);
}

export function getOrCreateEdge(
  state: ServiceMapState,
  client: NodeRec,
  server: NodeRec,
  protoCode: number,
  port: number | null,
): EdgeRec {
  let byPort = client.out.get(server);
  if (byPort === undefined) {
    byPort = new Map();
    client.out.set(server, byPort);
  }
  const portKey = (protoCode << 16) | (port ?? 0);
  let edge = byPort.get(portKey);
  if (edge === undefined) {
    edge = new EdgeRec(client, server, protoCode, port);
    byPort.set(portKey, edge);
    server.inEdges.add(edge);
    edge.slot = state.edgeList.length;
    state.edgeList.push(edge);
  }
  return edge;
}

export function detachEdge(state: ServiceMapState, edge: EdgeRec): void {
  const byPort = edge.client.out.get(edge.server);
  if (byPort === undefined || byPort.get(edge.portKey) !== edge) return;
  byPort.delete(edge.portKey);
  if (byPort.size === 0) edge.client.out.delete(edge.server);
  edge.server.inEdges.delete(edge);
  const list = state.edgeList;
  const last = list.pop() as EdgeRec;
  if (last !== edge) {
    list[edge.slot] = last;
    last.slot = edge.slot;
  }
  edge.slot = -1;
}

export function nodeHasEdges(node: NodeRec): boolean {
  return node.out.size > 0 || node.inEdges.size > 0;
}

export function forEachEdge(state: ServiceMapState, fn: (edge: EdgeRec) => void): void {
  const list = state.edgeList;
  for (let i = 0; i < list.length; i++) fn(list[i] as EdgeRec);
}

/** A snapshot of the edge list (safe to detach edges while iterating it). */
export function allEdges(state: ServiceMapState): EdgeRec[] {
  return state.edgeList.slice();
}
