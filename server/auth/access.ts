// Which requests need a signed-in user, and how a refusal looks. Public paths are an explicit list;
// anything else (including paths that do not exist) needs sign-in, so a new page or route is
// protected without touching this file.

/** C0 controls and DEL: never part of a path, user or group name. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export type PathClass = 'static' | 'public' | 'api' | 'page';

/** Kubelet probes and the sign-in flow itself. */
const PUBLIC = new Set(['/healthz', '/readyz', '/login', '/api/auth/login', '/api/auth/logout']);

export function classifyPath(pathname: string): PathClass {
  // Build output (hashed JS/CSS/fonts, no data) is needed to draw the login page.
  if (pathname.startsWith('/_next/static/') || pathname === '/favicon.ico') return 'static';
  if (PUBLIC.has(pathname)) return 'public';
  if (pathname.startsWith('/api/') || pathname === '/api' || pathname === '/metrics') return 'api';
  return 'page';
}

/** A same-origin path to return to after sign-in; anything else becomes `/`. */
export function safeNextPath(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '' || value.length > 2048) return '/';
  // Reject scheme-relative (`//evil`), backslash tricks (`/\evil`) and absolute URLs.
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (hasControlCharacter(value)) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/api/')) return '/';
  return value;
}

export function loginRedirectPath(pathname: string, search: string): string {
  const next = safeNextPath(`${pathname}${search}`);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Cross-site form posts to the sign-in endpoints are refused (login CSRF, forced logout). */
export function isCrossSitePost(headers: { get(name: string): string | null }, host: string | null): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null' || host === null) return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
