import { describe, expect, it } from 'vitest';
import { canonicalCidr, canonicalIp, compileIpMatcher } from './ip';
import { parseLabelSelector, selectorMatches } from './label-selector';
import { compileFqdnPatterns, compileNodeNamePatterns, compileRe2, requestUriPath } from './patterns';
import { compareTimes, compileTimeBounds, parseTimeBound } from './time-bounds';

describe('ip', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['FE80:0000:0000:0000:0202:B3FF:FE1E:8329', 'fe80::202:b3ff:fe1e:8329'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::192.0.2.1', '::c000:201'],
  ])('canonical %s → %s', (input, out) => {
    expect(canonicalIp(input)).toBe(out);
  });

  it.each([
    '010.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    ':::',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    'fe80::1%eth0',
    '12345::',
    '1:2:3:4:5:6:7::8',
    '',
  ])('rejects %s', (input) => {
    expect(canonicalIp(input)).toBeNull();
  });

  it('canonicalises CIDRs like Go ParseCIDR (host bits cleared)', () => {
    expect(canonicalCidr('10.1.2.3/8')).toBe('10.0.0.0/8');
    expect(canonicalCidr('2001:DB8::1/32')).toBe('2001:db8::/32');
    expect(canonicalCidr('::ffff:10.1.2.3/120')).toBe('::ffff:a01:200/120');
    expect(canonicalCidr('10.0.0.0/33')).toBeNull();
    expect(canonicalCidr('10.0.0.0/08')).toBeNull();
    expect(canonicalCidr('::/129')).toBeNull();
  });

  it('matches exact strings and CIDRs, mapped addresses as IPv4', () => {
    const m = compileIpMatcher(['10.0.0.0/8', 'fd00::/16', '192.168.1.1', '0.0.0.0/0']);
    if ('error' in m) throw new Error(m.error);
    expect(m.match('10.200.3.4')).toBe(true);
    expect(m.match('::ffff:11.0.0.1')).toBe(true);
    expect(m.match('fd00:1::5')).toBe(true);
    expect(m.match('fe80::1')).toBe(false);
    expect(m.match(undefined)).toBe(false);
    expect(m.match('garbage')).toBe(false);
    const v6only = compileIpMatcher(['2001:db8::/33']);
    if ('error' in v6only) throw new Error(v6only.error);
    expect(v6only.match('2001:db8:7fff::1')).toBe(true);
    expect(v6only.match('2001:db8:8000::1')).toBe(false);
    expect(compileIpMatcher(['nope'])).toEqual({ error: 'invalid IP address "nope"' });
  });
});

describe('label selectors', () => {
  const labels = [
    'k8s:app=web',
    'k8s:io.kubernetes.pod.namespace=shop',
    'reserved:host',
    'container:app=side',
    'k8s:n=7',
    'plain',
  ];
  const sel = (text: string) => {
    const r = parseLabelSelector(text);
    if ('error' in r) throw new Error(r.error);
    return r.selector;
  };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=side', false],
    ['container:app=side', true],
    ['k8s:app', true],
    ['any:app=web', true],
    ['io.kubernetes.pod.namespace=shop', true],
    ['k8s:io.kubernetes.pod.namespace in (shop, other)', true],
    ['k8s:io.kubernetes.pod.namespace notin (shop)', false],
    ['reserved:host', true],
    ['reserved:world', false],
    ['!reserved:world', true],
    ['app!=db', true],
    ['missing!=x', true],
    ['n>6', true],
    ['n<7', false],
    ['app>1', false],
    ['unspec:plain', true],
    ['side', false],
    ['app in (side)', false],
    ['app=web, !reserved:world, n', true],
    ['app=web,reserved:world', false],
  ])('%s → %s', (text, expected) => {
    expect(selectorMatches(sel(text), labels)).toBe(expected);
  });

  it.each([
    '',
    ',',
    'app=web,',
    'app in (a',
    'app in',
    '!',
    'app=a=b',
    'a b',
    'app=(',
    'x>y',
    'app constructor x',
    `${'k'.repeat(64)}=v`,
  ])('rejects %j', (text) => {
    expect(parseLabelSelector(text)).toHaveProperty('error');
  });
});

