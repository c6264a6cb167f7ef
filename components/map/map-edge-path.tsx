'use client';
// One SVG edge: a line with an arrow head, a wide invisible hit area and a label when asked; as a
// plain line when zoomed far out. Memoised on what it draws (see map-elements.tsx).
import { memo } from 'react';
import type { DrawnEdge } from './graph-patch';
import type { Point } from './layout-engine';
import { ARROW_SIZE, cardExit, edgeLabel, edgeStrokeWidth, edgeTone } from './map-geometry';

/** Fills the element's <title> (its first child) when the pointer enters. */
export function fillTitle(target: Element, text: string): void {
  const title = target.firstElementChild;
  if (title?.tagName.toLowerCase() === 'title' && title.textContent !== text) title.textContent = text;
}

interface EdgePathProps {
  edge: DrawnEdge;
  from: Point;
  to: Point;
  windowSeconds: number;
  showLabel: boolean;
  selected: boolean;
  dimmed: boolean;
  /** Zoomed far out: one plain line, no arrow head or wide hit area (a fraction of the DOM). */
  compact?: boolean;
  onSelect(id: string): void;
  onHover(id: string | undefined): void;
  tooltipOf(id: string): string;
}

function sameEdgeDrawing(a: EdgePathProps, b: EdgePathProps): boolean {
  if (
    a.from !== b.from ||
    a.to !== b.to ||
    a.showLabel !== b.showLabel ||
    a.selected !== b.selected ||
    a.dimmed !== b.dimmed ||
    a.compact !== b.compact ||
    a.windowSeconds !== b.windowSeconds ||
    a.onSelect !== b.onSelect ||
    a.onHover !== b.onHover ||
    a.tooltipOf !== b.tooltipOf
  )
    return false;
  const x = a.edge;
  const y = b.edge;
  if (x === y) return true;
  return (
    x.id === y.id &&
    x.mixed === y.mixed &&
    edgeTone(x) === edgeTone(y) &&
    edgeStrokeWidth(x, a.windowSeconds) === edgeStrokeWidth(y, b.windowSeconds) &&
    (!a.showLabel || edgeLabel(x, a.windowSeconds) === edgeLabel(y, b.windowSeconds))
  );
}

export const EdgePath = memo(function EdgePath(props: EdgePathProps) {
  const {
    edge,
    from,
    to,
    windowSeconds,
    showLabel,
    selected,
    dimmed,
    compact,
    onSelect,
    onHover,
    tooltipOf,
  } = props;
  const start = cardExit(from, to);
  const end = cardExit(to, from);
  const dropClass = edgeTone(edge);
  const strokeWidth = edgeStrokeWidth(edge, windowSeconds);
  if (compact && !selected && !showLabel) {
    return (
      // biome-ignore lint/a11y/useSemanticElements: an SVG line cannot be a <button>
      <line
        role="button"
        tabIndex={-1}
        aria-label={`edge ${edge.source} to ${edge.target}`}
        onClick={(event) => {
          event.stopPropagation();
          onSelect(edge.id);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onSelect(edge.id);
        }}
        style={{ cursor: 'pointer' }}
        x1={start.x}
        y1={start.y}
        x2={end.x}
        y2={end.y}
        data-testid="map-edge"
        data-edge-id={edge.id}
        opacity={dimmed ? 0.15 : 1}
        className={`map-edge-line${dropClass}`}
        strokeWidth={strokeWidth}
        strokeDasharray={edge.mixed ? '7 5' : undefined}
      />
    );
  }
  const marker =
    edge.dropped > 0 ? 'url(#arrow-drop)' : edge.http5xx > 0 ? 'url(#arrow-warn)' : 'url(#arrow)';
  const mid = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  const label = edgeLabel(edge, windowSeconds);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
    <g
      className="map-edge"
      data-testid="map-edge"
      data-edge-id={edge.id}
      opacity={dimmed ? 0.15 : 1}
      role="button"
      tabIndex={-1}
      aria-label={`edge ${edge.source} to ${edge.target}`}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onSelect(edge.id);
      }}
      onClick={(event) => {
        event.stopPropagation();
        onSelect(edge.id);
      }}
      onMouseEnter={(event) => {
        fillTitle(event.currentTarget, tooltipOf(edge.id));
        onHover(edge.id);
      }}
      onMouseLeave={() => onHover(undefined)}
    >
      <title />
      <line x1={start.x} y1={start.y} x2={end.x} y2={end.y} className="map-edge-hit" />
      <line
        x1={start.x}
        y1={start.y}
        x2={end.x}
        y2={end.y}
        className={`map-edge-line${dropClass}${selected ? ' selected' : ''}`}
        strokeWidth={strokeWidth}
        strokeDasharray={edge.mixed ? '7 5' : undefined}
        markerEnd={marker}
      />
      {showLabel ? (
        <text x={mid.x} y={mid.y - 6} textAnchor="middle" className="map-edge-label">
          {label}
        </text>
      ) : null}
    </g>
  );
}, sameEdgeDrawing);

/** An edge's tooltip. */
export function edgeTooltip(edge: DrawnEdge, windowSeconds: number): string {
  return `${edge.source} → ${edge.target} (${edge.ports.join(', ')})\n${edgeLabel(edge, windowSeconds)}`;
}

/**
 * Arrow heads for SVG edges, one per edge colour. A fixed size in map units (ARROW_SIZE), not a
 * multiple of the stroke width: scaled with the stroke, a busy edge's head grew to ~60 px and hid
 * the short edges between neighbouring cards.
 */
export function EdgeMarkers() {
  return (
    <defs>
      {[
        ['arrow', 'var(--edge)'],
        ['arrow-drop', 'var(--drop)'],
        ['arrow-warn', 'var(--warn)'],
      ].map(([id, color]) => (
        <marker
          key={id}
          id={id}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth={ARROW_SIZE}
          markerHeight={ARROW_SIZE}
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
        </marker>
      ))}
    </defs>
  );
}
