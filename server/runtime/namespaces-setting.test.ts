import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { MAX_INSTALL_NAMESPACES, parseNamespacesSetting } from './namespaces-setting';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('SKYMAP_NAMESPACES', () => {
  it('unset or blank means cluster-wide', () => {
    expect(parseNamespacesSetting(undefined)).toEqual({ ok: true, namespaces: undefined });
    expect(parseNamespacesSetting('  ')).toEqual({ ok: true, namespaces: undefined });
    expect(loadConfig({}).namespaces).toBeUndefined();
  });

  it('is a sorted, de-duplicated list of DNS-1123 labels', () => {
    expect(parseNamespacesSetting(' team-b, team-a ,team-b')).toEqual({
      ok: true,
      namespaces: ['team-a', 'team-b'],
    });
    expect(loadConfig({ SKYMAP_NAMESPACES: 'shop' }).namespaces).toEqual(['shop']);
    expect(parseNamespacesSetting('a'.repeat(63)).ok).toBe(true);
  });

  it('rejects bad names with one line naming the setting', () => {
    expect(configError({ SKYMAP_NAMESPACES: 'shop,Payments' }).message).toBe(
      `SKYMAP_NAMESPACES: "Payments" is not a namespace name (lower-case letters, digits and '-', at most 63 characters)`,
    );
    expect(configError({ SKYMAP_NAMESPACES: 'shop,,payments' }).message).toMatch(
      /^SKYMAP_NAMESPACES: empty entry in "shop,,payments"/,
    );
    for (const bad of ['-shop', 'shop-', 'a'.repeat(64), 'shop/x', 'shop.x', '*', 'sh op']) {
      expect(parseNamespacesSetting(bad).ok, bad).toBe(false);
    }
    const many = Array.from({ length: MAX_INSTALL_NAMESPACES + 1 }, (_, i) => `ns-${i}`).join(',');
    expect(parseNamespacesSetting(many)).toEqual({
      ok: false,
      error: `at most ${MAX_INSTALL_NAMESPACES} namespaces; got 51`,
    });
  });

  it('keeps a hostile value short in the message', () => {
    const message = configError({ SKYMAP_NAMESPACES: `x${'A'.repeat(65_536)}` }).message;
    expect(message.length).toBeLessThan(200);
  });
});
