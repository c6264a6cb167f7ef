import { describe, expect, it } from 'vitest';
import type { Flow, FlowEvent } from '../domain/flow';
import { seriesPoints } from '../domain/traffic-series';
import { FlowHistory } from './flow-history';
import { MAX_SCOPED_SERIES, SCOPED_SERIES_IDLE_MS, ScopedSeries } from './scoped-series';

const T0 = Date.parse('2026-11-25T12:00:00Z');

function flow(from: string, to: string, atMs: number, verdict = 'FORWARDED'): Flow {
  return {
    time: new Date(atMs).toISOString(),
    verdict,
    source: { namespace: from, pod_name: `${from}-1` },
    destination: { namespace: to, pod_name: `${to}-1` },
  };
}

function history(flows: readonly Flow[], capacity = 100): FlowHistory {
  const h = new FlowHistory(capacity);
  flows.forEach((f, i) => {
    h.push({ flow: f, arrivedMs: Date.parse(f.time ?? ''), n: i + 1 });
  });
  return h;
}

const total = (s: ScopedSeries, scope: string[], h: FlowHistory, now: number) =>
  seriesPoints(s.get(scope, h, now).series, now, 60, 1).reduce((acc, p) => acc + p.flows, 0);

describe('ScopedSeries', () => {
  it('seeds a new scope from the history, then counts only in-scope flows at ingest', () => {
    const seeded = [
      flow('shop', 'shop', T0 + 1000),
      flow('batch', 'batch', T0 + 1500),
      flow('payments', 'shop', T0 + 2000),
    ];
    const h = history(seeded);
    const s = new ScopedSeries();
    const now = T0 + 10_000;
    const entry = s.get(['shop'], h, now);
    expect(entry.flows).toBe(2);
    expect(entry.completeSinceMs).toBeNull();
    const events: FlowEvent[] = [
      { kind: 'flow', flow: flow('shop', 'payments', T0 + 3000, 'DROPPED') },
      { kind: 'flow', flow: flow('batch', 'monitoring', T0 + 3000) },
      { kind: 'lost', lost: { num_events_lost: '9' } },
    ];
    s.ingest(events, T0 + 3000);
    expect(entry.flows).toBe(3);
    expect(total(s, ['shop'], h, now)).toBe(3);
    expect(total(s, ['batch'], h, now)).toBe(1);
    const dropped = seriesPoints(entry.series, now, 60, 1).reduce((acc, p) => acc + p.dropped, 0);
    expect(dropped).toBe(1);
  });

  it('says from when it is complete once the history had overflowed', () => {
    const h = history([flow('shop', 'shop', T0 + 1000), flow('shop', 'shop', T0 + 2000)], 2);
    expect(new ScopedSeries().get(['shop'], h, T0 + 5000).completeSinceMs).toBe(T0 + 1000);
  });

  it('forgets idle scopes and stays bounded', () => {
    const h = history([]);
    const s = new ScopedSeries();
    s.get(['old'], h, T0);
    s.get(['fresh'], h, T0 + SCOPED_SERIES_IDLE_MS);
    s.get(['new'], h, T0 + SCOPED_SERIES_IDLE_MS + 1);
    expect(s.size).toBe(2);
    for (let i = 0; i < MAX_SCOPED_SERIES + 5; i++) s.get([`ns-${i}`], h, T0 + SCOPED_SERIES_IDLE_MS + 2 + i);
    expect(s.size).toBe(MAX_SCOPED_SERIES);
  });
});
