// Flow rates and counters for a scoped person (the hub's own stats count every namespace): read from
// the scope's own traffic series (scoped-series.ts).
import { currentRates } from '../domain/traffic-series';
import type { Hub } from './hub';
import type { NamespaceScope } from './scoped';
import type { ScopedSeriesEntry } from './scoped-series';

export function scopedEntry(hub: Hub, namespaces: readonly string[], now: number): ScopedSeriesEntry {
  return hub.scopedSeries.get(namespaces, hub.flows, now);
}

export function completeSince(entry: ScopedSeriesEntry): string | null {
  return entry.completeSinceMs === null ? null : new Date(entry.completeSinceMs).toISOString();
}

/** hub.stats(now) for a scope: flow rates and the flow total count only the scope's flows. */
export function scopedStats(hub: Hub, held: NamespaceScope, now: number): ReturnType<Hub['stats']> {
  const base = hub.stats(now);
  if (held === 'all') return base;
  const entry = scopedEntry(hub, held, now);
  const rates = currentRates(entry.series, now);
  return {
    ...base,
    flowsPerSecond: rates.flows,
    forwardedPerSecond: rates.forwarded,
    droppedPerSecond: rates.dropped,
    otherPerSecond: rates.other,
    http5xxPerSecond: rates.http5xx,
    totals: { ...base.totals, flowsReceived: entry.flows },
  };
}
