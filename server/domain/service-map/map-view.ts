// Builds the JSON view (GET /api/map) from the state. Pure with respect to the state: reads only.
// Output is deterministic: nodes sorted by id, edges by source/target/protocol/port, record keys
// sorted. Node totals (flowsIn/flowsOut/drops) count every edge of the window, including edges a
// namespace filter hides, so a node's numbers do not change with the viewer's filter.

import { PROTOCOL_NAMES } from './edge-key';
import { EdgeStats } from './edge-stats';
import { latencyQuantileNs, nsToMs } from './latency-histogram';
import type { EdgeRec, NodeRec, ServiceMapState } from './state';
import { compareEdges, compareNodes } from './view-order';
import type { MapEdge, MapEdgeRef, MapNode, MapQuery, MapView, MapWindow } from './view-types';
import { MAP_WINDOWS } from './view-types';
import {
  clockAt,
  ratePerSecond,
  sparkline,
  sumWindow,
  type WindowSpec,
  windowSpec,
  windowStartMs,
} from './windows';

interface NodeTotals {
  flowsIn: number;
  flowsOut: number;
  drops: number;
}

function toEdge(edge: EdgeRec, s: EdgeStats, rate: number | null): MapEdge {
  const latency = s.latency;
  const p50 = latency === null ? null : latencyQuantileNs(latency, s.latencySamples, 0.5);
  const p95 = latency === null ? null : latencyQuantileNs(latency, s.latencySamples, 0.95);
  const out: MapEdge = {
    source: edge.client.id,
    target: edge.server.id,
    protocol: PROTOCOL_NAMES[edge.protoCode] as string,
    port: edge.port,
    flows: s.flows,
    verdicts: s.verdictRecord(),
    forwarded: s.forwarded,
    dropped: s.dropped,
    dropReasons: s.dropReasonRecord(),
    http: {
      requests: s.httpRequests,
      errors4xx: s.http4xx,
      errors5xx: s.http5xx,
      p50Ms: nsToMs(p50),
      p95Ms: nsToMs(p95),
    },
    dns: { queries: s.dnsQueries, errors: s.dnsErrors },
    lastSeen: new Date(edge.lastSeen).toISOString(),
  };
  return rate === null ? out : { ...out, rate };
}

function toNode(node: NodeRec, totals: NodeTotals): MapNode {
  return {
    id: node.id,
    kind: node.kind,
    namespace: node.namespace,
    name: node.name,
    labels: [...node.labels],
    flowsIn: totals.flowsIn,
    flowsOut: totals.flowsOut,
    drops: totals.drops,
    badges: [],
  };
}

function totalsOf(map: Map<NodeRec, NodeTotals>, node: NodeRec): NodeTotals {
  let totals = map.get(node);
  if (totals === undefined) {
    totals = { flowsIn: 0, flowsOut: 0, drops: 0 };
    map.set(node, totals);
  }
  return totals;
}

const NOMINAL_SECONDS: Record<MapWindow, number> = { '1m': 60, '5m': 300, '15m': 900, '1h': 3600, all: 3600 };

/** Whole seconds of traffic a window (its bucket range `spec`) holds at `now`: MapView.seconds. */
function coveredSeconds(
  state: ServiceMapState,
  window: MapWindow,
  spec: WindowSpec | null,
  now: number,
): number {
  const start = Math.max(spec === null ? state.dataStartMs : windowStartMs(spec), state.dataStartMs);
  if (!Number.isFinite(start)) return NOMINAL_SECONDS[window];
  return Math.max(1, Math.round((now - start) / 1000));
}

