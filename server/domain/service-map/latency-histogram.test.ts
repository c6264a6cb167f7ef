import { describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKETS,
  latencyBucket,
  latencyQuantileNs,
  nsToMs,
  parseLatencyNs,
} from './latency-histogram';

function histogramOf(samples: number[]): Uint32Array {
  const counts = new Uint32Array(LATENCY_BUCKETS);
  for (const s of samples) {
    const b = latencyBucket(s);
    if (b >= 0) (counts[b] as number)++;
  }
  return counts;
}

function exactQuantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
}

describe('latency histogram', () => {
  it('buckets monotonically and clamps at both ends', () => {
    expect(latencyBucket(0)).toBe(-1);
    expect(latencyBucket(-5)).toBe(-1);
    expect(latencyBucket(Number.NaN)).toBe(-1);
    expect(latencyBucket(1)).toBe(0);
    expect(latencyBucket(1e15)).toBe(LATENCY_BUCKETS - 1);
    let last = 0;
    for (let ns = 1000; ns < 1e11; ns *= 1.07) {
      const b = latencyBucket(ns);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
    }
  });

  it('estimates p50 / p95 within one bucket (< 26 %) of the exact nearest-rank value', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 20; trial++) {
      const samples = Array.from({ length: 50 + trial * 37 }, () => Math.exp(11 + random() * 9));
      const counts = histogramOf(samples);
      for (const q of [0.5, 0.95]) {
        const estimate = latencyQuantileNs(counts, samples.length, q) as number;
        const exact = exactQuantile(samples, q);
        expect(estimate / exact).toBeGreaterThan(1 / 1.26);
        expect(estimate / exact).toBeLessThan(1.26);
      }
    }
  });

  it('returns null without samples and parses uint64 strings', () => {
    expect(latencyQuantileNs(new Uint32Array(LATENCY_BUCKETS), 0, 0.5)).toBeNull();
    expect(parseLatencyNs('999958359')).toBe(999958359);
    expect(parseLatencyNs(undefined)).toBe(0);
    expect(parseLatencyNs('abc')).toBeNaN();
    expect(nsToMs(1_234_567)).toBe(1.235);
    expect(nsToMs(null)).toBeNull();
  });
});
