import { describe, expect, it } from 'vitest';
import {
  addFilter,
  explorerQuery,
  explorerUrlSearch,
  filterParams,
  readExplorerUrl,
  removeTerm,
  toggleNegate,
} from './flow-url-state';

const NOW = Date.parse('2024-05-01T10:00:00Z');

describe('explorer URL state', () => {
  it('reads filters named like hubble observe flags, keeps relative times as typed', () => {
    const state = readExplorerUrl(
      new URLSearchParams(
        'verdict=dropped&not-namespace=kube-system&from-label=k8s:app=a,b&since=5m&theme=light',
      ),
      NOW,
    );
    expect(state.terms).toEqual([
      { field: 'verdict', values: ['DROPPED'], negate: false },
      { field: 'namespace', values: ['kube-system'], negate: true },
      { field: 'from-label', values: ['k8s:app=a,b'], negate: false },
    ]);
    expect(state.since).toBe('5m');
    expect(state.error).toBeUndefined();
  });

  it('writes one parameter per value and keeps the theme', () => {
    const state = readExplorerUrl(new URLSearchParams('verdict=DROPPED,ERROR&from-label=a=1,b=2'), NOW);
    expect(explorerUrlSearch(state, new URLSearchParams('theme=light&junk=1'))).toBe(
      '?verdict=DROPPED&verdict=ERROR&from-label=a%3D1%2Cb%3D2&theme=light',
    );
    const again = readExplorerUrl(new URLSearchParams(filterParams(state)), NOW);
    expect(again.terms).toEqual(state.terms);
  });

  it('reports a bad URL filter instead of dropping it silently', () => {
    expect(readExplorerUrl(new URLSearchParams('verdict=nope'), NOW).error).toMatch(/unknown verdict/);
    expect(readExplorerUrl(new URLSearchParams('bogus=1'), NOW).error).toMatch(/unknown filter "bogus"/);
  });

  it('adds values to a term of the same field and sign, canonicalised, without duplicates', () => {
    let terms = readExplorerUrl(new URLSearchParams('from-pod=shop/web'), NOW).terms;
    const add = (field: Parameters<typeof addFilter>[1], value: string, negate = false) => {
      const r = addFilter(terms, field, value, negate);
      if ('error' in r) throw new Error(r.error);
      terms = r.terms;
    };
    add('from-pod', 'shop/api');
    add('from-pod', 'shop/api');
    add('verdict', 'dropped');
    add('verdict', 'FORWARDED', true);
    expect(terms).toEqual([
      { field: 'from-pod', values: ['shop/web', 'shop/api'], negate: false },
      { field: 'verdict', values: ['DROPPED'], negate: false },
      { field: 'verdict', values: ['FORWARDED'], negate: true },
    ]);
    expect(addFilter(terms, 'port', '70000', false)).toEqual({ error: 'invalid port "70000"' });
    // Negating the positive verdict merges it into the negated one.
    expect(toggleNegate(terms, 1)).toEqual([
      { field: 'from-pod', values: ['shop/web', 'shop/api'], negate: false },
      { field: 'verdict', values: ['FORWARDED', 'DROPPED'], negate: true },
    ]);
    expect(toggleNegate(terms, 0)[0]).toEqual({
      field: 'from-pod',
      values: ['shop/web', 'shop/api'],
      negate: true,
    });
    expect(removeTerm(terms, 0)).toHaveLength(2);
  });

  it('resolves the state to an absolute query for matching and commands', () => {
    const state = readExplorerUrl(new URLSearchParams('verdict=DROPPED&since=1h&limit=50'), NOW);
    expect(explorerQuery(state, NOW)).toEqual({
      query: {
        terms: [{ field: 'verdict', values: ['DROPPED'], negate: false }],
        since: '2024-05-01T09:00:00.000Z',
        limit: 50,
      },
    });
  });
});
