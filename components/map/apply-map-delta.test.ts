import { describe, expect, it } from 'vitest';
import { applyMapDelta } from './apply-map-delta';
import type { MapEdgeWire, MapNodeWire, MapViewWire } from './map-types';

const node = (id: string, flowsIn = 0): MapNodeWire => ({
  id,
  kind: 'workload',
  name: id,
  flowsIn,
  flowsOut: 0,
  drops: 0,
  badges: [],
});
const edge = (source: string, target: string, flows: number): MapEdgeWire => ({
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
  lastSeen: '2026-11-25T00:00:00Z',
});

describe('applyMapDelta', () => {
  it('upserts, removes and keeps unchanged objects identical', () => {
    const a = node('a');
    const b = node('b');
    const ab = edge('a', 'b', 1);
    const view: MapViewWire = { window: '5m', nodes: [a, b], edges: [ab] };
    const next = applyMapDelta(view, {
      seq: 2,
      window: '5m',
      nodes: { upsert: [node('b', 5), node('c')], remove: ['a'] },
      edges: { upsert: [edge('b', 'c', 3)], remove: ['a|b|TCP|80'] },
    });
    expect(next.nodes.map((n) => [n.id, n.flowsIn])).toEqual([
      ['b', 5],
      ['c', 0],
    ]);
    expect(next.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['b>c']);
    const again = applyMapDelta(next, {
      seq: 3,
      window: '5m',
      nodes: { upsert: [], remove: [] },
      edges: { upsert: [], remove: [] },
    });
    expect(again.nodes[0]).toBe(next.nodes[0]);
  });
});
