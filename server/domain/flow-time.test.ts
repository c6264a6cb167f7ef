import { describe, expect, it } from 'vitest';
import { effectiveTime, parseFlowTime } from './flow-time';

describe('parseFlowTime', () => {
  it('matches Date.parse for every precision Hubble writes', () => {
    for (const text of [
      '2021-10-04T14:28:38.735173594Z',
      '2021-11-10T10:41:26.095357Z',
      '2021-11-10T10:41:26.095Z',
      '1970-01-01T00:00:01Z',
      '2024-02-29T23:59:59.999999999Z',
      '2026-11-25T12:00:00.5Z',
    ]) {
      expect(parseFlowTime(text)).toBe(Date.parse(text));
    }
  });

  it('rejects what is not an RFC 3339 UTC time', () => {
    for (const text of [
      undefined,
      '',
      'yesterday',
      '2021-10-04 14:28:38Z',
      '2021-13-04T14:28:38Z',
      '2021-10-04T14:28:38+02:00',
    ]) {
      expect(parseFlowTime(text)).toBeNaN();
    }
  });

  it('falls back to arrival time for implausible times', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(effectiveTime('2021-10-04T14:28:38Z', now)).toBe(now);
    expect(effectiveTime('2026-11-25T11:59:59Z', now)).toBe(now - 1000);
    expect(effectiveTime(undefined, now)).toBe(now);
  });
});
