import { describe, expect, it } from 'vitest';
import { drawEdges, type EdgeContext, edgeAt, edgeSegments, segmentDistance } from './edge-canvas-draw';
import type { Point } from './layout-engine';
import { drawnEdge } from './test-builders';

const edge = drawnEdge;

const positions = new Map<string, Point>([
  ['a', { x: 0, y: 0 }],
  ['b', { x: 1000, y: 0 }],
  ['c', { x: 0, y: 1000 }],
  ['d', { x: 5000, y: 5000 }],
  ['e', { x: 6000, y: 5000 }],
]);

/** Records the calls drawEdges makes. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textAlign: 'start',
    lineJoin: 'miter',
  } as Record<string, unknown>;
  for (const name of [
    'setTransform',
    'clearRect',
    'beginPath',
    'moveTo',
    'lineTo',
    'closePath',
    'stroke',
    'fill',
    'setLineDash',
    'fillText',
    'strokeText',
  ]) {
    ctx[name] = (...args: unknown[]) => {
      if (name === 'stroke') calls.push(`stroke ${ctx.strokeStyle} ${ctx.lineWidth} a${ctx.globalAlpha}`);
      else if (name === 'fillText') calls.push(`text ${args[0]}`);
      else calls.push(name);
    };
  }
  return { ctx: ctx as unknown as EdgeContext, calls };
}

const palette = { edge: 'E', drop: 'D', warn: 'W', text: 'T', halo: 'H', font: 'mono' };
const base = {
  positions,
  windowSeconds: 300,
  transform: { x: 0, y: 0, k: 1 },
  width: 2000,
  height: 2000,
  pixelRatio: 1,
  arrows: false,
  labels: false,
  dimmed: () => false,
  skip: new Set<string>(),
  palette,
};

describe('edge canvas', () => {
  it('batches edges of one style into one stroke and colours drops and 5xx', () => {
    const { ctx, calls } = recorder();
    const edges = [
      edge('a', 'b'),
      edge('a', 'c'),
      edge('b', 'c', { dropped: 5 }),
      edge('c', 'b', { http5xx: 2 }),
    ];
    expect(drawEdges(ctx, { ...base, edges })).toBe(4);
    const strokes = calls.filter((c) => c.startsWith('stroke'));
    expect(strokes).toHaveLength(3);
    expect(strokes.some((c) => c.startsWith('stroke D'))).toBe(true);
    expect(strokes.some((c) => c.startsWith('stroke W'))).toBe(true);
  });

  it('skips raised edges, loops, unplaced ends and edges out of view; dims and labels on request', () => {
    const { ctx, calls } = recorder();
    const edges = [edge('a', 'b'), edge('a', 'a'), edge('a', 'zz'), edge('d', 'd'), edge('a', 'c')];
    const drawn = drawEdges(ctx, {
      ...base,
      width: 1200,
      height: 600,
      edges: [...edges, edge('d', 'e')],
      skip: new Set(['a->c']),
      labels: true,
      dimmed: (e) => e.target === 'b',
    });
    // a->b only: d->e lies far outside a 1200×600 view, a->c is raised, the rest cannot be drawn.
    expect(drawn).toBe(1);
    expect(calls.filter((c) => c.startsWith('stroke '))).toEqual(['stroke E 2.5 a0.15']);
    expect(calls.filter((c) => c.startsWith('text'))).toEqual(['text 1.0/s']);
  });

  it('finds the edge under the pointer within the tolerance only', () => {
    const segments = edgeSegments([edge('a', 'b'), edge('a', 'c')], positions);
    expect(edgeAt(segments, { x: 500, y: 3 }, 6)?.id).toBe('a->b');
    expect(edgeAt(segments, { x: 2, y: 500 }, 6)?.id).toBe('a->c');
    expect(edgeAt(segments, { x: 500, y: 40 }, 6)).toBeUndefined();
    expect(segmentDistance({ x: 0, y: 5 }, { x: -1, y: 0 }, { x: 1, y: 0 })).toBe(5);
  });
});
