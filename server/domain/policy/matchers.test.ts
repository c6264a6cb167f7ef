import { describe, expect, it } from 'vitest';
import { matchesFqdn, matchesHttpRule, pathExpression } from './matchers';

describe('matchesFqdn', () => {
  it('matchName is exact, case-insensitive, trailing dot ignored', () => {
    expect(matchesFqdn({ matchName: 'api.github.com' }, 'API.github.com.')).toBe(true);
    expect(matchesFqdn({ matchName: 'api.github.com' }, 'github.com')).toBe(false);
  });

  it('matchPattern * stays within one label; ** spans labels; a lone * matches all', () => {
    const s3 = { matchPattern: '*.s3.amazonaws.com' };
    expect(matchesFqdn(s3, 'bucket.s3.amazonaws.com')).toBe(true);
    expect(matchesFqdn(s3, 'a.b.s3.amazonaws.com')).toBe(false);
    expect(matchesFqdn(s3, 's3xamazonaws.com')).toBe(false);
    expect(matchesFqdn({ matchPattern: '**.example.com' }, 'a.b.example.com')).toBe(true);
    expect(matchesFqdn({ matchPattern: '*' }, 'anything.io')).toBe(true);
    expect(matchesFqdn({}, 'anything.io')).toBe(false);
  });
});

describe('matchesHttpRule', () => {
  it('full-matches method and path expressions', () => {
    const rule = { method: 'POST', path: '/v1/request-landing' };
    expect(matchesHttpRule(rule, 'POST', '/v1/request-landing')).toBe('allowed');
    expect(matchesHttpRule(rule, 'GET', '/v1/request-landing')).toBe('not-allowed');
    expect(matchesHttpRule(rule, 'POST', '/v1/request-landing/extra')).toBe('not-allowed');
    expect(matchesHttpRule({ path: '/v1/.*' }, 'DELETE', '/v1/x')).toBe('allowed');
    expect(matchesHttpRule({}, undefined, undefined)).toBe('allowed');
  });

  it('is unknown when the request lacks the field or the expression does not compile', () => {
    expect(matchesHttpRule({ method: 'GET' }, undefined, '/')).toBe('unknown');
    expect(matchesHttpRule({ path: '(' }, 'GET', '/')).toBe('unknown');
  });
});

describe('pathExpression', () => {
  it('escapes regex characters and admits a query when one was seen', () => {
    expect(pathExpression('/v1/a.b')).toBe('/v1/a\\.b');
    expect(pathExpression('/search?q=1')).toBe('/search(\\?.*)?');
    const expression = pathExpression('/search?q=1');
    expect(matchesHttpRule({ path: expression }, 'GET', '/search?q=2')).toBe('allowed');
    expect(matchesHttpRule({ path: expression }, 'GET', '/search')).toBe('allowed');
    expect(matchesHttpRule({ path: pathExpression('/v1/a.b') }, 'GET', '/v1/aXb')).toBe('not-allowed');
  });
});
