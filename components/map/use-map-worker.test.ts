import { describe, expect, it } from 'vitest';
import { INITIAL_MAP_WORKER_STATE, reduceWorkerUpdate } from './use-map-worker';

const initial = INITIAL_MAP_WORKER_STATE;

describe('reduceWorkerUpdate', () => {
  it('draws a draft, then counts the settled layout that replaces it and its time', () => {
    const draft = reduceWorkerUpdate(initial, {
      loaded: true,
      connection: 'open',
      namespaces: ['a'],
      graph: {
        folded: false,
        topology: 1,
        nodeIds: ['a/x'],
        edgeIds: [],
        nodes: [
          {
            id: 'a/x',
            kind: 'workload',
            label: 'x',
            group: 'ns:a',
            flowsIn: 0,
            flowsOut: 0,
            drops: 0,
            badges: [],
            match: false,
          },
        ],
        edges: [],
      },
      positions: { ids: ['a/x'], xy: new Float64Array([1, 2]), draft: true, ms: 0 },
    });
    expect(draft.draft).toBe(true);
    expect(draft.lastLayoutMs).toBeUndefined();
    expect(draft.positions.get('a/x')).toEqual({ x: 1, y: 2 });
    expect(draft.graph.nodes).toHaveLength(1);
    const settled = reduceWorkerUpdate(draft, {
      positions: { ids: ['a/x'], xy: new Float64Array([5, 6]), draft: false, ms: 321 },
    });
    expect(settled.draft).toBe(false);
    expect(settled.draftsSettled).toBe(1);
    expect(settled.lastLayoutMs).toBe(321);
    expect(settled.graph).toBe(draft.graph);
    // A later layout (new nodes) is not a settled draft: the view does not re-fit.
    const later = reduceWorkerUpdate(settled, {
      positions: { ids: ['a/x'], xy: new Float64Array([5, 6]), draft: false, ms: 12 },
    });
    expect(later.draftsSettled).toBe(1);
  });

  it('keeps the seconds the counts cover until the worker sends new ones', () => {
    const state = reduceWorkerUpdate(initial, { seconds: 345 });
    expect(state.seconds).toBe(345);
    expect(reduceWorkerUpdate(state, { loaded: true }).seconds).toBe(345);
  });
});
