// The map's worker: it opens the map stream itself, parses and folds every snapshot and delta into
// the view, builds the drawn graph, lays it out, and posts the page only what changed (see
// graph-patch.ts). The page's main thread then only draws.
import { openEventStream } from '../live/event-stream';
import type { MapDeltaWire } from './apply-map-delta';
import { type EdgeCanvasMessage, EdgePainter, type EdgeViewMessage } from './edge-painter';
import type { PositionsMessage, WorkerUpdate } from './graph-patch';
import { LayoutEngine, type Point } from './layout-engine';
import { MapModel, type ModelOptions } from './map-model';
import type { MapViewWire, MapWindow } from './map-types';

export interface WorkerConfig extends ModelOptions {
  readonly type: 'config';
  readonly window: MapWindow;
  readonly namespaces: readonly string[];
  readonly paused: boolean;
}

export type WorkerRequest =
  | WorkerConfig
  | { readonly type: 'relayout' }
  | EdgeCanvasMessage
  | EdgeViewMessage;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerUpdate, transfer?: Transferable[]): void;
};

// A first layout of a map this big takes long enough that a draft is drawn first.
const DRAFT_MIN_NODES = 200;

const model = new MapModel();
const engine = new LayoutEngine();
let stream: { key: string; close(): void } | undefined;
let flushQueued = false;
let relayoutAsked = false;
let viewKey = '';
let canvasCount = -1;

// Drawn once per frame at most (workers drawing to an OffscreenCanvas have animation frames).
const nextFrame = (draw: () => void) => {
  const raf = (self as unknown as { requestAnimationFrame?: (cb: () => void) => number })
    .requestAnimationFrame;
  if (raf) raf(draw);
  else setTimeout(draw, 16);
};
const painter = new EdgePainter(nextFrame, (count) => {
  if (count === canvasCount) return;
  canvasCount = count;
  post({ canvasEdges: count });
});

function mapStreamUrl(window: MapWindow, namespaces: readonly string[]): string {
  const params = new URLSearchParams({ window });
  if (namespaces.length) params.set('namespace', namespaces.join(','));
  return `/api/stream/map?${params.toString()}`;
}

function post(update: WorkerUpdate): void {
  scope.postMessage(update, update.positions ? [update.positions.xy.buffer] : []);
}

function positionsMessage(
  ids: readonly string[],
  at: ReadonlyMap<string, Point>,
  draft: boolean,
  ms: number,
): PositionsMessage {
  painter.setPositions(at);
  const xy = new Float64Array(ids.length * 2);
  ids.forEach((id, i) => {
    const p = at.get(id);
    xy[2 * i] = p?.x ?? 0;
    xy[2 * i + 1] = p?.y ?? 0;
  });
  return { ids, xy, draft, ms };
}

// Several stream events that queued up while a layout ran are folded into one update.
function schedule(): void {
  if (flushQueued) return;
  flushQueued = true;
  setTimeout(flush, 0);
}

function flush(): void {
  flushQueued = false;
  const update = model.update();
  const graph = model.graph;
  if (update.graph && graph) painter.setEdges(graph.edges);
  const relayout = update.relayout || relayoutAsked;
  const base: WorkerUpdate = {
    loaded: model.loaded,
    ...(update.graph ? { graph: update.graph } : {}),
    ...(update.detail !== undefined ? { detail: update.detail } : {}),
    ...(update.namespaces ? { namespaces: update.namespaces } : {}),
    ...(update.seconds !== undefined ? { seconds: update.seconds } : {}),
  };
  // Nothing is laid out (or reported as laid out) before the first view arrives.
  if (!relayout || !graph || !model.loaded) {
    if (update.graph || update.detail !== undefined || update.namespaces || update.seconds !== undefined)
      post(base);
    return;
  }
  if (relayoutAsked) engine.reset();
  relayoutAsked = false;
  const nodes = graph.nodes.map((n) => ({ id: n.id, group: n.group }));
  const ids = nodes.map((n) => n.id);
  if (engine.empty && nodes.length >= DRAFT_MIN_NODES) {
    post({ ...base, positions: positionsMessage(ids, engine.draft(nodes), true, 0) });
    const started = performance.now();
    const at = engine.layout(
      nodes,
      graph.edges.map((e) => ({ source: e.source, target: e.target })),
    );
    post({ positions: positionsMessage(ids, at, false, performance.now() - started) });
    return;
  }
  const started = performance.now();
  const at = engine.layout(
    nodes,
    graph.edges.map((e) => ({ source: e.source, target: e.target })),
  );
  post({ ...base, positions: positionsMessage(ids, at, false, performance.now() - started) });
}

function configure(config: WorkerConfig): void {
  model.setOptions({
    hideNoise: config.hideNoise,
    expanded: config.expanded,
    search: config.search,
    selection: config.selection,
  });
  const url = mapStreamUrl(config.window, config.namespaces);
  // Another window or filter: what is held is not that view. Pausing keeps the last view on screen
  // and resuming gets a fresh snapshot from the server.
  if (url !== viewKey && model.loaded) model.clear();
  viewKey = url;
  const key = config.paused ? '' : url;
  if ((stream?.key ?? '') !== key) {
    stream?.close();
    stream = undefined;
    if (key !== '') {
      const close = openEventStream<MapViewWire & { seq: number }, MapDeltaWire>(key, {
        onSnapshot: (body) => {
          model.snapshot({
            window: body.window,
            seconds: body.seconds,
            nodes: body.nodes,
            edges: body.edges,
          });
          schedule();
        },
        onDelta: (delta) => {
          model.delta(delta);
          schedule();
        },
        onStatus: (connection) => post({ connection }),
      });
      stream = { key, close };
    }
  }
  schedule();
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'relayout') {
    relayoutAsked = true;
    schedule();
  } else if (request.type === 'edge-canvas') {
    canvasCount = -1;
    painter.setSurface(request.canvas);
  } else if (request.type === 'edge-view') {
    painter.setView(request);
  } else configure(request);
};
