'use client';
// The service map page: URL state → live view → visible graph → worker layout → SVG, with the side
// panel and rate charts beside it.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef, useState } from 'react';
import { MapCharts } from './map-charts';
import { MapSidePanel } from './map-side-panel';
import { MapToolbar } from './map-toolbar';
import { WINDOW_SECONDS } from './map-types';
import { type MapUrlState, mapUrlSearch, parseMapUrlState } from './map-url-state';
import { ServiceMapCanvas } from './service-map-canvas';
import { type DrawnGraph, stabilizeGraph } from './stable-graph';
import { useLayout } from './use-layout';
import { useServiceMap } from './use-service-map';
import { buildVisibleGraph } from './visible-graph';

const FOLD_THRESHOLD = 250;

export function ServiceMapView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseMapUrlState(new URLSearchParams(params.toString())), [params]);
  const [resetToken, setResetToken] = useState(0);

  const update = useCallback(
    (patch: Partial<MapUrlState>) => {
      const next = { ...state, ...patch };
      router.replace(`${pathname}${mapUrlSearch(next, new URLSearchParams(params.toString()))}`, {
        scroll: false,
      });
    },
    [state, router, pathname, params],
  );

  const { view, connection } = useServiceMap(state.window, state.namespaces, state.paused);
  const expanded = useMemo(() => new Set(state.expanded), [state.expanded]);
  // Unchanged nodes and edges keep their objects from tick to tick (stable-graph.ts), so only what a
  // delta changed re-renders.
  const drawnRef = useRef<DrawnGraph | undefined>(undefined);
  const graph = useMemo(() => {
    const built = view
      ? buildVisibleGraph(view, {
          hideNoise: state.hideNoise,
          foldThreshold: FOLD_THRESHOLD,
          expanded,
          search: state.search,
        })
      : { nodes: [], edges: [], folded: false };
    drawnRef.current = stabilizeGraph(drawnRef.current, built);
    return drawnRef.current;
  }, [view, state.hideNoise, expanded, state.search]);
  const layout = useLayout(graph.nodes, graph.edges, resetToken, graph.topology);
  const nodesById = useMemo(() => new Map((view?.nodes ?? []).map((n) => [n.id, n])), [view]);
  const knownNamespaces = useMemo(
    () => [...new Set((view?.nodes ?? []).flatMap((n) => (n.namespace ? [n.namespace] : [])))],
    [view],
  );
  const windowSeconds = WINDOW_SECONDS[state.window];

  return (
    <div className="map-page">
      <MapToolbar
        state={state}
        knownNamespaces={knownNamespaces}
        connection={connection}
        folded={graph.folded}
        onChange={update}
        onRelayout={() => setResetToken((t) => t + 1)}
      />
      <div className="map-main">
        <div className="map-stage">
          {view && graph.nodes.length === 0 ? (
            <div className="map-empty muted">
              No traffic in this window{state.namespaces.length ? ' for these namespaces' : ''}.
            </div>
          ) : null}
          <ServiceMapCanvas
            nodes={graph.nodes}
            edges={graph.edges}
            positions={layout.positions}
            windowSeconds={windowSeconds}
            selection={state.selection}
            onSelect={(selection) => update({ selection })}
            onExpandNamespace={(ns) => update({ expanded: [...state.expanded, ns] })}
            fitToken={resetToken * 1000 + (layout.draftsSettled ?? 0)}
          />
          <div className="map-legend muted">
            <span>
              <i className="legend-line" /> forwarded
            </span>
            <span>
              <i className="legend-line drop" /> dropped
            </span>
            <span>
              <i className="legend-line mixed" /> mixed verdicts
            </span>
            <span>
              <i className="legend-line warn" /> HTTP 5xx
            </span>
            <span>
              {graph.nodes.length} nodes · {graph.edges.length} edges
              {layout.lastLayoutMs !== undefined ? ` · layout ${layout.lastLayoutMs.toFixed(0)} ms` : ''}
            </span>
          </div>
        </div>
        <MapSidePanel
          selection={state.selection}
          nodes={nodesById}
          visualEdges={graph.edges}
          windowSeconds={windowSeconds}
          onClose={() => update({ selection: undefined })}
        />
      </div>
      <MapCharts window={state.window} paused={state.paused} />
    </div>
  );
}
