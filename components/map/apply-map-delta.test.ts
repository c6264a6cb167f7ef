import { describe, expect, it } from 'vitest';
import { applyMapDelta } from './apply-map-delta';
import type { MapNodeWire, MapViewWire } from './map-types';
import { wireEdge as edge } from './test-builders';

const node = (id: string, flowsIn = 0): MapNodeWire => ({
  id,
  kind: 'workload',
  name: id,
  flowsIn,
  flowsOut: 0,
  drops: 0,
  badges: [],
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

  it("takes the delta's seconds, or keeps the view's when the delta has none", () => {
    const view: MapViewWire = { window: '5m', seconds: 300, nodes: [], edges: [] };
    const empty = { nodes: { upsert: [], remove: [] }, edges: { upsert: [], remove: [] } };
    expect(applyMapDelta(view, { seq: 1, window: '5m', seconds: 301, ...empty }).seconds).toBe(301);
    expect(applyMapDelta(view, { seq: 1, window: '5m', ...empty }).seconds).toBe(300);
  });
});
