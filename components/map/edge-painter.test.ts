import { describe, expect, it } from 'vitest';
import type { EdgeContext } from './edge-canvas-draw';
import { EdgePainter, type EdgeViewMessage } from './edge-painter';
import { drawnEdge } from './test-builders';

const edge = (source: string, target: string, flows: number) => drawnEdge(source, target, { flows });

function fakeSurface() {
  const strokes: string[] = [];
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, key) => {
      if (key in target) return target[key];
      return (..._args: unknown[]) => {
        if (key === 'stroke') strokes.push(`${String(target.strokeStyle)} a${String(target.globalAlpha)}`);
      };
    },
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  });
  return { surface: { width: 0, height: 0, getContext: () => ctx as unknown as EdgeContext }, strokes };
}

const view = (extra: Partial<EdgeViewMessage> = {}): EdgeViewMessage => ({
  type: 'edge-view',
  transform: { x: 0, y: 0, k: 1 },
  width: 800,
  height: 600,
  pixelRatio: 2,
  arrows: false,
  labels: false,
  skip: [],
  palette: { edge: 'E', drop: 'D', warn: 'W', text: 'T', halo: 'H', font: 'mono' },
  windowSeconds: 300,
  ...extra,
});

describe('EdgePainter', () => {
  it('draws once surface, view and data are there; skips ticks that change nothing drawn', () => {
    const counts: number[] = [];
    const painter = new EdgePainter(
      (draw) => draw(),
      (n) => counts.push(n),
    );
    const { surface, strokes } = fakeSurface();
    painter.setPositions(
      new Map([
        ['a', { x: 0, y: 0 }],
        ['b', { x: 400, y: 0 }],
        ['c', { x: 0, y: 300 }],
      ]),
    );
    painter.setEdges([edge('a', 'b', 3), edge('a', 'c', 3)]);
    expect(counts).toEqual([]);
    painter.setSurface(surface);
    painter.setView(view());
    expect(counts).toEqual([2]);
    expect(surface.width).toBe(1600);
    expect(strokes).toHaveLength(1);
    // One more flow: the same rounded width, no redraw.
    painter.setEdges([edge('a', 'b', 4), edge('a', 'c', 3)]);
    expect(counts).toEqual([2]);
    // Far more traffic: a wider stroke, redrawn.
    painter.setEdges([edge('a', 'b', 30_000), edge('a', 'c', 3)]);
    expect(counts).toEqual([2, 2]);
    // A selected card dims the edges away from it.
    painter.setView(view({ focus: 'c' }));
    expect(strokes.slice(-2).sort()).toEqual(['E a0.15', 'E a1']);
  });
});
