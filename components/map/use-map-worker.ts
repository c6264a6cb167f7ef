'use client';
// The page's side of the map worker (map.worker.ts): it tells the worker what to show (window,
// namespaces, folding, search, selection, pause) and folds the worker's patches into one state, one
// render per message. Nothing here touches the full map.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  applyGraphPatch,
  type ClientGraph,
  EMPTY_GRAPH,
  positionsOf,
  type SelectionDetail,
  type WorkerUpdate,
} from './graph-patch';
import type { Point } from './layout-engine';
import type { WorkerRequest } from './map.worker';
import { type MapUrlState, parseMapUrlState } from './map-url-state';

export interface MapWorkerState {
  readonly graph: ClientGraph;
  readonly positions: ReadonlyMap<string, Point>;
  /** A view for the current window has arrived. */
  readonly loaded: boolean;
  readonly connection: 'connecting' | 'open' | 'error';
  readonly detail: SelectionDetail | null;
  readonly namespaces: readonly string[];
  /** Seconds of traffic the view's counts cover; undefined until the server said. */
  readonly seconds?: number;
  readonly lastLayoutMs?: number;
  /** Settled layouts that replaced a draft (the view re-fits once when one lands). */
  readonly draftsSettled: number;
  readonly draft: boolean;
  /** Edges the worker drew on the canvas it was handed. */
  readonly canvasEdges: number;
}

export const INITIAL_MAP_WORKER_STATE: MapWorkerState = {
  graph: EMPTY_GRAPH,
  positions: new Map(),
  loaded: false,
  connection: 'connecting',
  detail: null,
  namespaces: [],
  draftsSettled: 0,
  draft: false,
  canvasEdges: 0,
};

export function reduceWorkerUpdate(state: MapWorkerState, update: WorkerUpdate): MapWorkerState {
  const next: { -readonly [K in keyof MapWorkerState]: MapWorkerState[K] } = { ...state };
  if (update.connection) next.connection = update.connection;
  if (update.loaded !== undefined) next.loaded = update.loaded;
  if (update.graph) next.graph = applyGraphPatch(state.graph, update.graph);
  if (update.detail !== undefined) next.detail = update.detail;
  if (update.namespaces) next.namespaces = update.namespaces;
  if (update.seconds !== undefined) next.seconds = update.seconds;
  if (update.canvasEdges !== undefined) next.canvasEdges = update.canvasEdges;
  if (update.positions) {
    next.positions = positionsOf(update.positions);
    next.draft = update.positions.draft;
    if (!update.positions.draft) {
      next.lastLayoutMs = update.positions.ms;
      if (state.draft) next.draftsSettled = state.draftsSettled + 1;
    }
  }
  return next;
}

function createWorker(): Worker {
  return new Worker(new URL('./map.worker.ts', import.meta.url), { type: 'module' });
}

function configOf(state: MapUrlState): WorkerRequest {
  const { window, namespaces, paused, hideNoise, expanded, search, selection } = state;
  return { type: 'config', window, namespaces, paused, hideNoise, expanded, search, selection };
}

// The worker's script takes a few hundred milliseconds to load and compile, and the map's snapshot
// another few hundred to arrive: both start as soon as this module runs on the map page (before
// React hydrates), with the view the URL asks for. The mounted map adopts this worker and replays
// what it answered meanwhile; a config that differs (it should not) simply reconnects.
let spare: { worker: Worker; early: WorkerUpdate[] } | undefined;
if (typeof window !== 'undefined' && typeof Worker !== 'undefined' && /\/map\/?$/.test(location.pathname)) {
  const early: WorkerUpdate[] = [];
  const worker = createWorker();
  worker.onmessage = (event: MessageEvent<WorkerUpdate>) => early.push(event.data);
  worker.postMessage(configOf(parseMapUrlState(new URLSearchParams(location.search))));
  spare = { worker, early };
}

export interface MapWorkerLink {
  post(message: WorkerRequest, transfer?: Transferable[]): void;
}

export function useMapWorker(state: MapUrlState): MapWorkerState & { relayout(): void; link: MapWorkerLink } {
  const workerRef = useRef<Worker | undefined>(undefined);
  const [view, setView] = useState<MapWorkerState>(INITIAL_MAP_WORKER_STATE);

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    const early = spare?.early ?? [];
    const worker = spare?.worker ?? createWorker();
    spare = undefined;
    workerRef.current = worker;
    if (early.length > 0) setView((s) => early.reduce(reduceWorkerUpdate, s));
    worker.onmessage = (event: MessageEvent<WorkerUpdate>) => {
      setView((s) => reduceWorkerUpdate(s, event.data));
    };
    return () => {
      workerRef.current = undefined;
      worker.terminate();
    };
  }, []);

  const { window, namespaces, paused, hideNoise, expanded, search, selection } = state;
  const selectionKey = selection ? `${selection.type}:${selection.id}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the joined keys stand for the arrays
  useEffect(() => {
    workerRef.current?.postMessage(configOf(state));
  }, [window, namespaces.join(','), paused, hideNoise, expanded.join(','), search, selectionKey]);

  const relayout = useCallback(() => {
    const request: WorkerRequest = { type: 'relayout' };
    workerRef.current?.postMessage(request);
  }, []);

  const link = useMemo<MapWorkerLink>(
    () => ({ post: (message, transfer = []) => workerRef.current?.postMessage(message, transfer) }),
    [],
  );

  return { ...view, relayout, link };
}
