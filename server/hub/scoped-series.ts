// Per-second traffic series for scoped people (SKYMAP_SCOPES_FILE). The hub's own series counts every
// flow in the cluster, which a person limited to some namespaces must not see; one series per
// distinct scope counts only the flows they may see. A scope's series is created on its first
// request, seeded from the flows the hub still holds, and then fed at ingest like the hub's own.
// Scopes nobody asked for within IDLE_MS are forgotten, so per-flow work stays bounded.
import { flowInScope } from '../auth/scope-filters';
import type { Flow, FlowEvent } from '../domain/flow';
import { effectiveFlowTime } from '../domain/flow-time';
import { createTrafficSeries, recordFlow, type TrafficSeries } from '../domain/traffic-series';
import { scopeKey } from './scoped';

export const MAX_SCOPED_SERIES = 32;
export const SCOPED_SERIES_IDLE_MS = 30 * 60_000;

/** What the series are seeded from: the hub's flow history (newest first). */
export interface SeriesSeedSource {
  readonly size: number;
  readonly capacity: number;
  newest(limit: number): readonly { readonly flow: Flow; readonly arrivedMs: number }[];
}

export interface ScopedSeriesEntry {
  readonly scope: readonly string[];
  readonly series: TrafficSeries;
  /** Flows in scope counted so far (seed included). */
  flows: number;
  /**
   * Epoch ms from which the series is complete, or null when it holds every flow since start-up
   * (the history had not yet overflowed when the series was seeded).
   */
  readonly completeSinceMs: number | null;
  lastUsedMs: number;
}

export class ScopedSeries {
  private readonly entries = new Map<string, ScopedSeriesEntry>();

  get size(): number {
    return this.entries.size;
  }

  ingest(events: readonly FlowEvent[], arrivedMs: number): void {
    if (this.entries.size === 0) return;
    for (const event of events) {
      if (event.kind !== 'flow') continue;
      const at = effectiveFlowTime(event.flow, arrivedMs);
      for (const entry of this.entries.values()) {
        if (!flowInScope(event.flow, entry.scope)) continue;
        recordFlow(entry.series, event.flow, at);
        entry.flows += 1;
      }
    }
  }

  /** The series for a scope, created (and seeded from `history`) on first use. */
  get(scope: readonly string[], history: SeriesSeedSource, now: number): ScopedSeriesEntry {
    const key = scopeKey(scope);
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      existing.lastUsedMs = now;
      return existing;
    }
    this.evict(now);
    const series = createTrafficSeries();
    let flows = 0;
    let oldest = Number.POSITIVE_INFINITY;
    for (const stored of history.newest(history.size)) {
      const at = effectiveFlowTime(stored.flow, stored.arrivedMs);
      if (at < oldest) oldest = at;
      if (!flowInScope(stored.flow, scope)) continue;
      recordFlow(series, stored.flow, at);
      flows += 1;
    }
    const overflowed = history.size >= history.capacity;
    const entry: ScopedSeriesEntry = {
      scope: [...scope].sort(),
      series,
      flows,
      completeSinceMs: overflowed ? (Number.isFinite(oldest) ? oldest : now) : null,
      lastUsedMs: now,
    };
    this.entries.set(key, entry);
    return entry;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.lastUsedMs > SCOPED_SERIES_IDLE_MS) this.entries.delete(key);
    }
    while (this.entries.size >= MAX_SCOPED_SERIES) {
      let lruKey: string | undefined;
      let lruAt = Number.POSITIVE_INFINITY;
      for (const [key, entry] of this.entries) {
        if (entry.lastUsedMs < lruAt) {
          lruAt = entry.lastUsedMs;
          lruKey = key;
        }
      }
      if (lruKey === undefined) break;
      this.entries.delete(lruKey);
    }
  }
}
