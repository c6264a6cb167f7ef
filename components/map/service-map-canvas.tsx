'use client';
// The SVG service map: namespace boxes, edges, cards; zoom and pan with d3-zoom. Layout comes from
// the worker; this component only draws.
import { select } from 'd3-selection';
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EdgeCanvas } from './edge-canvas';
import { type EdgeSegment, edgeAt, edgeSegments } from './edge-canvas-draw';
import type { DrawnEdge, DrawnNode } from './graph-patch';
import type { Point } from './layout-engine';
import { EdgeMarkers, EdgePath, edgeTooltip } from './map-edge-path';
import { NodeCard, nodeTooltip } from './map-elements';
import { boundsOf, fitView, groupBoxes } from './map-geometry';
import type { Selection } from './map-url-state';
import type { MapWorkerLink } from './use-map-worker';

const COMPACT_ZOOM = 0.45;
// Past this many drawn edges they go on a <canvas> instead of one SVG element each: the map worker
// draws it (OffscreenCanvas), redrawing only when a drawn width or colour changes, so edges cost this
// thread nothing per tick, while SVG edges cost reconciliation, style, layout and paint on every tick
// and seconds to build by the thousand. A folded 1,000-workload map (~400 edges) is past it; small
// maps keep SVG edges (and their per-edge DOM for assistive technology).
export const CANVAS_EDGES = 300;
// How close (screen pixels) the pointer must be to a canvas edge to hover or click it.
const HIT_PX = 6;
const noHover = () => {};

interface Props {
  nodes: readonly DrawnNode[];
  edges: readonly DrawnEdge[];
  positions: ReadonlyMap<string, Point>;
  windowSeconds: number;
  selection: Selection;
  onSelect(selection: Selection): void;
  onExpandNamespace(namespace: string): void;
  fitToken: number;
  /** The map worker, which draws canvas edges itself when the browser allows. */
  edgeWorker?: MapWorkerLink;
  workerDrawnEdges?: number;
}

