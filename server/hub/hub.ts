// The hub owns Skymap's live state. Sources push batches of FlowEvents in (cheap, per batch); the
// runtime calls tick() on a fixed interval and only then are views rebuilt and diffs published, so
// browser traffic depends on the tick rate, never on the flow rate.
import type { Flow, FlowEvent } from '../domain/flow';
import { effectiveTime } from '../domain/flow-time';
import { RingBuffer } from '../domain/ring-buffer';
import { createTrafficSeries, currentRates, recordFlow, type TrafficSeries } from '../domain/traffic-series';
import { ClusterState } from './cluster-state';
import { LiveChannel } from './live-channel';
import { MapChannels } from './map-channels';
import { NodeRates } from './node-rates';

export interface StoredFlow {
  readonly flow: Flow;
  readonly arrivedMs: number;
  /** Monotonic ingest number, for stable ordering and "since" cursors. */
  readonly n: number;
}

export type RelayState = 'connecting' | 'connected' | 'unavailable' | 'not-configured';

export interface RelayStatus {
  readonly state: RelayState;
  readonly address?: string;
  readonly lastError?: string;
  readonly reconnects: number;
  readonly demo: boolean;
}

export interface LostEventRecord {
  readonly node: string;
  readonly source: string;
  count: number;
  lastMs: number;
}

export interface HubCounters {
  flowsReceived: number;
  lostEvents: number;
  nodeStatusEvents: number;
  malformed: number;
}

export interface HubOptions {
  readonly flowHistory: number;
  readonly now: () => number;
  /** Flows sent to live tails per tick; the rest are counted, not sent. */
  readonly tailPerTick?: number;
  readonly maxNodes?: number;
  readonly maxEdges?: number;
  readonly certExpiringDays?: number;
}

/** What Relay says about itself and its nodes (ServerStatus / GetNodes polls). */
export interface HubbleInfo {
  serverStatus?: {
    numFlows: number;
    maxFlows: number;
    seenFlows: number;
    numConnectedNodes?: number;
    numUnavailableNodes?: number;
    unavailableNodes: readonly string[];
    version: string;
    flowsRate: number;
  };
  nodes: readonly {
    name: string;
    state: string;
    version: string;
    seenFlows: number;
    numFlows: number;
    maxFlows: number;
  }[];
  namespaces: readonly string[];
}

const DEFAULT_TAIL = 200;

export class Hub {
  readonly flows: RingBuffer<StoredFlow>;
  readonly series: TrafficSeries = createTrafficSeries();
  readonly counters: HubCounters = { flowsReceived: 0, lostEvents: 0, nodeStatusEvents: 0, malformed: 0 };
  readonly lost = new Map<string, LostEventRecord>();
  readonly nodeStates = new Map<string, { state: string; message?: string; atMs: number }>();
  readonly flowTail: LiveChannel;
  readonly maps: MapChannels;
  readonly cluster: ClusterState;
  readonly nodeRates = new NodeRates();
  hubble: HubbleInfo = { nodes: [], namespaces: [] };
  relay: RelayStatus = { state: 'not-configured', reconnects: 0, demo: false };

  private ingestCount = 0;
  /** Ingest number of the newest flow already published to tails. */
  private publishedN = 0;
  private readonly tailPerTick: number;
  private readonly tickListeners = new Set<(now: number) => void>();

  constructor(private readonly options: HubOptions) {
    this.flows = new RingBuffer(options.flowHistory);
    this.tailPerTick = options.tailPerTick ?? DEFAULT_TAIL;
    this.flowTail = new LiveChannel('flows', () => this.flowTailSnapshot());
    this.maps = new MapChannels({ maxNodes: options.maxNodes, maxEdges: options.maxEdges }, options.now);
    this.cluster = new ClusterState(options.certExpiringDays ?? 14);
    this.maps.setDecorator(this.cluster.decorate);
  }

  now(): number {
    return this.options.now();
  }

