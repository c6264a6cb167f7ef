// Card and edge geometry shared by the SVG map and its tests.
import type { DrawnEdge, DrawnNode } from './graph-patch';
import type { Point } from './layout-engine';

export const CARD_W = 176;
export const CARD_H = 56;

/** Where the segment from a's centre to b's centre leaves a's card. */
export function cardExit(a: Point, b: Point): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return a;
  const tx = dx === 0 ? Number.POSITIVE_INFINITY : CARD_W / 2 / Math.abs(dx);
  const ty = dy === 0 ? Number.POSITIVE_INFINITY : CARD_H / 2 / Math.abs(dy);
  const t = Math.min(tx, ty);
  return { x: a.x + dx * t, y: a.y + dy * t };
}

/** Stroke width from a per-second rate: thin for a trickle, capped for floods. */
/** Length and width of an edge's arrow head, in map units (SVG marker and canvas alike). */
export const ARROW_SIZE = 12;

export function edgeWidth(ratePerSecond: number): number {
  return 1.2 + Math.min(7, Math.log2(1 + Math.max(0, ratePerSecond)) * 1.4);
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(1)}k/s`;
  if (perSecond >= 10) return `${perSecond.toFixed(0)}/s`;
  if (perSecond >= 0.1) return `${perSecond.toFixed(1)}/s`;
  if (perSecond > 0) return '<0.1/s';
  return '0/s';
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Padding of a group's box (groupBoxes) around its cards. */
export const GROUP_BOX_PADDING = 18;

export function boundsOf(points: readonly Point[], padding: number): Box | undefined {
  if (points.length === 0) return undefined;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    minX = Math.min(minX, p.x - CARD_W / 2);
    minY = Math.min(minY, p.y - CARD_H / 2);
    maxX = Math.max(maxX, p.x + CARD_W / 2);
    maxY = Math.max(maxY, p.y + CARD_H / 2);
  }
  return {
    x: minX - padding,
    y: minY - padding - 14,
    w: maxX - minX + padding * 2,
    h: maxY - minY + padding * 2 + 14,
  };
}

// Screen space the overlays take: the Fit button and zoom level (top right) and the legend (bottom
// left) sit on the map; a fit that used the whole height put the first and last rows under them.
export const FIT_INSETS = { top: 44, bottom: 44, side: 12 } as const;

/** Scale and translation (screen = k · graph + (x, y)) that fit `box` between the overlays. */
export function fitView(box: Box, width: number, height: number): { x: number; y: number; k: number } {
  const w = Math.max(1, width - 2 * FIT_INSETS.side);
  const h = Math.max(1, height - FIT_INSETS.top - FIT_INSETS.bottom);
  const k = Math.min(1.2, Math.max(0.05, Math.min(w / box.w, h / box.h)));
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  return { x: width / 2 - k * cx, y: FIT_INSETS.top + h / 2 - k * cy, k };
}

/** Stroke width in quarter pixels: finer changes are invisible and would only cost redraws. */
export function edgeStrokeWidth(edge: DrawnEdge, windowSeconds: number): number {
  return Math.round(edgeWidth(edge.flows / windowSeconds) * 4) / 4;
}

/** The edge's colour class: drops first, then HTTP 5xx. */
export function edgeTone(edge: DrawnEdge): '' | ' drop' | ' warn' {
  return edge.dropped > 0 ? ' drop' : edge.http5xx > 0 ? ' warn' : '';
}

export function edgeLabel(edge: DrawnEdge, windowSeconds: number): string {
  const parts = [formatRate(edge.flows / windowSeconds)];
  if (edge.dropped > 0) parts.push(`${((100 * edge.dropped) / Math.max(1, edge.flows)).toFixed(0)}% dropped`);
  if (edge.httpRequests > 0) {
    parts.push(`${((100 * edge.http5xx) / edge.httpRequests).toFixed(1)}% 5xx`);
    if (edge.p95Ms !== null) parts.push(`p95 ${edge.p95Ms.toFixed(0)} ms`);
  }
  return parts.join(' · ');
}

/** The box around each layout group's cards (folded namespaces draw none), with its caption. */
export function groupBoxes(
  nodes: readonly DrawnNode[],
  positions: ReadonlyMap<string, Point>,
): { group: string; label: string; box: Box }[] {
  const byGroup = new Map<string, Point[]>();
  for (const node of nodes) {
    if (node.kind === 'namespace') continue;
    const at = positions.get(node.id);
    if (!at) continue;
    const list = byGroup.get(node.group) ?? [];
    list.push(at);
    byGroup.set(node.group, list);
  }
  return [...byGroup.entries()].flatMap(([group, points]) => {
    const box = boundsOf(points, GROUP_BOX_PADDING);
    if (!box) return [];
    const label = group.startsWith('ns:')
      ? group.slice(3)
      : group === 'outside'
        ? 'outside the cluster'
        : 'nodes';
    return [{ group, label, box }];
  });
}
