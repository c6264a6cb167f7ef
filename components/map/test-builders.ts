import type { DrawnEdge } from './graph-patch';
// Records for the map's unit tests: a workload node `<namespace>/<name>` and a TCP/80 edge whose
// flows are all forwarded, as the server sends them and as the visible graph draws them.
import type { MapEdgeWire, MapNodeWire } from './map-types';

export function wireNode(id: string, flowsOut = 1): MapNodeWire {
  return {
    id,
    kind: 'workload',
    namespace: id.split('/')[0] ?? '',
    name: id.split('/')[1] ?? id,
    labels: [],
    flowsIn: 0,
    flowsOut,
    drops: 0,
    badges: [],
  } as MapNodeWire;
}

export function wireEdge(source: string, target: string, flows: number): MapEdgeWire {
  return {
    source,
    target,
    protocol: 'TCP',
    port: 80,
    flows,
    verdicts: { FORWARDED: flows },
    forwarded: flows,
    dropped: 0,
    dropReasons: {},
    http: { requests: 0, errors4xx: 0, errors5xx: 0, p50Ms: null, p95Ms: null },
    dns: { queries: 0, errors: 0 },
    lastSeen: '2026-03-01T12:00:00.000Z',
  };
}

/** A drawn (visible-graph) edge: `flows` forwarded, nothing dropped, overrides in `extra`. */
export function drawnEdge(source: string, target: string, extra: Partial<DrawnEdge> = {}): DrawnEdge {
  const flows = extra.flows ?? 300;
  return {
    id: `${source}->${target}`,
    source,
    target,
    flows,
    forwarded: flows,
    dropped: 0,
    mixed: false,
    http5xx: 0,
    httpRequests: 0,
    p95Ms: null,
    dnsErrors: 0,
    ports: ['80/TCP'],
    ...extra,
  };
}
