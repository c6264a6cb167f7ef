import { describe, expect, it } from 'vitest';
import { normaliseTimestamps, toEpochMs, toIsoTimestamp } from './timestamps';

describe('normaliseTimestamps', () => {
  it('turns Dates anywhere in an object into ISO strings', () => {
    const typed = {
      metadata: { name: 'n1', creationTimestamp: new Date('2026-01-02T03:04:05Z') },
      status: { conditions: [{ type: 'Ready', lastTransitionTime: new Date('2026-01-03T00:00:00Z') }] },
    };
    expect(normaliseTimestamps(typed)).toEqual({
      metadata: { name: 'n1', creationTimestamp: '2026-01-02T03:04:05.000Z' },
      status: { conditions: [{ type: 'Ready', lastTransitionTime: '2026-01-03T00:00:00.000Z' }] },
    });
    expect(typed.metadata.creationTimestamp).toBeInstanceOf(Date);
  });

  it('returns the same object when there is nothing to convert', () => {
    const plain = {
      metadata: { name: 'n1', creationTimestamp: '2026-01-02T03:04:05Z' },
      list: [1, 'a', null],
    };
    expect(normaliseTimestamps(plain)).toBe(plain);
  });
});

describe('toEpochMs / toIsoTimestamp', () => {
  it.each([
    ['2026-01-02T03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    [new Date(Date.UTC(2026, 0, 2)), Date.UTC(2026, 0, 2)],
    [1_700_000_000_000, 1_700_000_000_000],
    ['', undefined],
    ['not a date', undefined],
    [null, undefined],
    [Number.NaN, undefined],
  ])('%s → %s', (input, expected) => {
    expect(toEpochMs(input)).toBe(expected);
  });

  it('gives one canonical string for string and Date inputs', () => {
    expect(toIsoTimestamp('2026-01-02T03:04:05Z')).toBe(toIsoTimestamp(new Date('2026-01-02T03:04:05Z')));
    expect(toIsoTimestamp('')).toBeUndefined();
  });
});
