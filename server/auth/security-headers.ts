// Response security headers. Scripts are allowed only from this origin and, for inline scripts Next.js
// writes (hydration data), by a per-request nonce: no 'unsafe-inline', no 'unsafe-eval' (except in
// `next dev`, which needs eval for its error overlay). Styles allow inline attributes because
// recharts and d3 set `style=` on SVG elements; that cannot run code.

export interface HeaderOptions {
  readonly https: boolean;
  readonly dev: boolean;
}

export function contentSecurityPolicy(nonce: string, options: HeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** For JSON, event streams and other non-documents: nothing may load from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(options: HeaderOptions): [string, string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    // `same-origin` (not `no-referrer`): browsers then still send a real Origin on our own form posts.
    ['Referrer-Policy', 'same-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
  ];
  if (options.https) headers.push(['Strict-Transport-Security', 'max-age=31536000']);
  return headers;
}

/** Base64 of 16 random bytes, from Web Crypto (available in the proxy and in Node). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** Behind a TLS-terminating proxy the original scheme is in X-Forwarded-Proto. */
export function isHttpsRequest(headers: { get(name: string): string | null }, url: string): boolean {
  const forwarded = headers.get('x-forwarded-proto');
  if (forwarded !== null) return forwarded.split(',')[0]?.trim().toLowerCase() === 'https';
  return url.startsWith('https:');
}
