import { describe, expect, it } from 'vitest';
import { applyMapDelta } from './apply-map-delta';
import type { MapViewWire } from './map-types';
import { stabilizeGraph } from './stable-graph';
import { wireEdge as edge, wireNode as node } from './test-builders';
import { buildVisibleGraph } from './visible-graph';

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
