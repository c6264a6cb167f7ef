import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeIdentityHeader, encodeIdentityHeader, IDENTITY_HEADER, requestIdentity } from './identity';

const TOKEN = 'identity-test-token-0001';

function request(headers: Record<string, string>) {
  return { headers: new Headers(headers) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('identity header', () => {
  it('round-trips a signed identity', () => {
    const user = { method: 'proxy' as const, user: 'alice@example.com', groups: ['sre', 'team-shop'] };
    expect(decodeIdentityHeader(encodeIdentityHeader(user))).toEqual(user);
  });

  it('rejects forged, altered and malformed values', () => {
    const value = encodeIdentityHeader({ method: 'token', user: 'token', groups: [] });
    const [payload, mac] = value.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ m: 'proxy', u: 'admin', g: ['sre'] })).toString('base64url');
    expect(decodeIdentityHeader(`${forged}.${mac}`)).toBeNull();
    expect(decodeIdentityHeader(`${payload}.${mac.slice(1)}`)).toBeNull();
    expect(decodeIdentityHeader(`${payload}`)).toBeNull();
    expect(decodeIdentityHeader(null)).toBeNull();
    expect(decodeIdentityHeader('x'.repeat(20_000))).toBeNull();
  });
});

describe('requestIdentity', () => {
  it('is open with all namespaces when sign-in is off', () => {
    vi.stubEnv('SKYMAP_AUTH_TOKEN', '');
    vi.stubEnv('SKYMAP_AUTH_PROXY_HEADER', '');
    vi.stubEnv('SKYMAP_HOST', '127.0.0.1');
    expect(requestIdentity(request({}))).toEqual({
      authenticated: true,
      method: 'none',
      user: null,
      groups: [],
      namespaces: 'all',
    });
  });

  it('fails closed without a valid identity header when sign-in is on', () => {
    vi.stubEnv('SKYMAP_AUTH_TOKEN', TOKEN);
    expect(requestIdentity(request({}))).toMatchObject({ authenticated: false, namespaces: [] });
    expect(requestIdentity(request({ [IDENTITY_HEADER]: 'abc.def' }))).toMatchObject({
      authenticated: false,
    });
  });

  it('adds the namespaces of the scopes file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skymap-identity-'));
    const file = path.join(dir, 'scopes.yaml');
    writeFileSync(file, 'users:\n  token: [shop]\ngroups:\n  sre: ["*"]\n');
    vi.stubEnv('SKYMAP_AUTH_TOKEN', TOKEN);
    vi.stubEnv('SKYMAP_SCOPES_FILE', file);
    const header = encodeIdentityHeader({ method: 'token', user: 'token', groups: [] });
    expect(requestIdentity(request({ [IDENTITY_HEADER]: header }))).toEqual({
      authenticated: true,
      method: 'token',
      user: 'token',
      groups: [],
      namespaces: ['shop'],
    });
    const sre = encodeIdentityHeader({ method: 'proxy', user: 'zoe', groups: ['sre'] });
    expect(requestIdentity(request({ [IDENTITY_HEADER]: sre })).namespaces).toBe('all');
  });
});
