import { describe, expect, it } from 'vitest';
import { canonicalTimestamp, formatTimestamp, parseTimestamp } from './rfc3339';

describe('rfc3339', () => {
  it('formats like protojson: 0, 3, 6 or 9 fractional digits', () => {
    expect(formatTimestamp(1636540886, 0)).toBe('2021-11-10T10:41:26Z');
    expect(formatTimestamp(1636540886, 95_000_000)).toBe('2021-11-10T10:41:26.095Z');
    expect(formatTimestamp(1636540886, 95_357_000)).toBe('2021-11-10T10:41:26.095357Z');
    expect(formatTimestamp(1636540886, 95_336_300)).toBe('2021-11-10T10:41:26.095336300Z');
    expect(formatTimestamp(-62135596800, 0)).toBe('0001-01-01T00:00:00Z');
    expect(formatTimestamp(253402300799, 999_999_999)).toBe('9999-12-31T23:59:59.999999999Z');
  });

  it('refuses values outside protojson range', () => {
    expect(formatTimestamp(253402300800, 0)).toBeUndefined();
    expect(formatTimestamp(-62135596801, 0)).toBeUndefined();
    expect(formatTimestamp(0, 1_000_000_000)).toBeUndefined();
    expect(formatTimestamp(0, -1)).toBeUndefined();
    expect(formatTimestamp(0.5, 0)).toBeUndefined();
  });

  it('parses offsets, any digit count, and early years', () => {
    expect(parseTimestamp('2021-06-16T16:52:13.136834446Z')).toEqual({
      seconds: 1623862333,
      nanos: 136834446,
    });
    expect(parseTimestamp('2021-06-16T18:52:13.5+02:00')).toEqual({
      seconds: 1623862333,
      nanos: 500_000_000,
    });
    expect(parseTimestamp('2021-06-16t16:22:13-00:30')).toEqual({ seconds: 1623862333, nanos: 0 });
    expect(parseTimestamp('0050-01-01T00:00:00Z')?.seconds).toBe(-60589296000);
  });

  it('rejects malformed or impossible dates', () => {
    for (const bad of [
      '',
      '2021-06-16',
      '2021-06-16T16:52:13',
      '2021-02-30T00:00:00Z',
      '2021-13-01T00:00:00Z',
      '2021-06-16T24:00:00Z',
      '2021-06-16T16:52:60Z',
      '2021-06-16T16:52:13.1234567890Z',
      ' 2021-06-16T16:52:13Z',
    ]) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
  });

  it('canonicalises without changing canonical input', () => {
    for (const s of [
      '2021-11-10T10:41:26.095357Z',
      '2021-11-10T10:41:26.095336300Z',
      '1970-01-01T00:00:01Z',
    ]) {
      expect(canonicalTimestamp(s)).toBe(s);
    }
    expect(canonicalTimestamp('2021-11-10T10:41:26.1Z')).toBe('2021-11-10T10:41:26.100Z');
    expect(canonicalTimestamp('2021-11-10T10:41:26.000000Z')).toBe('2021-11-10T10:41:26Z');
  });
});
