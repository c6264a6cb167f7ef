import { describe, expect, it } from 'vitest';
import { effectiveScope, resolveScope, scopeKey, UNRESTRICTED } from './scoped';
import { scopedMapQuery } from './scoped-map';

describe('resolveScope', () => {
  it('without SKYMAP_NAMESPACES the person scope is used as it is', () => {
    expect(resolveScope('all', undefined)).toBe(UNRESTRICTED);
    expect(resolveScope(['shop'], undefined)).toEqual({ namespaces: ['shop'], held: ['shop'] });
    expect(resolveScope([], undefined)).toEqual({ namespaces: [], held: [] });
  });

  it('with SKYMAP_NAMESPACES everyone sees at most those; covering them all reads the held data as is', () => {
    const install = ['payments', 'shop'];
    expect(resolveScope('all', install)).toEqual({ namespaces: install, held: 'all' });
    expect(resolveScope(['shop', 'payments', 'batch'], install)).toEqual({
      namespaces: install,
      held: 'all',
    });
    expect(resolveScope(['shop', 'batch'], install)).toEqual({ namespaces: ['shop'], held: ['shop'] });
    expect(resolveScope(['batch'], install)).toEqual({ namespaces: [], held: [] });
    expect(effectiveScope('all', install)).toBe(install);
  });

  it('keys a scope independently of order', () => {
    expect(scopeKey(['shop', 'payments'])).toBe(scopeKey(['payments', 'shop']));
    expect(scopeKey('all')).not.toBe(scopeKey([]));
  });
});

describe('scopedMapQuery', () => {
  it('builds the scope namespaces when none were asked for, keeps a given filter, and nothing for no scope', () => {
    expect(scopedMapQuery({ window: '5m' }, 'all')).toEqual({ window: '5m' });
    expect(scopedMapQuery({ window: '5m' }, ['shop', 'a'])).toEqual({
      window: '5m',
      namespaces: ['a', 'shop'],
    });
    expect(scopedMapQuery({ window: '1m', namespaces: ['payments'] }, ['shop'])).toEqual({
      window: '1m',
      namespaces: ['payments'],
    });
    expect(scopedMapQuery({ window: '1m' }, [])).toBeNull();
  });
});

describe('GET /api/auth/session', () => {
  it('reports the namespaces a person sees, bounded by SKYMAP_NAMESPACES', async () => {
    const { GET } = await import('../../app/api/auth/session/route');
    const { setEnv } = await import('./scoped-test-support');
    const restore = setEnv({ SKYMAP_NAMESPACES: 'payments,shop' });
    try {
      const body = (await GET(new Request('http://127.0.0.1/api/auth/session')).json()) as {
        namespaces: unknown;
      };
      expect(body.namespaces).toEqual(['payments', 'shop']);
    } finally {
      restore();
    }
    const open = (await GET(new Request('http://127.0.0.1/api/auth/session')).json()) as {
      namespaces: unknown;
    };
    expect(open.namespaces).toBe('all');
  });
});
