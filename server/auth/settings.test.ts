import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../runtime/config';
import { AuthSettingError, authEnabled, isLoopbackHost, parseAuthSettings } from './settings';

const TOKEN = '0123456789abcdef0123';

function errorOf(fn: () => unknown): AuthSettingError | ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AuthSettingError || err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('isLoopbackHost', () => {
  it('knows loopback from exposed addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'skymap-7d9f-abc', '128.0.0.1', '127.0.0.1.nip.io']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe('parseAuthSettings', () => {
  it('is off by default on loopback', () => {
    const s = parseAuthSettings({});
    expect(authEnabled(s)).toBe(false);
    expect(s.bindHost).toBe('127.0.0.1');
    expect(s.sessionTtlMs).toBe(12 * 3_600_000);
  });

  it('refuses a non-loopback bind address without authentication, naming the setting', () => {
    const err = errorOf(() => parseAuthSettings({ SKYMAP_HOST: '0.0.0.0' }));
    expect(err.setting).toBe('SKYMAP_HOST');
    expect(err.message).toMatch(/^SKYMAP_HOST: "0.0.0.0" is not a loopback address: set SKYMAP_AUTH_TOKEN/);
    expect(err.message).not.toContain('\n');
    // Next's standalone server binds HOSTNAME when SKYMAP_HOST is not used (a container image).
    expect(errorOf(() => parseAuthSettings({ HOSTNAME: 'skymap-5d8c7' })).setting).toBe('HOSTNAME');
  });

  it('allows exposure with a token or a proxy header', () => {
    expect(authEnabled(parseAuthSettings({ SKYMAP_HOST: '0.0.0.0', SKYMAP_AUTH_TOKEN: TOKEN }))).toBe(true);
    const proxied = parseAuthSettings({
      SKYMAP_HOST: '0.0.0.0',
      SKYMAP_AUTH_PROXY_HEADER: 'X-Forwarded-User',
      SKYMAP_AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
      SKYMAP_AUTH_PROXY_ADDRESSES: '127.0.0.1/32',
    });
    expect(proxied.proxy?.userHeader).toBe('x-forwarded-user');
    expect(proxied.proxy?.groupsHeader).toBe('x-forwarded-groups');
    expect(proxied.proxy?.trusted.text).toEqual(['127.0.0.1/32']);
  });

  it('rejects short tokens and inconsistent proxy settings with one clear line each', () => {
    expect(errorOf(() => parseAuthSettings({ SKYMAP_AUTH_TOKEN: 'short' })).message).toBe(
      'SKYMAP_AUTH_TOKEN: must be at least 16 characters (e.g. openssl rand -hex 32)',
    );
    expect(errorOf(() => parseAuthSettings({ SKYMAP_AUTH_PROXY_HEADER: 'X-Forwarded-User' })).setting).toBe(
      'SKYMAP_AUTH_PROXY_ADDRESSES',
    );
    expect(errorOf(() => parseAuthSettings({ SKYMAP_AUTH_PROXY_ADDRESSES: '10.0.0.0/8' })).setting).toBe(
      'SKYMAP_AUTH_PROXY_ADDRESSES',
    );
    expect(errorOf(() => parseAuthSettings({ SKYMAP_AUTH_PROXY_GROUPS_HEADER: 'X-Groups' })).setting).toBe(
      'SKYMAP_AUTH_PROXY_GROUPS_HEADER',
    );
    const badCidr = errorOf(() =>
      parseAuthSettings({ SKYMAP_AUTH_PROXY_HEADER: 'X-User', SKYMAP_AUTH_PROXY_ADDRESSES: '10.0.0.0/99' }),
    );
    expect(badCidr.message).toBe('SKYMAP_AUTH_PROXY_ADDRESSES: "10.0.0.0/99" is not a CIDR or IP address');
    for (const header of ['X Forwarded User', 'Authorization', 'x-skymap-identity']) {
      expect(
        errorOf(() =>
          parseAuthSettings({ SKYMAP_AUTH_PROXY_HEADER: header, SKYMAP_AUTH_PROXY_ADDRESSES: '::1' }),
        ).setting,
      ).toBe('SKYMAP_AUTH_PROXY_HEADER');
    }
    expect(errorOf(() => parseAuthSettings({ SKYMAP_AUTH_SESSION_HOURS: '0' })).setting).toBe(
      'SKYMAP_AUTH_SESSION_HOURS',
    );
    expect(parseAuthSettings({ SKYMAP_AUTH_SESSION_HOURS: '0.5' }).sessionTtlMs).toBe(1_800_000);
  });

  it('needs authentication for a scopes file', () => {
    expect(errorOf(() => parseAuthSettings({ SKYMAP_SCOPES_FILE: '/etc/skymap/scopes.yaml' })).setting).toBe(
      'SKYMAP_SCOPES_FILE',
    );
  });
});

describe('loadConfig auth settings', () => {
  it('turns auth errors into a one-line ConfigError', () => {
    const err = errorOf(() => loadConfig({ SKYMAP_HOST: '0.0.0.0' }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/^SKYMAP_HOST: "0.0.0.0" is not a loopback address/);
  });

  it('reads the scopes file at start-up and names its line on error', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skymap-scopes-'));
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, 'users:\n  alice: [shop]\n');
    const config = loadConfig({ SKYMAP_AUTH_TOKEN: TOKEN, SKYMAP_SCOPES_FILE: good });
    expect(config.auth.scopesFile).toBe(good);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'users:\n  alice: [shop]\n  bob: [Shop_2]\n');
    const err = errorOf(() => loadConfig({ SKYMAP_AUTH_TOKEN: TOKEN, SKYMAP_SCOPES_FILE: bad }));
    expect(err.message).toBe(
      `SKYMAP_SCOPES_FILE: ${bad} line 3: users.bob: "Shop_2" is not a namespace name`,
    );
    const missing = errorOf(() =>
      loadConfig({ SKYMAP_AUTH_TOKEN: TOKEN, SKYMAP_SCOPES_FILE: path.join(dir, 'nope.yaml') }),
    );
    expect(missing.message).toMatch(/^SKYMAP_SCOPES_FILE: cannot read file ".*nope.yaml" \(ENOENT\)$/);
  });
});
