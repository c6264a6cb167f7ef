import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDaysLeft,
  formatPercent,
  formatRate,
  formatRelative,
  plural,
} from './format';

describe('cluster formatting', () => {
  it('formats rates and ratios compactly', () => {
    expect([formatRate(0), formatRate(0.04), formatRate(2.35), formatRate(42.4), formatRate(12_345)]).toEqual(
      ['0/s', '<0.1/s', '2.4/s', '42/s', '12.3k/s'],
    );
    expect(formatRate(null)).toBe('—');
    expect([formatPercent(0), formatPercent(0.0004), formatPercent(0.014), formatPercent(0.25)]).toEqual([
      '0%',
      '<0.1%',
      '1.4%',
      '25%',
    ]);
    expect(formatPercent(null)).toBe('—');
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10 GiB');
    expect(formatBytes(1_610_612_736_000)).toBe('1.5 TiB');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });

  it('formats days and relative times against the given clock', () => {
    expect([formatDaysLeft(6), formatDaysLeft(-4), formatDaysLeft(0), formatDaysLeft(null)]).toEqual([
      'in 6 d',
      '4 d ago',
      'today',
      '—',
    ]);
    const now = Date.UTC(2026, 0, 12, 9, 0, 0);
    expect(formatRelative('2026-01-12T08:59:48Z', now)).toBe('12 s ago');
    expect(formatRelative('2026-01-12T12:00:00Z', now)).toBe('in 3 h');
    expect(formatRelative('2026-01-02T09:00:00Z', now)).toBe('10 d ago');
    expect(formatRelative('not a time', now)).toBe('not a time');
    expect(formatDate('2026-01-12T09:00:00Z')).toBe('2026-01-12 09:00 UTC');
    expect(plural(1, 'node')).toBe('1 node');
    expect(plural(1200, 'node')).toBe('1,200 nodes');
  });
});
