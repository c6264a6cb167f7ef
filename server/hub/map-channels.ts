// One live channel per distinct (window, namespaces) the browsers watch. Each tick every active
// channel builds its view once, diffs it against the previous one and publishes the delta once for
// all its subscribers. Channels nobody watches are dropped, so idle selections cost nothing.
import type { FlowEvent } from '../domain/flow';
import {
  aggregateEvents,
  createServiceMapState,
  diffViews,
  isEmptyDiff,
  type MapDiff,
  type MapEdgeRef,
  type MapQuery,
  type MapView,
  type ServiceMapOptions,
  type ServiceMapState,
  toMapView,
} from '../domain/service-map';
import { LiveChannel } from './live-channel';
import type { NamespaceScope } from './scoped';
import { scopedChannelKey, scopedMapQuery, scopedMapView } from './scoped-map';

/** Joins that add badges (and the pods behind a node) to a view; pure, set by the runtime. */
export type MapDecorator = (view: MapView) => MapView;

const MAX_CHANNELS = 64;

interface MapChannelState {
  readonly channel: LiveChannel;
  readonly query: MapQuery;
  /** Whose view this is: a scoped person's views are built (and diffed) from scoped views only. */
  readonly scope: NamespaceScope;
  view: MapView | undefined;
}

export function mapQueryKey(query: MapQuery): string {
  return `${query.window}|${[...(query.namespaces ?? [])].sort().join(',')}`;
}

export class MapChannels {
  readonly state: ServiceMapState;
  private readonly channels = new Map<string, MapChannelState>();
  private decorate: MapDecorator = (view) => view;

  constructor(
    options: ServiceMapOptions,
    private readonly now: () => number,
  ) {
    this.state = createServiceMapState({ ...options, startedMs: now() });
  }

  setDecorator(decorate: MapDecorator): void {
    this.decorate = decorate;
  }

  ingest(events: readonly FlowEvent[], now: number): void {
    aggregateEvents(this.state, events, now);
  }

  /** The view for a query as people with `scope` may see it (scoped.ts, SKYMAP_SCOPES_FILE). */
  view(query: MapQuery, now = this.now(), scope: NamespaceScope = 'all'): MapView {
    return scopedMapView((q) => this.decorate(toMapView(this.state, q, now)), query, scope);
  }

  /** The channel for a query, created on first use; undefined when too many distinct ones exist. */
  channel(query: MapQuery, scope: NamespaceScope = 'all'): LiveChannel | undefined {
    const narrowed = scopedMapQuery(query, scope);
    const key = scopedChannelKey(narrowed === null ? `${query.window}|-` : mapQueryKey(narrowed), scope);
    const existing = this.channels.get(key);
    if (existing) return existing.channel;
    if (this.channels.size >= MAX_CHANNELS) this.dropIdle();
    if (this.channels.size >= MAX_CHANNELS) return undefined;
    const entry: MapChannelState = {
      query,
      scope,
      view: undefined,
      channel: new LiveChannel(`map:${key}`, () => {
        entry.view ??= this.view(query, this.now(), scope);
        return entry.view;
      }),
    };
    this.channels.set(key, entry);
    return entry.channel;
  }

  tick(now: number): void {
    for (const [key, entry] of this.channels) {
      if (entry.channel.size === 0) {
        this.channels.delete(key);
        continue;
      }
      const next = this.view(entry.query, now, entry.scope);
      const prev = entry.view;
      entry.view = next;
      if (!prev) {
        entry.channel.publish(undefined);
        continue;
      }
      const diff = diffViews(prev, next);
      entry.channel.publish(isEmptyDiff(diff) ? undefined : toWireDelta(diff, next));
    }
  }

  get activeChannels(): number {
    return this.channels.size;
  }

  private dropIdle(): void {
    for (const [key, entry] of this.channels) if (entry.channel.size === 0) this.channels.delete(key);
  }
}

/** Browser delta: full records for what changed, ids / edge keys for what went. */
function toWireDelta(diff: MapDiff, next: MapView) {
  return {
    window: next.window,
    seconds: next.seconds,
    nodes: { upsert: [...diff.nodes.added, ...diff.nodes.updated], remove: diff.nodes.removed },
    edges: {
      upsert: [...diff.edges.added, ...diff.edges.updated],
      remove: diff.edges.removed.map(wireEdgeKey),
    },
  };
}

/** The browser's edge key (components/map/map-types.ts edgeKey). */
export function wireEdgeKey(edge: MapEdgeRef): string {
  return `${edge.source}|${edge.target}|${edge.protocol}|${edge.port ?? ''}`;
}
