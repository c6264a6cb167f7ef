'use client';
// The SVG service map: namespace boxes, edges, cards; zoom and pan with d3-zoom. Layout comes from
// the worker; this component only draws.
import { select } from 'd3-selection';
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DrawnEdge, DrawnNode } from './graph-patch';
import type { Point } from './layout-engine';
import { EdgePath, edgeTooltip, NodeCard, nodeTooltip } from './map-elements';
import { boundsOf } from './map-geometry';
import type { Selection } from './map-url-state';

const COMPACT_ZOOM = 0.45;

interface Props {
  nodes: readonly DrawnNode[];
  edges: readonly DrawnEdge[];
  positions: ReadonlyMap<string, Point>;
  windowSeconds: number;
  selection: Selection;
  onSelect(selection: Selection): void;
  onExpandNamespace(namespace: string): void;
  fitToken: number;
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

  const fitToContent = useCallback(() => {
    const svg = svgRef.current;
    const behavior = zoomRef.current;
    if (!svg || !behavior || positions.size === 0) return;
    const box = boundsOf([...positions.values()], 40);
    if (!box) return;
    const { width, height } = svg.getBoundingClientRect();
    const k = Math.min(1.2, Math.max(0.05, Math.min(width / box.w, height / box.h)));
    const t = zoomIdentity
      .translate(width / 2, height / 2)
      .scale(k)
      .translate(-(box.x + box.w / 2), -(box.y + box.h / 2));
    select(svg).call(behavior.transform, t);
  }, [positions]);

  useEffect(() => {
    if (positions.size > 0 && fittedRef.current !== fitToken) {
      fittedRef.current = fitToken;
      fitToContent();
    }
  }, [positions, fitToken, fitToContent]);

  const groups = useMemo(() => {
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
      const box = boundsOf(points, 18);
      if (!box) return [];
      const label = group.startsWith('ns:')
        ? group.slice(3)
        : group === 'outside'
          ? 'outside the cluster'
          : 'nodes';
      return [{ group, label, box }];
    });
  }, [nodes, positions]);

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
  const showAllLabels = transform.k >= 1.3;
  // Below this zoom card text is too small to read: draw it compact (see NodeCard / EdgePath).
  const compact = transform.k < COMPACT_ZOOM;

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

  return (
    <div className="map-canvas">
      <svg
        ref={svgRef}
        className="map-svg"
        role="img"
        aria-label="Service map"
        onClick={() => onSelect(undefined)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onSelect(undefined);
        }}
      >
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
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
            </marker>
          ))}
        </defs>
        <g transform={transform.toString()}>
          {groups.map(({ group, label, box }) => (
            <g key={group} className="map-group" data-testid="map-group">
              <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
              <text x={box.x + 12} y={box.y + 18}>
                {label}
              </text>
            </g>
          ))}
          {edges.map((edge) => {
            const from = positions.get(edge.source);
            const to = positions.get(edge.target);
            if (!from || !to || edge.source === edge.target) return null;
            const dimmed = neighbours
              ? !(
                  neighbours.has(edge.source) &&
                  neighbours.has(edge.target) &&
                  (edge.source === focus || edge.target === focus)
                )
              : false;
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
                dimmed={dimmed}
                compact={compact}
                onSelect={selectEdge}
                onHover={setHovered}
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
        <span className="muted">{Math.round(transform.k * 100)}%</span>
      </div>
    </div>
  );
}