  ingest(events: readonly FlowEvent[]): void {
    const arrivedMs = this.options.now();
    for (const event of events) {
      if (event.kind === 'flow') this.ingestFlow(event.flow, arrivedMs);
      else if (event.kind === 'lost') this.ingestLost(event, arrivedMs);
      else this.ingestNodeStatus(event, arrivedMs);
    }
    this.maps.ingest(events, arrivedMs);
    this.nodeRates.record(events, arrivedMs);
  }

  countMalformed(n = 1): void {
    this.counters.malformed += n;
  }

  setRelayStatus(status: RelayStatus): void {
    this.relay = status;
  }

  /** Extra per-tick work (map channels, joins) registers here. */
  onTick(listener: (now: number) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  tick(): void {
    const now = this.options.now();
    const since = this.publishedN;
    const fresh = this.flows.newestWhile(this.tailPerTick, (f) => f.n > since);
    const skipped = Math.max(0, this.ingestCount - since - fresh.length);
    this.publishedN = this.ingestCount;
    this.flowTail.publish({ stats: this.stats(now), flows: fresh.map(wireFlow), skipped });
    this.refreshCluster(now);
    this.maps.tick(now);
    for (const listener of this.tickListeners) listener(now);
  }

  refreshCluster(now: number, force = false): void {
    const hubbleNodes = this.hubble.nodes.length
      ? this.hubble.nodes.map((n) => ({ name: n.name, state: n.state, seen_flows: n.seenFlows }))
      : null;
    this.cluster.refresh(now, { hubbleNodes, nodeRates: this.nodeRates.rates(now) }, force);
  }

  stats(now: number) {
    const rates = currentRates(this.series, now);
    return {
      now: new Date(now).toISOString(),
      flowsPerSecond: rates.flows,
      forwardedPerSecond: rates.forwarded,
      droppedPerSecond: rates.dropped,
      otherPerSecond: rates.other,
      http5xxPerSecond: rates.http5xx,
      totals: { ...this.counters },
      relay: this.relay,
      lost: [...this.lost.values()].map((l) => ({ ...l, last: new Date(l.lastMs).toISOString() })),
    };
  }

  private flowTailSnapshot() {
    const now = this.options.now();
    return { stats: this.stats(now), flows: this.flows.newest(this.tailPerTick).map(wireFlow), skipped: 0 };
  }

  private ingestFlow(flow: Flow, arrivedMs: number): void {
    this.ingestCount += 1;
    this.counters.flowsReceived += 1;
    const stored: StoredFlow = { flow, arrivedMs, n: this.ingestCount };
    this.flows.push(stored);
    recordFlow(this.series, flow, effectiveTime(flow.time, arrivedMs));
  }

  private ingestLost(event: Extract<FlowEvent, { kind: 'lost' }>, arrivedMs: number): void {
    const node = event.nodeName ?? 'unknown';
    const source = event.lost.source ?? 'UNKNOWN_LOST_EVENT_SOURCE';
    const n = Number(event.lost.num_events_lost ?? '0');
    const count = Number.isFinite(n) ? n : 0;
    const key = `${node}\u0000${source}`;
    const record = this.lost.get(key);
    if (record) {
      record.count += count;
      record.lastMs = arrivedMs;
    } else {
      this.lost.set(key, { node, source, count, lastMs: arrivedMs });
    }
    this.counters.lostEvents += count;
  }

  private ingestNodeStatus(event: Extract<FlowEvent, { kind: 'node-status' }>, arrivedMs: number): void {
    this.counters.nodeStatusEvents += 1;
    for (const name of event.status.node_names ?? []) {
      this.nodeStates.set(name, {
        state: event.status.state_change ?? 'UNKNOWN_NODE_STATE',
        message: event.status.message,
        atMs: arrivedMs,
      });
    }
  }
}

function wireFlow(stored: StoredFlow) {
  return { n: stored.n, flow: stored.flow };
}
