import { describe, expect, it } from 'vitest';
import { parseRfc3339Ms, timeOf } from './parse-time';

describe('parseRfc3339Ms', () => {
  it('parses Hubble timestamps with 0, 3, 6 and 9 fractional digits', () => {
    expect(parseRfc3339Ms('1970-01-01T00:00:01Z')).toBe(1000);
    expect(parseRfc3339Ms('2021-11-10T10:41:26.095357Z')).toBe(Date.UTC(2021, 10, 10, 10, 41, 26, 95));
    expect(parseRfc3339Ms('2021-11-10T10:41:26.095336300Z')).toBe(Date.UTC(2021, 10, 10, 10, 41, 26, 95));
    expect(parseRfc3339Ms('2021-06-16T16:52:13.1Z')).toBe(Date.UTC(2021, 5, 16, 16, 52, 13, 100));
    expect(parseRfc3339Ms('2021-06-16T16:52:13.12Z')).toBe(Date.UTC(2021, 5, 16, 16, 52, 13, 120));
  });

  it('applies offsets and accepts lower-case t / z', () => {
    expect(parseRfc3339Ms('2024-02-29T01:30:00+02:00')).toBe(Date.UTC(2024, 1, 28, 23, 30));
    expect(parseRfc3339Ms('2024-02-29t01:30:00-00:30')).toBe(Date.UTC(2024, 1, 29, 2, 0));
    expect(parseRfc3339Ms('2024-02-29t01:30:00z')).toBe(Date.UTC(2024, 1, 29, 1, 30));
  });

  it('agrees with Date.parse on many instants', () => {
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const ms = Date.UTC(1900, 0, 1) + Math.floor((seed / 2147483648) * 300 * 365 * 86_400_000);
      const iso = new Date(ms).toISOString();
      expect(parseRfc3339Ms(iso)).toBe(ms);
    }
  });

  it('rejects malformed input', () => {
    for (const bad of [
      '',
      '2021-11-10',
      '2021-11-10T10:41:26',
      '2021-11-10 10:41:26Z',
      '2021-13-10T10:41:26Z',
      '2021-02-29T10:41:26Z',
      '2021-11-10T24:00:00Z',
      '2021-11-10T10:41:26.Z',
      '2021-11-10T10:41:26.123',
      '2021-11-10T10:41:26+0200',
      '2021-11-10T10:41:26Zjunk',
      '2021-1a-10T10:41:26Z',
      '2021-02-x1T10:41:26Z',
      '2021-02-31T10:41:26Z',
    ]) {
      // Prime the date memo with a neighbouring valid date first.
      parseRfc3339Ms('2021-01-31T10:41:26Z');
      expect(parseRfc3339Ms(bad), bad).toBeNaN();
    }
  });
});

describe('timeOf', () => {
  it('falls back to now and counts missing and invalid times', () => {
    const counters = { invalidTime: 0, missingTime: 0 };
    expect(timeOf({ time: '2021-11-10T10:41:26Z' }, 5, counters)).toBe(Date.UTC(2021, 10, 10, 10, 41, 26));
    expect(timeOf({}, 5, counters)).toBe(5);
    expect(timeOf({ time: 'yesterday' }, 7, counters)).toBe(7);
    expect(timeOf({ time: 12 as unknown as string }, 9, counters)).toBe(9);
    expect(counters).toEqual({ invalidTime: 2, missingTime: 1 });
  });
});