export function ServiceMapCanvas(props: Props) {
  const { nodes, edges, positions, windowSeconds, selection, onSelect, onExpandNamespace, fitToken } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | undefined>(undefined);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const fittedRef = useRef<number>(-1);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 4])
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    zoomRef.current = behavior;
    select(svg).call(behavior).on('dblclick.zoom', null);
    return () => {
      select(svg).on('.zoom', null);
    };
  }, []);

  const fitFor = useCallback((at: ReadonlyMap<string, Point>): ZoomTransform | undefined => {
    const svg = svgRef.current;
    if (!svg || at.size === 0) return undefined;
    const box = boundsOf([...at.values()], 40);
    if (!box) return undefined;
    const { width, height } = svg.getBoundingClientRect();
    const fit = fitView(box, width, height);
    return zoomIdentity.translate(fit.x, fit.y).scale(fit.k);
  }, []);

  const fitToContent = useCallback(() => {
    const svg = svgRef.current;
    const behavior = zoomRef.current;
    const t = fitFor(positions);
    if (svg && behavior && t) select(svg).call(behavior.transform, t);
  }, [positions, fitFor]);

  // A pending fit is drawn in this very render: drawing a new layout at the old zoom first (full
  // detail at 100% for a 1,000-card map) and then again fitted would build the map twice.
  const fitPending = positions.size > 0 && fittedRef.current !== fitToken;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fitToken decides when a fit is due
  const pendingFit = useMemo(
    () => (fitPending ? fitFor(positions) : undefined),
    [fitPending, positions, fitToken, fitFor],
  );
  const view = pendingFit ?? transform;

  useLayoutEffect(() => {
    if (positions.size > 0 && fittedRef.current !== fitToken) {
      fittedRef.current = fitToken;
      const svg = svgRef.current;
      const behavior = zoomRef.current;
      // Hands the fit to d3-zoom, whose zoom event stores it as `transform` (an equal re-render).
      if (svg && behavior && pendingFit) select(svg).call(behavior.transform, pendingFit);
    }
  }, [positions, fitToken, pendingFit]);

  const groups = useMemo(() => groupBoxes(nodes, positions), [nodes, positions]);

  const focus = selection?.type === 'node' ? selection.id : undefined;
  const neighbours = useMemo(() => {
    if (!focus) return undefined;
    const set = new Set([focus]);
    for (const e of edges) {
      if (e.source === focus) set.add(e.target);
      if (e.target === focus) set.add(e.source);
    }
    return set;
  }, [edges, focus]);
  const anyMatch = nodes.some((n) => n.match);
  const showAllLabels = view.k >= 1.3;
  // Below this zoom card text is too small to read: draw it compact (see NodeCard / EdgePath).
  const compact = view.k < COMPACT_ZOOM;

  const selectNode = useCallback(
    (id: string) => {
      if (id.startsWith('ns:')) onExpandNamespace(id.slice(3));
      else onSelect({ type: 'node', id });
    },
    [onSelect, onExpandNamespace],
  );
  const selectEdge = useCallback((id: string) => onSelect({ type: 'edge', id }), [onSelect]);
  // Tooltips read the latest data when the pointer enters, so they never make a card re-render.
  const latest = useRef({ nodes, edges, windowSeconds });
  latest.current = { nodes, edges, windowSeconds };
  const tooltipOf = useCallback((id: string) => {
    const { nodes: ns, edges: es, windowSeconds: ws } = latest.current;
    const node = ns.find((n) => n.id === id);
    if (node) return nodeTooltip(node, ws);
    const edge = es.find((e) => e.id === id);
    return edge ? edgeTooltip(edge, ws) : id;
  }, []);

  const onCanvas = edges.length > CANVAS_EDGES;
  const selectedEdge = selection?.type === 'edge' ? selection.id : undefined;
  const dimEdge = useCallback(
    (edge: DrawnEdge) =>
      neighbours
        ? !(
            neighbours.has(edge.source) &&
            neighbours.has(edge.target) &&
            (edge.source === focus || edge.target === focus)
          )
        : false,
    [neighbours, focus],
  );
  // Canvas edges: the selected and the hovered one are drawn as SVG on top (label, arrow, events).
  const raised = useMemo(
    () => new Set([selectedEdge, hovered].filter((id): id is string => id !== undefined)),
    [selectedEdge, hovered],
  );
  // Segments for hit testing, recomputed lazily after a tick or a layout, not on every pointer move.
  const segmentsRef = useRef<{ key: unknown[]; segments: EdgeSegment[] }>({ key: [], segments: [] });
  const edgeUnder = (event: React.MouseEvent<SVGSVGElement>): DrawnEdge | undefined => {
    const svg = svgRef.current;
    if (!svg || !onCanvas) return undefined;
    if ((event.target as Element).closest('.map-node')) return undefined;
    const cache = segmentsRef.current;
    if (cache.key[0] !== edges || cache.key[1] !== positions) {
      segmentsRef.current = { key: [edges, positions], segments: edgeSegments(edges, positions) };
    }
    const rect = svg.getBoundingClientRect();
    const at = {
      x: (event.clientX - rect.left - view.x) / view.k,
      y: (event.clientY - rect.top - view.y) / view.k,
    };
    return edgeAt(segmentsRef.current.segments, at, HIT_PX / view.k);
  };
  const raisedEdges = onCanvas ? edges.filter((e) => raised.has(e.id)) : [];

  return (
    <div className="map-canvas" style={{ position: 'relative' }}>
      {onCanvas ? (
        <EdgeCanvas
          edges={edges}
          positions={positions}
          windowSeconds={windowSeconds}
          transform={view}
          arrows={!compact}
          labels={showAllLabels}
          dimmed={dimEdge}
          skip={raised}
          {...(focus !== undefined ? { focus } : {})}
          {...(props.edgeWorker ? { link: props.edgeWorker } : {})}
          workerDrawn={props.workerDrawnEdges ?? 0}
        />
      ) : null}
      <svg
        ref={svgRef}
        className="map-svg"
        role="img"
        aria-label="Service map"
        style={{ position: 'relative', cursor: onCanvas && hovered ? 'pointer' : undefined }}
        onMouseMove={(event) => {
          if (!onCanvas) return;
          const id = edgeUnder(event)?.id;
          if (id !== hovered) setHovered(id);
        }}
        onMouseLeave={() => {
          if (onCanvas) setHovered(undefined);
        }}
        onClick={(event) => {
          const edge = edgeUnder(event);
          onSelect(edge ? { type: 'edge', id: edge.id } : undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onSelect(undefined);
        }}
      >
        <EdgeMarkers />
        <g transform={view.toString()}>
          {groups.map(({ group, label, box }) => (
            <g key={group} className="map-group" data-testid="map-group">
              <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
              <text x={box.x + 12} y={box.y + 18}>
                {label}
              </text>
            </g>
          ))}
          {(onCanvas ? raisedEdges : edges).map((edge) => {
            const from = positions.get(edge.source);
            const to = positions.get(edge.target);
            if (!from || !to || edge.source === edge.target) return null;
            return (
              <EdgePath
                key={edge.id}
                edge={edge}
                from={from}
                to={to}
                windowSeconds={windowSeconds}
                showLabel={
                  showAllLabels ||
                  hovered === edge.id ||
                  (selection?.type === 'edge' && selection.id === edge.id)
                }
                selected={selection?.type === 'edge' && selection.id === edge.id}
                dimmed={dimEdge(edge)}
                compact={compact}
                onSelect={selectEdge}
                onHover={onCanvas ? noHover : setHovered}
                tooltipOf={tooltipOf}
              />
            );
          })}
          {nodes.map((node) => {
            const at = positions.get(node.id);
            if (!at) return null;
            const dimmed = neighbours ? !neighbours.has(node.id) : anyMatch ? !node.match : false;
            return (
              <NodeCard
                key={node.id}
                node={node}
                at={at}
                windowSeconds={windowSeconds}
                selected={focus === node.id}
                dimmed={dimmed}
                compact={compact}
                onSelect={selectNode}
                tooltipOf={tooltipOf}
              />
            );
          })}
        </g>
      </svg>
      <div className="map-zoom-controls">
        <button type="button" onClick={fitToContent} aria-label="Fit map to screen">
          Fit
        </button>
        <span className="muted">{Math.round(view.k * 100)}%</span>
      </div>
    </div>
  );
}
