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

  it('agrees with a plain reference formatter across seconds and milliseconds (its caches)', () => {
    const reference = (seconds: number, nanos: number): string => {
      const head = new Date(seconds * 1000).toISOString().slice(0, 19);
      if (nanos === 0) return `${head}Z`;
      const digits = String(nanos).padStart(9, '0');
      const kept = nanos % 1_000_000 === 0 ? 3 : nanos % 1_000 === 0 ? 6 : 9;
      return `${head}.${digits.slice(0, kept)}Z`;
    };
    let seed = 3;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const seconds = 1_764_000_000;
    for (let i = 0; i < 5000; i++) {
      const s = seconds + rand(3);
      const shape = rand(4);
      const ms = rand(1000);
      const nanos =
        shape === 0
          ? 0
          : shape === 1
            ? ms * 1_000_000
            : shape === 2
              ? ms * 1_000_000 + rand(1000) * 1000
              : ms * 1_000_000 + rand(1_000_000);
      expect(formatTimestamp(s, nanos)).toBe(reference(s, nanos));
    }
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
