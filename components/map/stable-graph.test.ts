import { describe, expect, it } from 'vitest';
import { applyMapDelta } from './apply-map-delta';
import type { MapEdgeWire, MapNodeWire, MapViewWire } from './map-types';
import { stabilizeGraph } from './stable-graph';
import { buildVisibleGraph } from './visible-graph';

const node = (id: string, flowsOut = 1): MapNodeWire =>
  ({
    id,
    kind: 'workload',
    namespace: id.split('/')[0]!,
    name: id.split('/')[1]!,
    labels: [],
    flowsIn: 0,
    flowsOut,
    drops: 0,
    badges: [],
  }) as MapNodeWire;
const edge = (source: string, target: string, flows: number): MapEdgeWire =>
  ({
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
  }) as MapEdgeWire;
const options = { hideNoise: false, foldThreshold: 250, expanded: new Set<string>(), search: '' };

const view: MapViewWire = {
  window: '5m',
  nodes: [node('a/x'), node('a/y'), node('b/z')],
  edges: [edge('a/x', 'a/y', 1), edge('a/y', 'b/z', 1), edge('b/z', 'a/x', 1)],
};

describe('stabilizeGraph', () => {
  it('keeps the objects of unchanged nodes and edges and swaps in the changed ones', () => {
    const first = stabilizeGraph(undefined, buildVisibleGraph(view, options));
    const next = applyMapDelta(view, {
      seq: 2,
      window: '5m',
      nodes: { upsert: [node('a/y', 5)], remove: [] },
      edges: { upsert: [edge('a/y', 'b/z', 7)], remove: [] },
    });
    const second = stabilizeGraph(first, buildVisibleGraph(next, options));
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[1]).not.toBe(first.nodes[1]);
    expect(second.nodes[1]?.flowsOut).toBe(5);
    expect(second.edges[0]).toBe(first.edges[0]);
    expect(second.edges[1]?.flows).toBe(7);
    expect(second.edges[2]).toBe(first.edges[2]);
    expect(second.topology).toBe(first.topology);
  });

  it('returns the previous graph itself when nothing changed', () => {
    const first = stabilizeGraph(undefined, buildVisibleGraph(view, options));
    expect(stabilizeGraph(first, buildVisibleGraph(view, options))).toBe(first);
  });

  it('bumps the topology version when a node or edge appears or goes', () => {
    const first = stabilizeGraph(undefined, buildVisibleGraph(view, options));
    const grown = stabilizeGraph(
      first,
      buildVisibleGraph({ ...view, edges: [...view.edges, edge('b/z', 'a/y', 1)] }, options),
    );
    expect(grown.topology).toBe(first.topology + 1);
    const shrunk = stabilizeGraph(
      grown,
      buildVisibleGraph({ ...view, nodes: view.nodes.slice(0, 2) }, options),
    );
    expect(shrunk.topology).toBe(grown.topology + 1);
  });
});
