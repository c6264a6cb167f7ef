// Edges of a big map drawn on one <canvas> instead of thousands of SVG elements: the same geometry,
// colours, widths, dashes, arrow heads and labels as EdgePath, batched into one path per style so a
// redraw of 5,000 edges is a handful of strokes. Hit testing (which edge is under the pointer)
// replaces the SVG elements' own events. Pure apart from the 2D context it is handed.
import type { DrawnEdge } from './graph-patch';
import type { Point } from './layout-engine';
import { ARROW_SIZE, cardExit, edgeLabel, edgeStrokeWidth, edgeTone } from './map-geometry';

export interface EdgePalette {
  readonly edge: string;
  readonly drop: string;
  readonly warn: string;
  readonly text: string;
  readonly halo: string;
  readonly font: string;
}

export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface EdgeDrawInput {
  readonly edges: readonly DrawnEdge[];
  readonly positions: ReadonlyMap<string, Point>;
  readonly windowSeconds: number;
  readonly transform: ViewTransform;
  /** Canvas size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
  /** Arrow heads only when zoomed in enough to see them (as EdgePath's compact mode). */
  readonly arrows: boolean;
  readonly labels: boolean;
  /** Drawn faint (a focused card's unrelated edges). */
  readonly dimmed: (edge: DrawnEdge) => boolean;
  /** Drawn by the SVG layer on top instead (selected, hovered). */
  readonly skip: ReadonlySet<string>;
  readonly palette: EdgePalette;
}

/** The subset of CanvasRenderingContext2D this needs (so tests can record the calls). */
export type EdgeContext = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'stroke'
  | 'fill'
  | 'setLineDash'
  | 'fillText'
  | 'strokeText'
  | 'strokeStyle'
  | 'fillStyle'
  | 'lineWidth'
  | 'globalAlpha'
  | 'font'
  | 'textAlign'
  | 'lineJoin'
>;

export interface EdgeSegment {
  readonly edge: DrawnEdge;
  readonly start: Point;
  readonly end: Point;
}

/** Card-edge to card-edge segments of the edges that can be drawn (both ends placed, not a loop). */
export function edgeSegments(
  edges: readonly DrawnEdge[],
  positions: ReadonlyMap<string, Point>,
): EdgeSegment[] {
  const out: EdgeSegment[] = [];
  for (const edge of edges) {
    if (edge.source === edge.target) continue;
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    if (!from || !to) continue;
    out.push({ edge, start: cardExit(from, to), end: cardExit(to, from) });
  }
  return out;
}

interface Batch {
  color: string;
  width: number;
  dashed: boolean;
  alpha: number;
  segments: EdgeSegment[];
}

/** Draws every edge; returns how many were drawn. */
export function drawEdges(ctx: EdgeContext, input: EdgeDrawInput): number {
  const { transform: t, pixelRatio: r, palette } = input;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, input.width * r, input.height * r);
  ctx.setTransform(r * t.k, 0, 0, r * t.k, r * t.x, r * t.y);
  // The visible part of the map, in map coordinates (with a margin for arrow heads and labels).
  const margin = 80;
  const minX = -t.x / t.k - margin;
  const minY = -t.y / t.k - margin;
  const maxX = (input.width - t.x) / t.k + margin;
  const maxY = (input.height - t.y) / t.k + margin;

  const batches = new Map<string, Batch>();
  const visible: EdgeSegment[] = [];
  for (const segment of edgeSegments(input.edges, input.positions)) {
    const { edge, start, end } = segment;
    if (input.skip.has(edge.id)) continue;
    if (Math.max(start.x, end.x) < minX || Math.min(start.x, end.x) > maxX) continue;
    if (Math.max(start.y, end.y) < minY || Math.min(start.y, end.y) > maxY) continue;
    const tone = edgeTone(edge);
    const color = tone === ' drop' ? palette.drop : tone === ' warn' ? palette.warn : palette.edge;
    const width = edgeStrokeWidth(edge, input.windowSeconds);
    const alpha = input.dimmed(edge) ? 0.15 : 1;
    const key = `${color}|${width}|${edge.mixed}|${alpha}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = { color, width, dashed: edge.mixed, alpha, segments: [] };
      batches.set(key, batch);
    }
    batch.segments.push(segment);
    visible.push(segment);
  }

  for (const batch of batches.values()) {
    ctx.globalAlpha = batch.alpha;
    ctx.strokeStyle = batch.color;
    ctx.fillStyle = batch.color;
    ctx.lineWidth = batch.width;
    ctx.setLineDash(batch.dashed ? [7, 5] : []);
    ctx.beginPath();
    for (const { start, end } of batch.segments) {
      ctx.moveTo(start.x, start.y);
      ctx.lineTo(end.x, end.y);
    }
    ctx.stroke();
    if (input.arrows) {
      // EdgePath's marker: a 10×10 triangle drawn ARROW_SIZE map units long, tip at the end.
      ctx.beginPath();
      for (const { start, end } of batch.segments) arrowHead(ctx, start, end);
      ctx.fill();
    }
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  if (input.labels) {
    ctx.font = `11px ${palette.font}`;
    ctx.textAlign = 'center';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 4;
    ctx.strokeStyle = palette.halo;
    ctx.fillStyle = palette.text;
    for (const { edge, start, end } of visible) {
      const label = edgeLabel(edge, input.windowSeconds);
      const x = (start.x + end.x) / 2;
      const y = (start.y + end.y) / 2 - 6;
      ctx.globalAlpha = input.dimmed(edge) ? 0.15 : 1;
      ctx.strokeText(label, x, y);
      ctx.fillText(label, x, y);
    }
    ctx.globalAlpha = 1;
  }
  return visible.length;
}

function arrowHead(ctx: EdgeContext, start: Point, end: Point): void {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return;
  const ux = dx / length;
  const uy = dy / length;
  const unit = ARROW_SIZE / 10;
  // The marker's tip sits at x=9 of 10 (refX 9): it overshoots the end by one unit.
  const tipX = end.x + ux * unit;
  const tipY = end.y + uy * unit;
  const baseX = tipX - ux * 10 * unit;
  const baseY = tipY - uy * 10 * unit;
  ctx.moveTo(tipX, tipY);
  ctx.lineTo(baseX - uy * 5 * unit, baseY + ux * 5 * unit);
  ctx.lineTo(baseX + uy * 5 * unit, baseY - ux * 5 * unit);
  ctx.closePath();
}

/** Distance from p to the segment a–b. */
export function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The edge nearest to `at` (map coordinates) within `tolerance`, if any. */
export function edgeAt(
  segments: readonly EdgeSegment[],
  at: Point,
  tolerance: number,
): DrawnEdge | undefined {
  let best: DrawnEdge | undefined;
  let bestDistance = tolerance;
  for (const { edge, start, end } of segments) {
    // Cheap rejection before the exact distance.
    if (at.x < Math.min(start.x, end.x) - tolerance || at.x > Math.max(start.x, end.x) + tolerance) continue;
    if (at.y < Math.min(start.y, end.y) - tolerance || at.y > Math.max(start.y, end.y) + tolerance) continue;
    const d = segmentDistance(at, start, end);
    if (d <= bestDistance) {
      bestDistance = d;
      best = edge;
    }
  }
  return best;
}
