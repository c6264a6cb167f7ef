import { describe, expect, it } from 'vitest';
import { conditions, findCondition, num, parseAll, readMeta, strMap, timestamp } from './raw-json';

describe('timestamp', () => {
  it('gives the same canonical ISO string for a Date and for the RFC3339 string', () => {
    const fromString = timestamp('2022-10-12T15:34:51Z');
    const fromDate = timestamp(new Date('2022-10-12T15:34:51Z'));
    expect(fromString).toBe('2022-10-12T15:34:51.000Z');
    expect(fromDate).toBe(fromString);
    expect(timestamp('2022-10-12T17:34:51+02:00')).toBe(fromString);
  });

  it('maps unset and junk to null', () => {
    expect(timestamp('')).toBeNull();
    expect(timestamp(undefined)).toBeNull();
    expect(timestamp(null)).toBeNull();
    expect(timestamp('2022-13-45T99:99:00Z')).toBeNull();
    expect(timestamp('yesterday')).toBeNull();
    expect(timestamp(new Date('nope'))).toBeNull();
    expect(timestamp({})).toBeNull();
  });
});

describe('num / strMap', () => {
  it('accepts numbers and decimal strings only', () => {
    expect(num(3)).toBe(3);
    expect(num('21474836480')).toBe(21474836480);
    expect(num('10Gi')).toBeNull();
    expect(num(Number.NaN)).toBeNull();
    expect(num(null)).toBeNull();
  });

  it('drops non-string label values', () => {
    expect(strMap({ a: 'x', b: 1, c: null })).toEqual({ a: 'x' });
    expect(strMap('nope')).toEqual({});
  });
});

describe('readMeta', () => {
  it('rejects objects without identity, with clear errors', () => {
    expect(readMeta(null, 'Pod', true)).toEqual({ ok: false, error: 'Pod: not an object' });
    expect(readMeta({ metadata: {} }, 'Pod', true)).toEqual({
      ok: false,
      error: 'Pod: metadata.name missing',
    });
    expect(readMeta({ metadata: { name: 'a' } }, 'Pod', true)).toEqual({
      ok: false,
      error: 'Pod a: metadata.namespace missing',
    });
    expect(readMeta({ kind: 'Service', metadata: { name: 'a', namespace: 'n' } }, 'Pod', true)).toEqual({
      ok: false,
      error: 'Pod: unexpected kind "Service"',
    });
  });

  it('accepts list items without kind and cluster-scoped objects without namespace', () => {
    const r = readMeta({ metadata: { name: 'n1' } }, 'Node', false);
    expect(r.ok && r.record.namespace).toBe('');
  });
});

describe('conditions', () => {
  it('looks conditions up by type regardless of order and skips malformed ones', () => {
    const list = conditions([
      { type: 'Issuing', status: 'True', reason: 'Renewing' },
      'junk',
      { status: 'True' },
      {
        type: 'Ready',
        status: 'False',
        reason: 'Expired',
        lastTransitionTime: new Date('2022-10-12T15:34:52Z'),
      },
    ]);
    expect(list).toHaveLength(2);
    expect(findCondition(list, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'Expired',
      lastTransitionTime: '2022-10-12T15:34:52.000Z',
    });
    expect(findCondition(list, 'Missing')).toBeNull();
    expect(conditions('nope')).toEqual([]);
  });
});

describe('parseAll', () => {
  it('collects records and errors without throwing', () => {
    const result = parseAll([1, 2, 3], (n) =>
      n === 2 ? { ok: false as const, error: 'two' } : { ok: true as const, record: n },
    );
    expect(result).toEqual({ records: [1, 3], errors: ['two'] });
  });
});
