import { describe, expect, it } from 'vitest';
import type { Flow } from './flow';
import { createTrafficSeries, currentRates, recordFlow, seriesPoints } from './traffic-series';

const base = 1_700_000_000_000;

describe('traffic series', () => {
  it('counts verdicts, drop reasons and HTTP errors per second', () => {
    const series = createTrafficSeries();
    const forwarded: Flow = { verdict: 'FORWARDED' };
    const dropped: Flow = { verdict: 'DROPPED', drop_reason_desc: 'POLICY_DENIED' };
    const http500: Flow = { verdict: 'FORWARDED', l7: { type: 'RESPONSE', http: { code: 503 } } };
    for (let i = 0; i < 10; i++) recordFlow(series, forwarded, base + 100);
    for (let i = 0; i < 4; i++) recordFlow(series, dropped, base + 1100);
    recordFlow(series, http500, base + 1200);
    const points = seriesPoints(series, base + 2500, 2, 1);
    expect(points).toHaveLength(2);
    expect(points[0]?.flows).toBe(10);
    expect(points[1]?.dropped).toBe(4);
    expect(points[1]?.dropReasons).toEqual({ POLICY_DENIED: 4 });
    expect(points[1]?.http5xx).toBe(1);
  });

  it('averages over wider steps and forgets seconds older than the ring', () => {
    const series = createTrafficSeries();
    for (let s = 0; s < 10; s++) recordFlow(series, { verdict: 'AUDIT' }, base + s * 1000);
    const rates = currentRates(series, base + 10_500, 10);
    expect(rates.flows).toBeCloseTo(1);
    expect(rates.other).toBeCloseTo(1);
    // One hour later the same ring slots are reused and old counts vanish.
    recordFlow(series, { verdict: 'FORWARDED' }, base + 3600_000);
    const later = seriesPoints(series, base + 3601_500, 3600, 60);
    // Rates back to counts: every step is 60 s wide but the newest, which ends at the last complete
    // second (base + 3600 s).
    const lastComplete = base / 1000 + 3600;
    const seconds = (t: number) => Math.min(60, lastComplete - t / 1000 + 1);
    const total = later.reduce((sum, p) => sum + p.flows * seconds(p.t), 0);
    expect(total).toBeCloseTo(10);
  });
});

describe('seriesPoints at any moment within a step', () => {
  it('gives the newest, still filling step the rate of the seconds it has', () => {
    const series = createTrafficSeries();
    // 300 flows in every second for the last 40 seconds.
    for (let s = 0; s < 40; s++)
      for (let i = 0; i < 300; i++) recordFlow(series, { verdict: 'FORWARDED' }, base + s * 1000 + i);
    for (let offset = 30_000; offset < 40_000; offset += 1000) {
      const points = seriesPoints(series, base + offset + 400, 20, 5);
      expect(points.at(-1)?.flows).toBeCloseTo(300);
      expect(points.at(-1)?.forwarded).toBeCloseTo(300);
    }
  });
});

describe('currentRates between bucket boundaries', () => {
  it('does not under-report when now is not on a multiple of the averaging span', () => {
    const series = createTrafficSeries();
    // 300 flows in every second for the last 20 seconds.
    for (let s = 0; s < 20; s++)
      for (let i = 0; i < 300; i++) recordFlow(series, { verdict: 'FORWARDED' }, base + s * 1000 + i);
    for (const offset of [12_000, 13_000, 14_000, 15_000, 16_000]) {
      expect(currentRates(series, base + offset + 400, 5).flows).toBeCloseTo(300);
    }
  });
});
