'use client';
// One SVG card per drawn node and one path per drawn edge, memoised so a tick re-renders only what
// changed (applyDiff keeps unchanged objects identical).
import { memo } from 'react';
import type { Point } from './layout-engine';
import { CARD_H, CARD_W, cardExit, edgeWidth, formatRate } from './map-geometry';
import type { VisualEdge, VisualKind, VisualNode } from './visible-graph';

const KIND_TAG: Record<VisualKind, { tag: string; color: string; label: string }> = {
  workload: { tag: 'W', color: '#4aa3ff', label: 'workload' },
  namespace: { tag: 'NS', color: '#8b7cf6', label: 'namespace (folded)' },
  world: { tag: 'WW', color: '#d29922', label: 'world (outside the cluster)' },
  fqdn: { tag: 'DN', color: '#d29922', label: 'external DNS name' },
  ip: { tag: 'IP', color: '#b08800', label: 'IP address' },
  host: { tag: 'H', color: '#6e7781', label: 'host' },
  'remote-node': { tag: 'RN', color: '#6e7781', label: 'remote node' },
  'kube-apiserver': { tag: 'API', color: '#2da44e', label: 'kube-apiserver' },
  health: { tag: 'HC', color: '#6e7781', label: 'Cilium health' },
  ingress: { tag: 'IN', color: '#2da44e', label: 'ingress' },
  unknown: { tag: '?', color: '#6e7781', label: 'unknown' },
};

export function kindInfo(kind: VisualKind) {
  return KIND_TAG[kind];
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface NodeCardProps {
  node: VisualNode;
  at: Point;
  windowSeconds: number;
  selected: boolean;
  dimmed: boolean;
  /** Zoomed far out: text too small to read is not drawn (a big map then costs far less per tick). */
  compact?: boolean;
  onSelect(id: string): void;
}

export const NodeCard = memo(function NodeCard({
  node,
  at,
  windowSeconds,
  selected,
  dimmed,
  compact,
  onSelect,
}: NodeCardProps) {
  const kind = KIND_TAG[node.kind];
  const critical = node.badges.some((b) => b.severity === 'critical');
  const badgeTypes = [...new Set(node.badges.map((b) => b.type))];
  const x = at.x - CARD_W / 2;
  const y = at.y - CARD_H / 2;
  const sub =
    node.kind === 'namespace'
      ? `${node.members ?? 0} workloads · click to expand`
      : (node.namespace ?? kind.label);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
    <g
      className="map-node"
      data-testid="map-node"
      data-node-id={node.id}
      transform={`translate(${x},${y})`}
      opacity={dimmed ? 0.25 : 1}
      onClick={(event) => {
        event.stopPropagation();
        onSelect(node.id);
      }}
      role="button"
      tabIndex={0}
      aria-label={`${kind.label} ${node.id}`}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onSelect(node.id);
      }}
    >
      <title>{`${node.id}\nin ${formatRate(node.flowsIn / windowSeconds)} · out ${formatRate(node.flowsOut / windowSeconds)}${node.drops ? ` · ${node.drops} dropped` : ''}${node.badges.map((b) => `\n${b.severity}: ${b.message}`).join('')}`}</title>
      <rect
        width={CARD_W}
        height={CARD_H}
        rx={8}
        className={`map-card${selected ? ' selected' : ''}${node.match ? ' match' : ''}${critical ? ' critical' : ''}`}
      />
      <circle cx={20} cy={CARD_H / 2} r={13} fill={kind.color} opacity={0.9} />
      {compact ? null : <NodeCardText node={node} kind={kind} sub={sub} windowSeconds={windowSeconds} />}
      {badgeTypes.map((type, i) => {
        const severe = node.badges.some((b) => b.type === type && b.severity === 'critical');
        return (
          <g key={type} transform={`translate(${CARD_W - 40 - i * 42},-9)`} data-testid={`badge-${type}`}>
            <rect width={38} height={16} rx={8} className={severe ? 'map-badge crit' : 'map-badge warn'} />
            <text x={19} y={12} textAnchor="middle" className="map-badge-text">
              {type === 'certificate' ? 'cert' : type === 'volume' ? 'vol' : 'node'}
            </text>
          </g>
        );
      })}
    </g>
  );
});

function NodeCardText({
  node,
  kind,
  sub,
  windowSeconds,
}: {
  node: VisualNode;
  kind: { tag: string };
  sub: string;
  windowSeconds: number;
}) {
  return (
    <>
      <text x={20} y={CARD_H / 2 + 4} textAnchor="middle" className="map-kind-tag">
        {kind.tag}
      </text>
      <text x={40} y={21} className="map-card-title">
        {truncate(node.label, 17)}
      </text>
      <text x={40} y={36} className="map-card-sub">
        {truncate(sub, 24)}
      </text>
      <text x={40} y={49} className="map-card-rate">
        {`↓${formatRate(node.flowsIn / windowSeconds)} ↑${formatRate(node.flowsOut / windowSeconds)}`}
        {node.drops > 0 ? ` ✕${node.drops}` : ''}
      </text>
    </>
  );
}

interface EdgePathProps {
  edge: VisualEdge;
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
}

export function edgeLabel(edge: VisualEdge, windowSeconds: number): string {
  const parts = [formatRate(edge.flows / windowSeconds)];
  if (edge.dropped > 0) parts.push(`${((100 * edge.dropped) / Math.max(1, edge.flows)).toFixed(0)}% dropped`);
  if (edge.httpRequests > 0) {
    parts.push(`${((100 * edge.http5xx) / edge.httpRequests).toFixed(1)}% 5xx`);
    if (edge.p95Ms !== null) parts.push(`p95 ${edge.p95Ms.toFixed(0)} ms`);
  }
  return parts.join(' · ');
}

export const EdgePath = memo(function EdgePath(props: EdgePathProps) {
  const { edge, from, to, windowSeconds, showLabel, selected, dimmed, compact, onSelect, onHover } = props;
  const start = cardExit(from, to);
  const end = cardExit(to, from);
  const dropClass = edge.dropped > 0 ? ' drop' : edge.http5xx > 0 ? ' warn' : '';
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
        strokeWidth={edgeWidth(edge.flows / windowSeconds)}
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
      onMouseEnter={() => onHover(edge.id)}
      onMouseLeave={() => onHover(undefined)}
    >
      <title>{`${edge.source} → ${edge.target} (${edge.ports.join(', ')})\n${label}`}</title>
      <line x1={start.x} y1={start.y} x2={end.x} y2={end.y} className="map-edge-hit" />
      <line
        x1={start.x}
        y1={start.y}
        x2={end.x}
        y2={end.y}
        className={`map-edge-line${dropClass}${selected ? ' selected' : ''}`}
        strokeWidth={edgeWidth(edge.flows / windowSeconds)}
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
});
