import { describe, expect, it } from 'vitest';
import { type AuthInput, authenticate, parseGroups, sessionKeyFor } from './authenticate';
import { revokeSession } from './process-state';
import { issueSession, SECURE_SESSION_COOKIE, SESSION_COOKIE } from './session';
import { parseAuthSettings } from './settings';

const TOKEN = 'a-long-enough-token-for-tests';
const NOW = 1_750_000_000_000;

const tokenOnly = parseAuthSettings({ SKYMAP_AUTH_TOKEN: TOKEN });
const proxyOnly = parseAuthSettings({
  SKYMAP_AUTH_PROXY_HEADER: 'X-Forwarded-User',
  SKYMAP_AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
  SKYMAP_AUTH_PROXY_ADDRESSES: '127.0.0.1/32,10.0.5.0/24',
});
const both = { ...tokenOnly, proxy: proxyOnly.proxy };

function input(
  headers: Record<string, string>,
  cookies: Record<string, string> = {},
  peer: string | null = null,
) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    header: (name: string) => lower[name.toLowerCase()] ?? null,
    cookie: (name: string) => cookies[name],
    peer,
  } satisfies AuthInput;
}

describe('reverse-proxy header trust', () => {
  it('accepts the user and groups only from a configured proxy address', () => {
    const headers = { 'X-Forwarded-User': 'alice@example.com', 'X-Forwarded-Groups': 'sre, team-shop,,' };
    expect(authenticate(input(headers, {}, '127.0.0.1'), proxyOnly, NOW)).toEqual({
      ok: true,
      user: { method: 'proxy', user: 'alice@example.com', groups: ['sre', 'team-shop'] },
    });
    expect(authenticate(input(headers, {}, '::ffff:10.0.5.20'), proxyOnly, NOW).ok).toBe(true);
  });

  it('ignores the header from any other peer, or when the peer is unknown', () => {
    const headers = { 'X-Forwarded-User': 'admin' };
    for (const peer of ['10.0.6.1', '192.168.1.1', null]) {
      const result = authenticate(input(headers, {}, peer), proxyOnly, NOW);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/did not come from SKYMAP_AUTH_PROXY_ADDRESSES/);
    }
  });

  it('does not let X-Forwarded-For stand in for the socket peer', () => {
    const headers = { 'X-Forwarded-User': 'admin', 'X-Forwarded-For': '127.0.0.1' };
    expect(authenticate(input(headers, {}, '203.0.113.9'), proxyOnly, NOW).ok).toBe(false);
  });

  it('rejects empty and control-character user names', () => {
    expect(authenticate(input({ 'X-Forwarded-User': '   ' }, {}, '127.0.0.1'), proxyOnly, NOW).ok).toBe(
      false,
    );
    expect(authenticate(input({ 'X-Forwarded-User': 'eve\u0007' }, {}, '127.0.0.1'), proxyOnly, NOW).ok).toBe(
      false,
    );
    expect(
      authenticate(input({ 'X-Forwarded-User': 'x'.repeat(300) }, {}, '127.0.0.1'), proxyOnly, NOW).ok,
    ).toBe(false);
  });

  it('bounds and cleans group lists', () => {
    expect(parseGroups(null)).toEqual([]);
    expect(parseGroups(Array.from({ length: 500 }, (_, i) => `g${i}`).join(','))).toHaveLength(100);
    expect(parseGroups('a,\u0001b, c ')).toEqual(['a', 'c']);
  });
});

describe('token authentication', () => {
  it('accepts a bearer token and refuses a wrong one', () => {
    expect(authenticate(input({ Authorization: `Bearer ${TOKEN}` }), tokenOnly, NOW)).toEqual({
      ok: true,
      user: { method: 'token', user: 'token', groups: [] },
    });
    const wrong = authenticate(input({ Authorization: 'Bearer nope' }), tokenOnly, NOW);
    expect(wrong).toEqual({ ok: false, reason: 'invalid bearer token' });
    expect(authenticate(input({ Authorization: `Basic ${TOKEN}` }), tokenOnly, NOW).ok).toBe(false);
  });

  it('accepts a valid session cookie under either name', () => {
    const { value, session } = issueSession(sessionKeyFor(TOKEN), NOW, 3_600_000);
    for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
      const result = authenticate(input({}, { [name]: value }), tokenOnly, NOW + 1000);
      expect(result).toEqual({
        ok: true,
        user: { method: 'token', user: 'token', groups: [] },
        sessionId: session.id,
      });
    }
    expect(authenticate(input({}, { [SESSION_COOKIE]: value }), tokenOnly, NOW + 3_601_000).ok).toBe(false);
    expect(authenticate(input({}, { [SESSION_COOKIE]: TOKEN }), tokenOnly, NOW).ok).toBe(false);
  });

  it('refuses a revoked session', () => {
    const { value, session } = issueSession(sessionKeyFor(TOKEN), NOW, 3_600_000);
    revokeSession(session.id, session.expiresMs, NOW);
    expect(authenticate(input({}, { [SESSION_COOKIE]: value }), tokenOnly, NOW)).toEqual({
      ok: false,
      reason: 'session expired or invalid',
    });
  });

  it('falls back to the token when the proxy header is untrusted', () => {
    const result = authenticate(
      input({ 'X-Forwarded-User': 'admin', Authorization: `Bearer ${TOKEN}` }, {}, '198.51.100.1'),
      both,
      NOW,
    );
    expect(result.ok && result.user.method).toBe('token');
  });

  it('is unauthenticated with nothing presented', () => {
    expect(authenticate(input({}), tokenOnly, NOW)).toEqual({ ok: false, reason: 'not signed in' });
  });
});
