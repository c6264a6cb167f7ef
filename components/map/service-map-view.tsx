'use client';
// The service map page: URL state → live view → visible graph → worker layout → SVG, with the side
// panel and rate charts beside it.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DrawnEdge } from './graph-patch';
import { MapCharts } from './map-charts';
import { MapSidePanel } from './map-side-panel';
import { MapToolbar } from './map-toolbar';
import { WINDOW_SECONDS } from './map-types';
import { type MapUrlState, mapUrlSearch, parseMapUrlState, type Selection } from './map-url-state';
import { ServiceMapCanvas } from './service-map-canvas';
import { useMapWorker } from './use-map-worker';

// The side panel only lists edges for a selection; without one it need not re-render on ticks.
const NO_EDGES: readonly DrawnEdge[] = [];

export function ServiceMapView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseMapUrlState(new URLSearchParams(params.toString())), [params]);

  const update = useCallback(
    (patch: Partial<MapUrlState>) => {
      const next = { ...state, ...patch };
      router.replace(`${pathname}${mapUrlSearch(next, new URLSearchParams(params.toString()))}`, {
        scroll: false,
      });
    },
    [state, router, pathname, params],
  );

  // The worker holds the stream and the full map; this thread only receives the drawn graph's changes.
  const map = useMapWorker(state);
  const { graph, positions, relayout: askRelayout } = map;
  const [resetToken, setResetToken] = useState(0);
  const relayout = useCallback(() => {
    setResetToken((t) => t + 1);
    askRelayout();
  }, [askRelayout]);
  const fitToken = resetToken * 1000 + map.draftsSettled;
  // Cards and edges are memoised: their callbacks must not change from tick to tick.
  const latest = useRef({ update, state });
  latest.current = { update, state };
  const select = useCallback((selection: Selection) => latest.current.update({ selection }), []);
  const expand = useCallback(
    (ns: string) => latest.current.update({ expanded: [...latest.current.state.expanded, ns] }),
    [],
  );
  const closeSelection = useCallback(() => select(undefined), [select]);
  const windowSeconds = map.seconds ?? WINDOW_SECONDS[state.window];

  return (
    <div className="map-page">
      <MapToolbar
        state={state}
        knownNamespaces={map.namespaces}
        connection={map.connection}
        folded={graph.folded}
        onChange={update}
        onRelayout={relayout}
      />
      <div className="map-main">
        <div className="map-stage">
          {map.loaded && graph.nodes.length === 0 ? (
            <div className="map-empty muted">
              No traffic in this window{state.namespaces.length ? ' for these namespaces' : ''}.
            </div>
          ) : null}
          <ServiceMapCanvas
            nodes={graph.nodes}
            edges={graph.edges}
            positions={positions}
            windowSeconds={windowSeconds}
            selection={state.selection}
            onSelect={select}
            onExpandNamespace={expand}
            fitToken={fitToken}
            edgeWorker={map.link}
            workerDrawnEdges={map.canvasEdges}
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
              {map.lastLayoutMs !== undefined ? ` · layout ${map.lastLayoutMs.toFixed(0)} ms` : ''}
            </span>
          </div>
        </div>
        <MapSidePanel
          selection={state.selection}
          detail={map.detail}
          visualEdges={state.selection ? graph.edges : NO_EDGES}
          windowSeconds={windowSeconds}
          onClose={closeSelection}
        />
      </div>
      <MapCharts window={state.window} paused={state.paused} />
    </div>
  );
}