describe('patterns', () => {
  it('compiles FQDN wildcards like Hubble', () => {
    const r = compileFqdnPatterns(['*.Example.com.', 'api.*.io']);
    if ('error' in r) throw new Error(r.error);
    expect(r.regex.test('www.example.com')).toBe(true);
    expect(r.regex.test('a.b.example.com')).toBe(true);
    expect(r.regex.test('example.com')).toBe(false);
    expect(r.regex.test('api.x.io')).toBe(true);
    expect(r.regex.test('WWW.example.com')).toBe(false);
    expect(compileFqdnPatterns(['a..'])).toHaveProperty('error');
  });

  it('matches node names with and without cluster', () => {
    expect(compileNodeNamePatterns(['k8s*', '*/edge-?'])).toHaveProperty('error');
    const ok = compileNodeNamePatterns(['k8s*', 'prod/']);
    if ('error' in ok) throw new Error(ok.error);
    expect(ok.match('k8s-worker')).toBe(true);
    expect(ok.match('c1/k8s-worker')).toBe(true);
    expect(ok.match('prod/anything.local')).toBe(true);
    expect(ok.match('anything')).toBe(false);
    expect(ok.match('')).toBe(false);
  });

  it('accepts the RE2 subset that means the same in JS', () => {
    const t = (re: string, s: string) => {
      const r = compileRe2(re);
      if ('error' in r) throw new Error(r.error);
      return r.regex.test(s);
    };
    expect(t('(?i)^/API', '/api/x')).toBe(true);
    expect(t('(?P<v>v[0-9])\\z', 'api/v2')).toBe(true);
    expect(t('\\Aab', 'xab')).toBe(false);
    expect(t('(ab)?c{2,}', 'cc')).toBe(true);
    expect(t('[a\\]]+', ']')).toBe(true);
    expect(t('(a|b)c', 'bc')).toBe(true);
    for (const bad of [
      '(a*)*',
      '(a|b)+',
      '(?<=a)b',
      '(?!a)',
      'a\\Qb',
      '\\p{L}',
      '(?U)a',
      '[]a]',
      '(a',
      'a)',
      '(?m)\\z',
    ]) {
      expect(compileRe2(bad), bad).toHaveProperty('error');
    }
  });

  it.each([
    ['/api/v1?x=1', '/api/v1'],
    ['http://host:8080/a%20b/c?q', '/a b/c'],
    ['http://host', ''],
    ['mailto:x@y', ''],
    ['*', '*'],
    ['relative/path', null],
    ['http://host:port/x', null],
    ['/bad%zz', null],
    ['//host/x', '//host/x'],
    ['', null],
  ])('request path of %j is %j', (url, path) => {
    expect(requestUriPath(url)).toBe(path);
  });
});

describe('time bounds', () => {
  const now = Date.UTC(2024, 0, 1, 0, 0, 0);
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01t10:00:00.1z', '2024-05-01T10:00:00.100Z'],
    ['2024-05-01T10:00:00.000000001Z', '2024-05-01T10:00:00.000000001Z'],
    ['2024-05-01T00:30:00-01:30', '2024-05-01T02:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024-05-01T10:00', '2024-05-01T10:00:00.000Z'],
    ['90s', '2023-12-31T23:58:30.000Z'],
    ['1.5h', '2023-12-31T22:30:00.000Z'],
    ['1h1m1s1ms', '2023-12-31T22:58:58.999Z'],
  ])('%s → %s', (input, out) => {
    expect(parseTimeBound(input, now)).toEqual({ value: out });
  });

  it.each(['5 minutes', '-5m', '2024-13-01', '2024-05-01T24:00:00Z', '2024-05-01T10:00:00+25:00', 'h'])(
    'rejects %s',
    (input) => {
      expect(parseTimeBound(input, now)).toHaveProperty('error');
    },
  );

  it('compares and bounds at nanosecond precision, inclusively', () => {
    expect(compareTimes('2024-05-01T10:00:00.000000002Z', '2024-05-01T10:00:00.000000001Z')).toBeGreaterThan(
      0,
    );
    expect(compareTimes('2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z')).toBe(0);
    const inside = compileTimeBounds('2024-05-01T10:00:00.000000002Z', '2024-05-01T10:00:00.5Z');
    if (inside === null) throw new Error('expected a predicate');
    expect(inside('2024-05-01T10:00:00.000000001Z')).toBe(false);
    expect(inside('2024-05-01T10:00:00.000000002Z')).toBe(true);
    expect(inside('2024-05-01T10:00:00.5Z')).toBe(true);
    expect(inside('2024-05-01T10:00:00.500000001Z')).toBe(false);
    expect(inside(undefined)).toBe(false);
    expect(compileTimeBounds(undefined, undefined)).toBeNull();
  });
});
