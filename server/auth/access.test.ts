import { describe, expect, it } from 'vitest';
import { classifyPath, isCrossSitePost, loginRedirectPath, safeNextPath } from './access';

describe('classifyPath', () => {
  it('keeps probes and sign-in open and everything else behind sign-in', () => {
    expect(classifyPath('/healthz')).toBe('public');
    expect(classifyPath('/readyz')).toBe('public');
    expect(classifyPath('/login')).toBe('public');
    expect(classifyPath('/api/auth/login')).toBe('public');
    expect(classifyPath('/_next/static/chunks/app.js')).toBe('static');
    expect(classifyPath('/api/status')).toBe('api');
    expect(classifyPath('/api/stream/flows')).toBe('api');
    expect(classifyPath('/api/auth/session')).toBe('api');
    expect(classifyPath('/metrics')).toBe('api');
    expect(classifyPath('/')).toBe('page');
    expect(classifyPath('/map')).toBe('page');
    expect(classifyPath('/healthz/extra')).toBe('page');
    expect(classifyPath('/API/status')).toBe('page');
    expect(classifyPath('/_next/image')).toBe('page');
  });
});

describe('safeNextPath', () => {
  it('keeps same-origin paths and rejects open redirects', () => {
    expect(safeNextPath('/map?window=5m')).toBe('/map?window=5m');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/a\nb',
      '',
      null,
      undefined,
      '/login?next=/x',
      '/api/status',
    ]) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });

  it('builds the login redirect', () => {
    expect(loginRedirectPath('/', '')).toBe('/login');
    expect(loginRedirectPath('/map', '?window=5m')).toBe('/login?next=%2Fmap%3Fwindow%3D5m');
  });
});

describe('isCrossSitePost', () => {
  const h = (headers: Record<string, string>) => new Headers(headers);
  it('allows same-origin and header-less posts, refuses cross-site ones', () => {
    expect(isCrossSitePost(h({ origin: 'http://sky.example:3000' }), 'sky.example:3000')).toBe(false);
    expect(isCrossSitePost(h({ 'sec-fetch-site': 'same-origin' }), 'sky.example')).toBe(false);
    expect(isCrossSitePost(h({}), 'sky.example')).toBe(false);
    expect(isCrossSitePost(h({ origin: 'https://evil.example' }), 'sky.example')).toBe(true);
    expect(isCrossSitePost(h({ origin: 'null' }), 'sky.example')).toBe(true);
    expect(isCrossSitePost(h({ 'sec-fetch-site': 'cross-site' }), 'sky.example')).toBe(true);
    expect(isCrossSitePost(h({ 'sec-fetch-site': 'same-site' }), 'sky.example')).toBe(true);
  });
});