/** The map for one window and namespace filter at `now` (epoch ms, the caller's clock). */
export function toMapView(state: ServiceMapState, query: MapQuery, now: number): MapView {
  const clock = clockAt(now);
  const spec = windowSpec(query.window, clock);
  const namespaces =
    query.namespaces !== undefined && query.namespaces.length > 0 ? new Set(query.namespaces) : null;
  const scratch = new EdgeStats(0, true);
  const totals = new Map<NodeRec, NodeTotals>();
  const shown = new Set<NodeRec>();
  const edges: MapEdge[] = [];
  for (const edge of state.edgeList) {
    let s = edge.totals;
    if (spec !== null) {
      if (edge.rings === null) continue;
      scratch.reset(0);
      sumWindow(edge.rings, spec, scratch);
      s = scratch;
    }
    if (s.flows === 0) continue;
    const client = edge.client;
    const server = edge.server;
    totalsOf(totals, client).flowsOut += s.flows;
    totalsOf(totals, server).flowsIn += s.flows;
    totalsOf(totals, client).drops += s.dropped;
    if (server !== client) totalsOf(totals, server).drops += s.dropped;
    if (
      namespaces !== null &&
      !(client.namespace !== null && namespaces.has(client.namespace)) &&
      !(server.namespace !== null && namespaces.has(server.namespace))
    ) {
      continue;
    }
    shown.add(client);
    shown.add(server);
    edges.push(toEdge(edge, s, query.withRates === true ? ratePerSecond(edge.rings, clock) : null));
  }
  const nodes: MapNode[] = [];
  for (const node of shown) nodes.push(toNode(node, totalsOf(totals, node)));
  nodes.sort(compareNodes);
  edges.sort(compareEdges);
  return { window: query.window, seconds: coveredSeconds(state, query.window, spec, now), nodes, edges };
}

/** Flow counts of one edge per 5 s over the last minute, oldest first (12 values); null if absent. */
export function edgeSparkline(state: ServiceMapState, ref: MapEdgeRef, now: number): number[] | null {
  const client = state.nodes.get(ref.source);
  const server = state.nodes.get(ref.target);
  if (client === undefined || server === undefined) return null;
  const byPort = client.out.get(server);
  if (byPort === undefined) return null;
  for (const edge of byPort.values()) {
    if (PROTOCOL_NAMES[edge.protoCode] === ref.protocol && edge.port === ref.port) {
      return sparkline(edge.rings, clockAt(now));
    }
  }
  return null;
}

export type ParsedMapQuery =
  | { readonly ok: true; readonly query: MapQuery }
  | { readonly ok: false; readonly error: string };

// Bounds on what a request may name: a view per distinct list is kept live, so lists are bounded too.
const MAX_NAMESPACE_PARAM = 4096;
const MAX_NAMESPACES = 100;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A request value for an error message: JSON-quoted (control characters escaped), at most 64 chars. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

/** The window used when a request names none. */
export const DEFAULT_MAP_WINDOW: MapWindow = '5m';

/**
 * Parses `?window=1m|5m|15m|1h|all&namespace=a,b` (values as URLSearchParams.get returns them).
 * No namespace (or an empty list) = all namespaces.
 */
export function parseMapQuery(params: {
  readonly window?: string | null;
  readonly namespace?: string | null;
}): ParsedMapQuery {
  const rawWindow = params.window ?? null;
  let window = DEFAULT_MAP_WINDOW;
  if (rawWindow !== null && rawWindow !== '') {
    const found = MAP_WINDOWS.find((w) => w === rawWindow);
    if (found === undefined) {
      return {
        ok: false,
        error: `window must be one of ${MAP_WINDOWS.join(', ')}; got ${quoted(rawWindow)}`,
      };
    }
    window = found;
  }
  const rawNamespace = params.namespace ?? '';
  if (rawNamespace.length > MAX_NAMESPACE_PARAM) {
    return { ok: false, error: `namespace is longer than ${MAX_NAMESPACE_PARAM} characters` };
  }
  const namespaces = [
    ...new Set(
      rawNamespace
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    ),
  ].sort();
  const invalid = namespaces.find((n) => !NAMESPACE_NAME.test(n));
  if (invalid !== undefined) {
    return {
      ok: false,
      error: `namespace ${quoted(invalid)} is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63 characters)`,
    };
  }
  if (namespaces.length > MAX_NAMESPACES) {
    return { ok: false, error: `at most ${MAX_NAMESPACES} namespaces per view; got ${namespaces.length}` };
  }
  return { ok: true, query: namespaces.length > 0 ? { window, namespaces } : { window } };
}
