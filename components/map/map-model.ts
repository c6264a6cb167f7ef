// The map worker's state: the full view from the stream, deltas folded into it, the drawn graph
// built from it, and what the page has already been sent. Each update() answers with only what the
// page does not have yet (see graph-patch.ts). Pure, so it is tested in Node.
import { applyMapDelta, type MapDeltaWire } from './apply-map-delta';
import type { DrawnEdge, GraphPatch, SelectionDetail } from './graph-patch';
import type { MapViewWire } from './map-types';
import type { Selection } from './map-url-state';
import { type DrawnGraph, stabilizeGraph } from './stable-graph';
import { buildVisibleGraph, type VisibleGraphOptions, type VisualEdge } from './visible-graph';

export interface ModelOptions {
  readonly hideNoise: boolean;
  readonly expanded: readonly string[];
  readonly search: string;
  readonly selection: Selection;
}

export interface ModelUpdate {
  graph?: GraphPatch;
  /** The seconds the view's counts cover, when that changed. */
  seconds?: number;
  detail?: SelectionDetail | null;
  namespaces?: string[];
  /** The drawn topology changed since the last update: the layout must place the new ids. */
  relayout: boolean;
}

export const FOLD_THRESHOLD = 250;

export function slimEdge(edge: VisualEdge): DrawnEdge {
  const { edges: _wires, ...rest } = edge;
  return rest;
}

function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id) return false;
  return true;
}

export class MapModel {
  private view: MapViewWire | undefined;
  private options: ModelOptions = { hideNoise: true, expanded: [], search: '', selection: undefined };
  private drawn: DrawnGraph | undefined;
  /** What the page holds. */
  private sent: DrawnGraph | undefined;
  private sentDetail: SelectionDetail | null = null;
  private sentDetailSource: unknown;
  private sentNamespaces = '';
  private sentSeconds: number | undefined;
  private sentTopology = 0;
  private dirty = false;

  /** A fresh view (snapshot) replaces whatever was held. */
  snapshot(view: MapViewWire): void {
    this.view = view;
    this.dirty = true;
  }

  delta(delta: MapDeltaWire): void {
    this.view = this.view
      ? applyMapDelta(this.view, delta)
      : {
          window: delta.window,
          seconds: delta.seconds,
          nodes: delta.nodes.upsert,
          edges: delta.edges.upsert,
        };
    this.dirty = true;
  }

  /** Forget the view (another window or namespace filter is being fetched). */
  clear(): void {
    this.view = undefined;
    this.dirty = true;
  }

  get loaded(): boolean {
    return this.view !== undefined;
  }

  setOptions(options: ModelOptions): void {
    this.options = options;
    this.dirty = true;
  }

  /** The drawn graph as the page now has it (after the last update()). */
  get graph(): DrawnGraph | undefined {
    return this.sent;
  }

  /** Everything the page lacks; nothing when nothing changed since the last call. */
  update(): ModelUpdate {
    if (!this.dirty) return { relayout: false };
    this.dirty = false;
    const { hideNoise, expanded, search } = this.options;
    const opts: VisibleGraphOptions = {
      hideNoise,
      foldThreshold: FOLD_THRESHOLD,
      expanded: new Set(expanded),
      search,
    };
    const built = this.view ? buildVisibleGraph(this.view, opts) : { nodes: [], edges: [], folded: false };
    this.drawn = stabilizeGraph(this.drawn, built);
    const out: ModelUpdate = { relayout: false };
    const graph = this.patch(this.sent, this.drawn);
    if (graph) out.graph = graph;
    if (this.drawn.topology !== this.sentTopology) {
      out.relayout = true;
      this.sentTopology = this.drawn.topology;
    }
    this.sent = this.drawn;
    const detail = this.detail();
    if (detail !== undefined) out.detail = detail;
    const namespaces = this.namespaces();
    if (namespaces) out.namespaces = namespaces;
    const seconds = this.view?.seconds;
    if (seconds !== undefined && seconds !== this.sentSeconds) {
      out.seconds = seconds;
      this.sentSeconds = seconds;
    }
    return out;
  }

  private patch(prev: DrawnGraph | undefined, next: DrawnGraph): GraphPatch | undefined {
    if (prev === next) return undefined;
    const base = { folded: next.folded, topology: next.topology };
    const newNodeIds = prev === undefined || !sameIds(prev.nodes, next.nodes);
    const newEdgeIds = prev === undefined || !sameIds(prev.edges, next.edges);
    const oldNodes = new Set(prev?.nodes);
    const oldEdges = new Set(prev?.edges);
    return {
      ...base,
      ...(newNodeIds ? { nodeIds: next.nodes.map((n) => n.id) } : {}),
      ...(newEdgeIds ? { edgeIds: next.edges.map((e) => e.id) } : {}),
      nodes: next.nodes.filter((n) => !oldNodes.has(n)),
      edges: next.edges.filter((e) => !oldEdges.has(e)).map(slimEdge),
    };
  }

  /** The selection's raw records when they changed; undefined when the page is up to date. */
  private detail(): SelectionDetail | null | undefined {
    const selection = this.options.selection;
    let source: unknown;
    let detail: SelectionDetail | null = null;
    if (selection?.type === 'node') {
      const node = this.view?.nodes.find((n) => n.id === selection.id);
      source = node;
      if (node) detail = { id: selection.id, node };
    } else if (selection?.type === 'edge') {
      const edge = this.drawn?.edges.find((e) => e.id === selection.id);
      source = edge?.edges;
      if (edge) detail = { id: selection.id, edges: edge.edges };
    }
    if (source === this.sentDetailSource && detail?.id === this.sentDetail?.id) return undefined;
    this.sentDetailSource = source;
    this.sentDetail = detail;
    return detail;
  }

  private namespaces(): string[] | undefined {
    const set = new Set<string>();
    for (const node of this.view?.nodes ?? []) if (node.namespace) set.add(node.namespace);
    const list = [...set];
    const key = list.join(',');
    if (key === this.sentNamespaces) return undefined;
    this.sentNamespaces = key;
    return list;
  }
}
