import { describe, expect, it } from 'vitest';
import { addDrops, newDropCounts, sparkline, sparklineSpec, windowCount } from './drop-counts';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('drop counts', () => {
  it('counts drops into every window that covers them', () => {
    const c = newDropCounts();
    addDrops(c, T - 30_000); // 30 s ago
    addDrops(c, T - 4 * 60_000); // 4 min ago
    addDrops(c, T - 10 * 60_000); // 10 min ago
    addDrops(c, T - 40 * 60_000, 2); // 40 min ago
    addDrops(c, T - 3 * 3_600_000); // 3 h ago: only the total
    expect(windowCount(c, '1m', T)).toBe(1);
    expect(windowCount(c, '5m', T)).toBe(2);
    expect(windowCount(c, '15m', T)).toBe(3);
    expect(windowCount(c, '1h', T)).toBe(5);
    expect(windowCount(c, 'all', T)).toBe(6);
  });

  it('forgets buckets once time moves past them, without any timer', () => {
    const c = newDropCounts();
    addDrops(c, T, 5);
    expect(windowCount(c, '1m', T + 1000)).toBe(5);
    expect(windowCount(c, '1m', T + 2 * 60_000)).toBe(0);
    expect(windowCount(c, '15m', T + 2 * 60_000)).toBe(5);
    // A new drop far in the future clears the slots in between: the old count does not reappear
    // when the ring wraps onto the same slot.
    addDrops(c, T + 92 * 10_000);
    expect(windowCount(c, '15m', T + 92 * 10_000)).toBe(1);
    expect(windowCount(c, 'all', T + 92 * 10_000)).toBe(6);
  });

  it('still counts a late flow that falls inside the ring', () => {
    const c = newDropCounts();
    addDrops(c, T);
    addDrops(c, T - 50_000);
    expect(windowCount(c, '1m', T)).toBe(2);
    addDrops(c, T - 20 * 60_000); // older than the fine ring: only 1h and all
    expect(windowCount(c, '15m', T)).toBe(2);
    expect(windowCount(c, '1h', T)).toBe(3);
  });

  it('ignores non-finite times except in the total', () => {
    const c = newDropCounts();
    addDrops(c, Number.NaN);
    expect(windowCount(c, '1m', T)).toBe(0);
    expect(windowCount(c, 'all', T)).toBe(1);
  });

  it('draws sparklines whose last point is the bucket containing now', () => {
    const c = newDropCounts();
    addDrops(c, T + 1000, 3); // current 10 s bucket
    addDrops(c, T - 5_000, 2); // previous one
    addDrops(c, T - 45_000, 1); // 30-s bucket before the previous
    const oneMinute = sparkline(c, '1m', T + 2000);
    expect(oneMinute).toHaveLength(sparklineSpec('1m').points);
    expect(oneMinute.slice(-3)).toEqual([0, 2, 3]);
    const fifteen = sparkline(c, '15m', T + 2000);
    expect(fifteen).toHaveLength(30);
    expect(fifteen.slice(-3)).toEqual([1, 2, 3]);
    const hour = sparkline(c, '1h', T + 2000);
    expect(hour).toHaveLength(60);
    expect(hour.slice(-1)).toEqual([3]);
    expect(hour.slice(-2, -1)).toEqual([3]);
    expect(hour.reduce((a, b) => a + b, 0)).toBe(6);
  });
});
