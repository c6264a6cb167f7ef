import { describe, expect, it } from 'vitest';
import type { MapDeltaWire } from './apply-map-delta';
import { applyGraphPatch, type ClientGraph, EMPTY_GRAPH, positionsOf } from './graph-patch';
import { MapModel } from './map-model';
import type { MapEdgeWire, MapNodeWire, MapViewWire } from './map-types';
import { wireEdge as edge, wireNode as node } from './test-builders';

const delta = (
  seq: number,
  nodes: MapNodeWire[],
  edges: MapEdgeWire[],
  remove: string[] = [],
): MapDeltaWire => ({
  seq,
  window: '5m',
  nodes: { upsert: nodes, remove },
  edges: { upsert: edges, remove: [] },
});
const options = { hideNoise: true, expanded: [], search: '', selection: undefined };

function viewOf(count: number): MapViewWire {
  const nodes = Array.from({ length: count }, (_, i) => node(`ns${i % 3}/svc-${i}`));
  const edges = nodes.slice(1).map((n, i) => edge(nodes[i]!.id, n.id, i + 1));
  return { window: '5m', nodes, edges };
}

describe('MapModel + applyGraphPatch', () => {
  it('sends the whole graph first, then only what a delta changed, keeping untouched objects', () => {
    const model = new MapModel();
    model.setOptions(options);
    model.snapshot(viewOf(10));
    const first = model.update();
    expect(first.relayout).toBe(true);
    expect(first.graph?.nodeIds).toHaveLength(10);
    expect(first.graph?.edgeIds).toHaveLength(9);
    expect(first.namespaces?.sort()).toEqual(['ns0', 'ns1', 'ns2']);
    const page1 = applyGraphPatch(EMPTY_GRAPH, first.graph!);
    expect(page1.nodes.map((n) => n.id)).toEqual(first.graph!.nodeIds);
    // Slim edges: the server records behind an edge never travel with the graph.
    expect('edges' in page1.edges[0]!).toBe(false);

    model.delta(delta(1, [node('ns1/svc-4', 99)], [edge('ns0/svc-3', 'ns1/svc-4', 500)]));
    const second = model.update();
    expect(second.relayout).toBe(false);
    expect(second.graph?.nodeIds).toBeUndefined();
    expect(second.graph?.nodes.map((n) => n.id)).toEqual(['ns1/svc-4']);
    expect(second.graph?.edges.map((e) => e.id)).toEqual(['ns0/svc-3->ns1/svc-4']);
    expect(second.namespaces).toBeUndefined();
    const page2 = applyGraphPatch(page1, second.graph!);
    expect(page2.nodes.find((n) => n.id === 'ns1/svc-4')?.flowsOut).toBe(99);
    expect(page2.edges.find((e) => e.id === 'ns0/svc-3->ns1/svc-4')?.flows).toBe(500);
    const untouched = page1.nodes.findIndex((n) => n.id === 'ns0/svc-0');
    expect(page2.nodes[untouched]).toBe(page1.nodes[untouched]);
    expect(page2.topology).toBe(page1.topology);

    // Nothing new: nothing to send.
    expect(model.update()).toEqual({ relayout: false });
  });

  it('sends new id lists when a node goes, and the page drops it', () => {
    const model = new MapModel();
    model.setOptions(options);
    model.snapshot(viewOf(6));
    const page1 = applyGraphPatch(EMPTY_GRAPH, model.update().graph!);
    model.delta(delta(1, [], [], ['ns2/svc-5']));
    const update = model.update();
    expect(update.relayout).toBe(true);
    const page2 = applyGraphPatch(page1, update.graph!);
    expect(page2.nodes.map((n) => n.id)).not.toContain('ns2/svc-5');
    expect(page2.nodes).toHaveLength(5);
    expect(page2.topology).toBeGreaterThan(page1.topology);
    expect(page2.nodes[0]).toBe(page1.nodes[0]);
  });

  it('folds big maps and unfolds an expanded namespace', () => {
    const model = new MapModel();
    model.setOptions(options);
    model.snapshot(viewOf(300));
    const folded = applyGraphPatch(EMPTY_GRAPH, model.update().graph!);
    expect(folded.folded).toBe(true);
    expect(folded.nodes.map((n) => n.id).sort()).toEqual(['ns:ns0', 'ns:ns1', 'ns:ns2']);
    model.setOptions({ ...options, expanded: ['ns1'] });
    const update = model.update();
    expect(update.relayout).toBe(true);
    const open = applyGraphPatch(folded, update.graph!);
    expect(open.nodes.filter((n) => n.namespace === 'ns1' && n.kind === 'workload')).toHaveLength(100);
  });

  it('sends the selection details once, and again when they change', () => {
    const model = new MapModel();
    model.setOptions({ ...options, selection: { type: 'edge', id: 'ns0/svc-0->ns1/svc-1' } });
    model.snapshot(viewOf(4));
    const first = model.update();
    expect(first.detail?.edges?.[0]?.flows).toBe(1);
    model.delta(delta(1, [node('ns2/svc-2', 7)], []));
    expect(model.update().detail).toBeUndefined();
    model.delta(delta(2, [], [edge('ns0/svc-0', 'ns1/svc-1', 42)]));
    expect(model.update().detail?.edges?.[0]?.flows).toBe(42);
    model.setOptions({ ...options, selection: { type: 'node', id: 'ns2/svc-2' } });
    expect(model.update().detail?.node?.flowsOut).toBe(7);
    model.setOptions({ ...options, selection: { type: 'node', id: 'ns9/none' } });
    expect(model.update().detail).toBeNull();
  });

  it('turns a positions message into points by id', () => {
    const at = positionsOf({ ids: ['a', 'b'], xy: new Float64Array([1, 2, 3, 4]), draft: false, ms: 5 });
    expect(at.get('b')).toEqual({ x: 3, y: 4 });
  });

  it('a patch without changes keeps the page graph as it is', () => {
    const graph: ClientGraph = applyGraphPatch(EMPTY_GRAPH, {
      folded: false,
      topology: 1,
      nodeIds: [],
      edgeIds: [],
      nodes: [],
      edges: [],
    });
    expect(applyGraphPatch(graph, { folded: false, topology: 1, nodes: [], edges: [] })).toBe(graph);
  });

  it('passes on how many seconds the counts cover, from the snapshot and from each delta that moves it', () => {
    const model = new MapModel();
    model.setOptions(options);
    model.snapshot({ ...viewOf(3), seconds: 40 });
    expect(model.update().seconds).toBe(40);
    model.delta({ ...delta(1, [], []), seconds: 41 });
    expect(model.update().seconds).toBe(41);
    // A delta without the field (an older server) keeps what the view had; nothing new to send.
    model.delta(delta(2, [], []));
    expect(model.update().seconds).toBeUndefined();
  });
});
