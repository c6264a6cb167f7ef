'use client';
// One SVG card per drawn node (edges: map-edge-path.tsx), memoised on what they draw: a tick that
// changes a counter re-renders a card or edge only when a drawn number (a rate's text, a rounded
// stroke width) changes. Tooltips are written when the pointer enters, from the latest data, so
// their text (which changes with every counter) never re-renders anything.
import { memo } from 'react';
import type { DrawnNode } from './graph-patch';
import type { Point } from './layout-engine';
import { fillTitle } from './map-edge-path';
import { CARD_H, CARD_W, formatRate } from './map-geometry';
import type { BadgeWire } from './map-types';
import type { VisualKind } from './visible-graph';

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
  node: DrawnNode;
  at: Point;
  windowSeconds: number;
  selected: boolean;
  dimmed: boolean;
  /** Zoomed far out: text too small to read is not drawn (a big map then costs far less per tick). */
  compact?: boolean;
  onSelect(id: string): void;
  /** The tooltip for a card or edge id from the latest data (read when the pointer enters). */
  tooltipOf(id: string): string;
}

function sameBadges(a: readonly BadgeWire[], b: readonly BadgeWire[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => x.type === b[i]!.type && x.severity === b[i]!.severity);
}

function rateText(node: DrawnNode, windowSeconds: number): string {
  return `↓${formatRate(node.flowsIn / windowSeconds)} ↑${formatRate(node.flowsOut / windowSeconds)}${node.drops > 0 ? ` ✕${node.drops}` : ''}`;
}

/** Same drawing: props that are drawn are equal (counters only through the text they produce). */
function sameCard(a: NodeCardProps, b: NodeCardProps): boolean {
  if (
    a.at !== b.at ||
    a.selected !== b.selected ||
    a.dimmed !== b.dimmed ||
    a.compact !== b.compact ||
    a.windowSeconds !== b.windowSeconds ||
    a.onSelect !== b.onSelect ||
    a.tooltipOf !== b.tooltipOf
  )
    return false;
  const x = a.node;
  const y = b.node;
  if (x === y) return true;
  return (
    x.id === y.id &&
    x.kind === y.kind &&
    x.label === y.label &&
    x.namespace === y.namespace &&
    x.members === y.members &&
    x.match === y.match &&
    sameBadges(x.badges, y.badges) &&
    // Compact cards draw no text.
    (a.compact === true || rateText(x, a.windowSeconds) === rateText(y, b.windowSeconds))
  );
}

export const NodeCard = memo(function NodeCard({
  node,
  at,
  windowSeconds,
  selected,
  dimmed,
  compact,
  onSelect,
  tooltipOf,
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
      onMouseEnter={(event) => fillTitle(event.currentTarget, tooltipOf(node.id))}
    >
      <title />
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
}, sameCard);

/** A card's tooltip. */
export function nodeTooltip(node: DrawnNode, windowSeconds: number): string {
  return `${node.id}\nin ${formatRate(node.flowsIn / windowSeconds)} · out ${formatRate(node.flowsOut / windowSeconds)}${node.drops ? ` · ${node.drops.toLocaleString()} dropped` : ''}${node.badges.map((b) => `\n${b.severity}: ${b.message}`).join('')}`;
}

function NodeCardText({
  node,
  kind,
  sub,
  windowSeconds,
}: {
  node: DrawnNode;
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
        {rateText(node, windowSeconds)}
      </text>
    </>
  );
}
