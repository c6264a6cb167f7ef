// Process-level instruments the hub's counters do not cover: SSE clients (fed by the transport's
// counters hook), tick duration (the runtime's tick timer runs hub.tick through timeTick) and
// event-loop lag (perf_hooks, windowed so a p99 reflects the last minute, not the whole uptime).
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export const TICK_BUCKETS_SECONDS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

export interface HistogramSnapshot {
  /** Upper bounds, ascending, without +Inf. */
  readonly bounds: readonly number[];
  /** Cumulative counts per bound (Prometheus `le` semantics). */
  readonly cumulative: readonly number[];
  readonly count: number;
  readonly sum: number;
}

/** A fixed-bucket histogram; observe() is O(buckets) and allocates nothing. */
export class Histogram {
  private readonly counts: number[];
  private count = 0;
  private sum = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    this.count += 1;
    this.sum += value;
    for (let i = 0; i < this.bounds.length; i++) {
      if (value <= this.bounds[i]!) {
        this.counts[i]! += 1;
        return;
      }
    }
  }

  snapshot(): HistogramSnapshot {
    let running = 0;
    const cumulative = this.counts.map((c) => (running += c));
    return { bounds: this.bounds, cumulative, count: this.count, sum: this.sum };
  }
}

export interface LoopLag {
  /** Seconds, over the current window (or the previous one right after a reset). */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Cumulative since the monitor started, for the summary's _sum and _count. */
  readonly sum: number;
  readonly count: number;
}

/** Shape of server/transport/sse.ts's SseCounters (structural, so the hub does not import transport). */
export interface ConnectionCounters {
  opened(): void;
  closed(): void;
}

const LOOP_WINDOW_MS = 60_000;
const LOOP_RESOLUTION_MS = 10;
const NS = 1e9;
// The histogram records whole timer intervals; the lag is what exceeds the requested resolution.
const RESOLUTION_NS = LOOP_RESOLUTION_MS * 1e6;
const lagSeconds = (intervalNs: number): number => Math.max(0, intervalNs - RESOLUTION_NS) / NS;

export class RuntimeMetrics {
  sseClients = 0;
  sseConnectionsTotal = 0;
  readonly tickSeconds = new Histogram(TICK_BUCKETS_SECONDS);
  readonly sse: ConnectionCounters = {
    opened: () => {
      this.sseClients += 1;
      this.sseConnectionsTotal += 1;
    },
    closed: () => {
      this.sseClients = Math.max(0, this.sseClients - 1);
    },
  };
  private loop: IntervalHistogram | undefined;
  private windowStartMs = 0;
  private foldedSum = 0;
  private foldedCount = 0;
  private previous: Pick<LoopLag, 'p50' | 'p90' | 'p99' | 'max'> = { p50: 0, p90: 0, p99: 0, max: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs one hub tick and records how long it took. Also starts the loop monitor on first use. */
  timeTick(tick: () => void): void {
    this.startLoopMonitor();
    const started = performance.now();
    try {
      tick();
    } finally {
      this.tickSeconds.observe((performance.now() - started) / 1000);
    }
  }

  startLoopMonitor(): void {
    if (this.loop) return;
    this.loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    this.loop.enable();
    this.windowStartMs = this.now();
  }

  stop(): void {
    this.loop?.disable();
    this.loop = undefined;
  }

  /** Current lag figures; rolls the window over when it is older than a minute. */
  loopLag(): LoopLag {
    const h = this.loop;
    if (!h) return { ...this.previous, sum: this.foldedSum, count: this.foldedCount };
    const count = h.count;
    const sum = count > 0 ? lagSeconds(h.mean) * count : 0;
    const current =
      count > 0
        ? {
            p50: lagSeconds(h.percentile(50)),
            p90: lagSeconds(h.percentile(90)),
            p99: lagSeconds(h.percentile(99)),
            max: lagSeconds(h.max),
          }
        : this.previous;
    const result: LoopLag = { ...current, sum: this.foldedSum + sum, count: this.foldedCount + count };
    if (this.now() - this.windowStartMs >= LOOP_WINDOW_MS) {
      this.foldedSum += sum;
      this.foldedCount += count;
      this.previous = current;
      h.reset();
      this.windowStartMs = this.now();
    }
    return result;
  }
}
