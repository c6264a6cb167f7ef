// The hub owns Skymap's live state. Sources push batches of FlowEvents in (cheap, per batch); the
// runtime calls tick() on a fixed interval and only then are views rebuilt and diffs published, so
// browser traffic depends on the tick rate, never on the flow rate.
import type { Flow, FlowEvent } from '../domain/flow';
import { effectiveFlowTime } from '../domain/flow-time';
import { DEFAULT_REDACT_RULES, type RedactRules, redactEvents } from '../domain/redact';
import { createTrafficSeries, currentRates, recordFlow, type TrafficSeries } from '../domain/traffic-series';
import { ClusterState } from './cluster-state';
import { DropTracker } from './drop-tracker';
import { FlowHistory } from './flow-history';
import { LiveChannel } from './live-channel';
import { MapChannels } from './map-channels';
import { RuntimeMetrics } from './metrics';
import { NodeRates } from './node-rates';
import { ScopedSeries } from './scoped-series';
import { TalosState } from './talos-state';

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
  /** Secrets replaced before any flow is stored (SKYMAP_REDACT_*); defaults when absent. */
  readonly redact?: RedactRules;
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
  /** Flow history, held as wire bytes and decoded when read (see flow-history.ts). */
  readonly flows: FlowHistory;
  readonly series: TrafficSeries = createTrafficSeries();
  readonly counters: HubCounters = { flowsReceived: 0, lostEvents: 0, nodeStatusEvents: 0, malformed: 0 };
  readonly lost = new Map<string, LostEventRecord>();
  readonly nodeStates = new Map<string, { state: string; message?: string; atMs: number }>();
  readonly flowTail: LiveChannel;
  readonly maps: MapChannels;
  readonly cluster: ClusterState;
  readonly nodeRates = new NodeRates();
  readonly metrics = new RuntimeMetrics();
  readonly drops = new DropTracker();
  /** Traffic series of scoped people (SKYMAP_SCOPES_FILE), created when one first asks. */
  readonly scopedSeries = new ScopedSeries();
  readonly talos = new TalosState();
  hubble: HubbleInfo = { nodes: [], namespaces: [] };
  relay: RelayStatus = { state: 'not-configured', reconnects: 0, demo: false };

  private ingestCount = 0;
  /** Ingest number of the newest flow already published to tails. */
  private publishedN = 0;
  private readonly tailPerTick: number;
  private readonly tickListeners = new Set<(now: number) => void>();

  constructor(private readonly options: HubOptions) {
    this.flows = new FlowHistory(options.flowHistory);
    this.tailPerTick = options.tailPerTick ?? DEFAULT_TAIL;
    this.flowTail = new LiveChannel('flows', () => this.flowTailSnapshot());
    this.maps = new MapChannels({ maxNodes: options.maxNodes, maxEdges: options.maxEdges }, options.now);
    this.cluster = new ClusterState(options.certExpiringDays ?? 14);
    this.maps.setDecorator(this.cluster.decorate);
  }

  now(): number {
    return this.options.now();
  }

  /** `wires[i]`, when given, is the GetFlowsResponse `incoming[i]` was decoded from (kept as history). */
  ingest(incoming: readonly FlowEvent[], wires?: readonly (Uint8Array | undefined)[]): void {
    // Before anything stores a flow: secrets must never reach a place a browser can read.
    const events = redactEvents(incoming, this.options.redact ?? DEFAULT_REDACT_RULES);
    const arrivedMs = this.options.now();
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      // A flow redaction changed is kept as the redacted object, never as its original bytes.
      if (event.kind === 'flow')
        this.ingestFlow(event.flow, arrivedMs, event === incoming[i] ? wires?.[i] : undefined);
      else if (event.kind === 'lost') this.ingestLost(event, arrivedMs);
      else this.ingestNodeStatus(event, arrivedMs);
    }
    this.maps.ingest(events, arrivedMs);
    this.nodeRates.record(events, arrivedMs);
    this.drops.ingest(events, arrivedMs);
    this.scopedSeries.ingest(events, arrivedMs);
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

  private ingestFlow(flow: Flow, arrivedMs: number, wire?: Uint8Array): void {
    this.ingestCount += 1;
    this.counters.flowsReceived += 1;
    if (wire !== undefined) this.flows.pushWire(wire, arrivedMs, this.ingestCount, flow);
    else this.flows.push({ flow, arrivedMs, n: this.ingestCount });
    recordFlow(this.series, flow, effectiveFlowTime(flow, arrivedMs));
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
