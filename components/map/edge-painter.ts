// Canvas edges drawn inside the map worker on an OffscreenCanvas the page handed over: the page's
// main thread then spends nothing on edges, not even rasterising them (without a GPU, a full redraw
// of 5,000 edges costs ~25 ms of main-thread time in the compositor commit). The page sends the view
// (zoom, size, theme, selection); the worker has the edges and positions already.
import { drawEdges, type EdgeContext, type EdgeDrawInput } from './edge-canvas-draw';
import type { DrawnEdge } from './graph-patch';
import type { Point } from './layout-engine';
import { edgeLabel, edgeStrokeWidth, edgeTone } from './map-geometry';

/** The view half of EdgeDrawInput, as the page posts it (the worker holds edges and positions). */
export type EdgeViewMessage = Pick<
  EdgeDrawInput,
  'transform' | 'width' | 'height' | 'pixelRatio' | 'arrows' | 'labels' | 'palette' | 'windowSeconds'
> & {
  readonly type: 'edge-view';
  /** The selected card: edges not touching it are drawn faint. */
  readonly focus?: string;
  /** Drawn by the page on top (selected, hovered). */
  readonly skip: readonly string[];
};

export interface EdgeCanvasMessage {
  readonly type: 'edge-canvas';
  readonly canvas: OffscreenCanvas | null;
}

interface Surface {
  width: number;
  height: number;
  getContext(kind: '2d'): EdgeContext | null;
}

/** A tick replaced edge objects but nothing drawn changed (widths are rounded, as in EdgePath). */
export function sameDrawing(
  a: readonly DrawnEdge[],
  b: readonly DrawnEdge[],
  windowSeconds: number,
  labels: boolean,
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (
      x.id !== y.id ||
      x.mixed !== y.mixed ||
      edgeTone(x) !== edgeTone(y) ||
      edgeStrokeWidth(x, windowSeconds) !== edgeStrokeWidth(y, windowSeconds) ||
      (labels && edgeLabel(x, windowSeconds) !== edgeLabel(y, windowSeconds))
    )
      return false;
  }
  return true;
}

export class EdgePainter {
  private surface: Surface | undefined;
  private view: EdgeViewMessage | undefined;
  private edges: readonly DrawnEdge[] = [];
  private positions: ReadonlyMap<string, Point> = new Map();
  private drawn: { edges: readonly DrawnEdge[]; positions: unknown; view: unknown } | undefined;
  private scheduled = false;

  constructor(
    private readonly schedule: (draw: () => void) => void,
    private readonly report: (count: number) => void,
  ) {}

  setSurface(surface: Surface | null): void {
    this.surface = surface ?? undefined;
    this.drawn = undefined;
    this.request();
  }

  setView(view: EdgeViewMessage): void {
    this.view = view;
    this.request();
  }

  setEdges(edges: readonly DrawnEdge[]): void {
    this.edges = edges;
    this.request();
  }

  setPositions(positions: ReadonlyMap<string, Point>): void {
    this.positions = positions;
    this.request();
  }

  private request(): void {
    if (this.scheduled || !this.surface || !this.view) return;
    const last = this.drawn;
    // Most ticks change counters but no drawn width or colour: nothing to redraw then.
    if (
      last &&
      last.view === this.view &&
      last.positions === this.positions &&
      sameDrawing(last.edges, this.edges, this.view.windowSeconds, this.view.labels)
    )
      return;
    this.scheduled = true;
    this.schedule(() => this.draw());
  }

  private draw(): void {
    this.scheduled = false;
    const surface = this.surface;
    const view = this.view;
    if (!surface || !view) return;
    const ctx = surface.getContext('2d');
    if (!ctx) return;
    const width = Math.round(view.width * view.pixelRatio);
    const height = Math.round(view.height * view.pixelRatio);
    if (surface.width !== width) surface.width = width;
    if (surface.height !== height) surface.height = height;
    const focus = view.focus;
    const count = drawEdges(ctx, {
      edges: this.edges,
      positions: this.positions,
      windowSeconds: view.windowSeconds,
      transform: view.transform,
      width: view.width,
      height: view.height,
      pixelRatio: view.pixelRatio,
      arrows: view.arrows,
      labels: view.labels,
      dimmed: (e) => focus !== undefined && e.source !== focus && e.target !== focus,
      skip: new Set(view.skip),
      palette: view.palette,
    });
    this.drawn = { edges: this.edges, positions: this.positions, view };
    this.report(count);
  }
}
