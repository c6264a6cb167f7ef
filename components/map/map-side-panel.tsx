'use client';
// Details for the selected card or edge: what an SRE asks next (rates, verdicts, why drops happen,
// HTTP codes and latency, DNS errors, what the badges mean, which pods stand behind it).
import Link from 'next/link';
import { memo } from 'react';
import type { DrawnEdge, SelectionDetail } from './graph-patch';
import { formatRate } from './map-geometry';
import type { MapEdgeWire } from './map-types';
import type { Selection } from './map-url-state';

interface Props {
  selection: Selection;
  /** The raw records behind the selection (from the map worker). */
  detail: SelectionDetail | null;
  visualEdges: readonly DrawnEdge[];
  windowSeconds: number;
  onClose(): void;
}

function Counts({ title, counts }: { title: string; counts: Record<string, number> }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  return (
    <div className="side-block">
      <div className="side-label">{title}</div>
      {entries.map(([k, v]) => (
        <div key={k} className="side-row">
          <span>{k}</span>
          <span className="mono">{v.toLocaleString()}</span>
        </div>
      ))}
    </div>
  );
}

function EdgeStats({ edge, windowSeconds }: { edge: MapEdgeWire; windowSeconds: number }) {
  const port = edge.port === null ? edge.protocol : `${edge.port}/${edge.protocol}`;
  return (
    <div className="side-card" data-testid="edge-detail">
      <div className="side-row">
        <strong>{port}</strong>
        <span className="mono">{formatRate(edge.flows / windowSeconds)}</span>
      </div>
      <div className="side-row muted">
        <span>{edge.flows.toLocaleString()} flows</span>
        <span>last seen {edge.lastSeen.slice(11, 19)}Z</span>
      </div>
      <Counts title="Verdicts" counts={edge.verdicts} />
      <Counts title="Drop reasons" counts={edge.dropReasons} />
      {edge.http.requests > 0 || edge.http.p50Ms !== null ? (
        <div className="side-block">
          <div className="side-label">HTTP</div>
          <div className="side-row">
            <span>requests</span>
            <span className="mono">{edge.http.requests.toLocaleString()}</span>
          </div>
          <div className="side-row">
            <span>4xx / 5xx</span>
            <span className="mono">
              {edge.http.errors4xx} /{' '}
              <span className={edge.http.errors5xx ? 'crit-text' : ''}>{edge.http.errors5xx}</span>
            </span>
          </div>
          <div className="side-row">
            <span>latency p50 / p95</span>
            <span className="mono">
              {edge.http.p50Ms?.toFixed(1) ?? '—'} / {edge.http.p95Ms?.toFixed(1) ?? '—'} ms
            </span>
          </div>
        </div>
      ) : null}
      {edge.dns.queries > 0 ? (
        <div className="side-block">
          <div className="side-label">DNS</div>
          <div className="side-row">
            <span>queries / errors</span>
            <span className="mono">
              {edge.dns.queries} /{' '}
              <span className={edge.dns.errors ? 'crit-text' : ''}>{edge.dns.errors}</span>
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}

export const MapSidePanel = memo(function MapSidePanel({
  selection,
  detail,
  visualEdges,
  windowSeconds,
  onClose,
}: Props) {
  if (!selection) {
    return (
      <aside className="map-side muted" data-testid="map-side-empty">
        Click a card or an edge for its details. Drag to pan, scroll to zoom.
      </aside>
    );
  }
  if (selection.type === 'edge') {
    const edge = visualEdges.find((e) => e.id === selection.id);
    if (!edge) return <aside className="map-side muted">That edge has no traffic in this window.</aside>;
    const flowsHref = `/flows?from-pod=${encodeURIComponent(edge.source)}&to-pod=${encodeURIComponent(edge.target)}`;
    return (
      <aside className="map-side" data-testid="map-side-edge">
        <div className="side-head">
          <h3>
            {edge.source} → {edge.target}
          </h3>
          <button type="button" onClick={onClose} aria-label="Close details">
            ✕
          </button>
        </div>
        <div className="side-row side-summary">
          <span>total</span>
          <span className="mono">
            {formatRate(edge.flows / windowSeconds)} · {edge.forwarded.toLocaleString()} forwarded ·{' '}
            {edge.dropped.toLocaleString()} dropped
          </span>
        </div>
        {[...(detail?.id === edge.id ? (detail.edges ?? []) : [])]
          .sort((a, b) => b.flows - a.flows)
          .map((e) => (
            <EdgeStats key={`${e.protocol}/${e.port}`} edge={e} windowSeconds={windowSeconds} />
          ))}
        <div className="row">
          <Link href={flowsHref}>Flows on this edge →</Link>
          {edge.dropped > 0 ? <Link href="/drops">Why dropped →</Link> : null}
        </div>
      </aside>
    );
  }
  const node = detail?.id === selection.id ? detail.node : undefined;
  if (!node) return <aside className="map-side muted">That node has no traffic in this window.</aside>;
  const outgoing = visualEdges.filter((e) => e.source === node.id).sort((a, b) => b.flows - a.flows);
  const incoming = visualEdges.filter((e) => e.target === node.id).sort((a, b) => b.flows - a.flows);
  const labels = Array.isArray(node.labels)
    ? node.labels
    : Object.entries(node.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return (
    <aside className="map-side" data-testid="map-side-node">
      <div className="side-head">
        <h3>{node.id}</h3>
        <button type="button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      <div className="side-row side-summary">
        <span>{node.kind}</span>
        <span className="mono">
          in {formatRate(node.flowsIn / windowSeconds)} · out {formatRate(node.flowsOut / windowSeconds)} ·{' '}
          {node.drops.toLocaleString()} dropped
        </span>
      </div>
      {node.badges.length > 0 ? (
        <div className="side-block">
          <div className="side-label">Health</div>
          {node.badges.map((b) => (
            <div
              key={`${b.type}:${b.ref ?? b.message}`}
              className={`side-badge ${b.severity}`}
              data-testid="side-badge"
            >
              <strong>{b.type}</strong> {b.message}
            </div>
          ))}
        </div>
      ) : null}
      {node.pods?.length ? (
        <div className="side-block">
          <div className="side-label">Pods</div>
          {node.pods.map((p) => (
            <div key={p} className="mono">
              {p}
            </div>
          ))}
        </div>
      ) : null}
      {[
        ['Calls', outgoing, (e: DrawnEdge) => e.target],
        ['Called by', incoming, (e: DrawnEdge) => e.source],
      ].map(([title, list, peer]) => {
        const edges = list as DrawnEdge[];
        if (edges.length === 0) return null;
        return (
          <div key={title as string} className="side-block">
            <div className="side-label">{title as string}</div>
            {edges.slice(0, 12).map((e) => (
              <div key={e.id} className="side-row">
                <span>{(peer as (e: DrawnEdge) => string)(e)}</span>
                <span className={`mono ${e.dropped ? 'crit-text' : ''}`}>
                  {formatRate(e.flows / windowSeconds)}
                  {e.dropped ? ` ✕${e.dropped}` : ''}
                </span>
              </div>
            ))}
          </div>
        );
      })}
      {labels.length ? (
        <div className="side-block">
          <div className="side-label">Labels</div>
          {labels.map((l) => (
            <div key={l} className="mono side-label-value">
              {l}
            </div>
          ))}
        </div>
      ) : null}
    </aside>
  );
});
