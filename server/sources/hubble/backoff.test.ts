import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';

describe('createBackoff', () => {
  it('grows by the multiplier and stops at the cap (no jitter)', () => {
    const b = createBackoff({ initialMs: 1000, multiplier: 1.6, maxMs: 30_000, jitter: 0 });
    const delays = Array.from({ length: 12 }, () => b.next());
    expect(delays.slice(0, 5)).toEqual([1000, 1600, 2560, 4096, 6554]);
    expect(Math.max(...delays)).toBe(30_000);
    expect(delays.at(-1)).toBe(30_000);
    expect(b.attempts).toBe(12);
  });

  it('spreads delays by ±jitter and never exceeds the cap', () => {
    const low = createBackoff({ initialMs: 1000, jitter: 0.2, maxMs: 5000 }, () => 0);
    const high = createBackoff({ initialMs: 1000, jitter: 0.2, maxMs: 5000 }, () => 0.999_999);
    expect(low.next()).toBe(800);
    expect(high.next()).toBe(1200);
    for (let i = 0; i < 20; i++) expect(high.next()).toBeLessThanOrEqual(5000);
  });

  it('reset() starts over at the initial delay', () => {
    const b = createBackoff({ initialMs: 10, multiplier: 2, maxMs: 1000, jitter: 0 });
    b.next();
    b.next();
    expect(b.next()).toBe(40);
    b.reset();
    expect(b.attempts).toBe(0);
    expect(b.next()).toBe(10);
  });

  it('treats nonsense options safely', () => {
    const b = createBackoff({ initialMs: -5, multiplier: 0.5, maxMs: -1, jitter: 3 }, () => 0.5);
    expect(b.next()).toBe(0);
    expect(b.next()).toBe(0);
  });
});
