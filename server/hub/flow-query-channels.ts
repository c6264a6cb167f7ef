// Live, filtered flow streams for the explorer: one channel per distinct query that browsers watch.
// Each tick a channel looks only at the flows ingested since its previous tick, keeps those that
// match, sends at most `perTick` of them (newest first) and counts the rest, so a browser's traffic
// is bounded by the tick rate whatever the flow rate. Channels nobody watches are dropped.
import { flowInScope } from '../auth/scope-filters';
import { compileFlowQuery, type FlowPredicate, type FlowQuery, parseFlowQuery } from '../domain/flow-filter';
import type { Hub, StoredFlow } from './hub';
import { LiveChannel } from './live-channel';
import { type NamespaceScope, scopeKey } from './scoped';
import { scopedStats } from './scoped-stats';

export const MAX_QUERY_CHANNELS = 64;
export const DEFAULT_PER_TICK = 1000;
export const MAX_PER_TICK = 5000;
/** Matching flows a new subscriber gets in its snapshot. */
export const SNAPSHOT_FLOWS = 500;

export interface StreamRequest {
  /** The query without `since` / `limit`: a live stream only ever sees new flows. */
  readonly query: FlowQuery;
  readonly perTick: number;
}

/** `/api/stream/flows` parameters: the `/api/flows` filters plus `per-tick` (1 to 5,000). */
export function parseStreamRequest(
  params: URLSearchParams,
  now: number,
): { readonly request: StreamRequest } | { readonly error: string } {
  const rawPerTick = params.get('per-tick');
  let perTick = DEFAULT_PER_TICK;
  if (rawPerTick !== null) {
    if (params.getAll('per-tick').length > 1) return { error: '"per-tick" given more than once' };
    if (!/^[0-9]{1,5}$/.test(rawPerTick) || Number(rawPerTick) < 1 || Number(rawPerTick) > MAX_PER_TICK) {
      return { error: `invalid per-tick "${rawPerTick}" (1 to ${MAX_PER_TICK})` };
    }
    perTick = Number(rawPerTick);
  }
  const parsed = parseFlowQuery(params, now, { ignoreParams: ['per-tick'] });
  if ('error' in parsed) return { error: parsed.error };
  const { terms, until } = parsed.query;
  return { request: { query: { terms, ...(until !== undefined ? { until } : {}) }, perTick } };
}

/** Same key for the same query however its parameters were ordered. */
export function streamKey(request: StreamRequest): string {
  const terms = request.query.terms
    .map((t) => `${t.negate ? '!' : ''}${t.field}=${[...t.values].sort().join('\u0001')}`)
    .sort();
  return JSON.stringify([terms, request.query.until ?? '', request.perTick]);
}

interface QueryChannelState {
  readonly channel: LiveChannel;
  readonly match: FlowPredicate;
  readonly perTick: number;
  /** A scoped person's stream (SKYMAP_SCOPES_FILE): only their flows, rates from their series. */
  readonly scope: NamespaceScope;
  /** Ingest number of the newest flow this channel has considered. */
  publishedN: number;
}

const wire = (stored: StoredFlow) => ({ n: stored.n, flow: stored.flow });

export class FlowQueryChannels {
  private readonly channels = new Map<string, QueryChannelState>();

  constructor(private readonly hub: Hub) {}

  get activeChannels(): number {
    return this.channels.size;
  }

  /** The channel for a request, created on first use; undefined when too many distinct ones exist. */
  channel(request: StreamRequest, scope: NamespaceScope = 'all'): LiveChannel | undefined {
    const key = scope === 'all' ? streamKey(request) : `${streamKey(request)}#scope=${scopeKey(scope)}`;
    const existing = this.channels.get(key);
    if (existing) return existing.channel;
    if (this.channels.size >= MAX_QUERY_CHANNELS) this.dropIdle();
    if (this.channels.size >= MAX_QUERY_CHANNELS) return undefined;
    const query = compileFlowQuery(request.query);
    const state: QueryChannelState = {
      match: scope === 'all' ? query : (flow) => flowInScope(flow, scope) && query(flow),
      perTick: request.perTick,
      scope,
      publishedN: this.newestN(),
      channel: new LiveChannel(`flows:${key}`, () => this.snapshot(state)),
    };
    this.channels.set(key, state);
    return state.channel;
  }

  tick(now: number): void {
    if (this.channels.size === 0) return;
    const newest = this.newestN();
    let stats: ReturnType<Hub['stats']> | undefined;
    for (const [key, state] of this.channels) {
      if (state.channel.size === 0) {
        this.channels.delete(key);
        continue;
      }
      const since = state.publishedN;
      const fresh = this.hub.flows.newestWhile(Number.POSITIVE_INFINITY, (stored) => stored.n > since);
      const flows: StoredFlow[] = [];
      let matched = 0;
      for (const stored of fresh) {
        if (!state.match(stored.flow)) continue;
        matched += 1;
        if (flows.length < state.perTick) flows.push(stored);
      }
      state.publishedN = newest;
      stats ??= this.hub.stats(now);
      state.channel.publish({
        stats: state.scope === 'all' ? stats : scopedStats(this.hub, state.scope, now),
        flows: flows.map(wire),
        skipped: matched - flows.length,
        // Flows that left the buffer before this tick could look at them (match unknown).
        overrun: Math.max(0, newest - since - fresh.length),
      });
    }
  }

  private snapshot(state: QueryChannelState) {
    const upTo = state.publishedN;
    const flows = this.hub.flows.newest(SNAPSHOT_FLOWS, (s) => s.n <= upTo && state.match(s.flow));
    const stats = scopedStats(this.hub, state.scope, this.hub.now());
    return { stats, flows: flows.map(wire), skipped: 0, overrun: 0 };
  }

  private newestN(): number {
    return this.hub.flows.newest(1)[0]?.n ?? 0;
  }

  private dropIdle(): void {
    for (const [key, state] of this.channels) if (state.channel.size === 0) this.channels.delete(key);
  }
}

const registry = new WeakMap<Hub, FlowQueryChannels>();

/** The hub's query channels, created (and hooked into its tick) on first use. */
export function flowQueryChannels(hub: Hub): FlowQueryChannels {
  let channels = registry.get(hub);
  if (channels === undefined) {
    const created = new FlowQueryChannels(hub);
    hub.onTick((now) => created.tick(now));
    registry.set(hub, created);
    channels = created;
  }
  return channels;
}
