import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isHttpsRequest, newNonce, securityHeaders } from './security-headers';

function directive(csp: string, name: string): string {
  return (
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? ''
  );
}

describe('contentSecurityPolicy', () => {
  it('allows scripts only from self and the nonce, without unsafe-inline or unsafe-eval', () => {
    const csp = contentSecurityPolicy('abc123==', { https: false, dev: false });
    const scripts = directive(csp, 'script-src');
    expect(scripts).toBe("script-src 'self' 'nonce-abc123=='");
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'worker-src')).toBe("worker-src 'self' blob:");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('adds eval only for next dev and upgrades requests only over https', () => {
    expect(directive(contentSecurityPolicy('n', { https: false, dev: true }), 'script-src')).toContain(
      "'unsafe-eval'",
    );
    expect(contentSecurityPolicy('n', { https: true, dev: false })).toContain('upgrade-insecure-requests');
  });

  it('makes a fresh nonce each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe('securityHeaders', () => {
  it('sends the usual headers and HSTS only over https', () => {
    const plain = new Map(securityHeaders({ https: false, dev: false }));
    expect(plain.get('X-Content-Type-Options')).toBe('nosniff');
    expect(plain.get('X-Frame-Options')).toBe('DENY');
    expect(plain.get('Referrer-Policy')).toBe('same-origin');
    expect(plain.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(plain.get('Permissions-Policy')).toContain('camera=()');
    expect(plain.has('Strict-Transport-Security')).toBe(false);
    expect(new Map(securityHeaders({ https: true, dev: false })).get('Strict-Transport-Security')).toMatch(
      /max-age=/,
    );
  });

  it('detects https from the forwarded scheme or the URL', () => {
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'https' }), 'http://localhost/')).toBe(true);
    expect(isHttpsRequest(new Headers({ 'x-forwarded-proto': 'http' }), 'https://x/')).toBe(false);
    expect(isHttpsRequest(new Headers(), 'https://x/')).toBe(true);
  });
});
