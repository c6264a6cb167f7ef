// Runs before every request (Next.js 16 "proxy", formerly middleware; Node.js runtime). It sets the
// security headers and a fresh CSP nonce, and — when sign-in is configured — refuses requests without
// a valid identity: APIs and streams get 401 JSON, pages a redirect to /login. Route handlers read
// the result with requestIdentity() (server/auth/identity.ts).
import { type NextRequest, NextResponse } from 'next/server';
import { classifyPath, loginRedirectPath } from './server/auth/access';
import { currentAuthSettings } from './server/auth/auth-runtime';
import { authenticate } from './server/auth/authenticate';
import { encodeIdentityHeader, IDENTITY_HEADER } from './server/auth/identity';
import { peerAddress } from './server/auth/peer-address';
import {
  API_CSP,
  contentSecurityPolicy,
  type HeaderOptions,
  isHttpsRequest,
  newNonce,
  securityHeaders,
} from './server/auth/security-headers';
import { type AuthSettings, authEnabled } from './server/auth/settings';
import { isStandalonePath, STANDALONE_PAGE_HEADER } from './server/auth/standalone-page';

function withSecurityHeaders<R extends Response>(response: R, options: HeaderOptions, csp: string): R {
  for (const [name, value] of securityHeaders(options)) response.headers.set(name, value);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

function refuse(status: number, error: string, options: HeaderOptions, extra: Record<string, string> = {}) {
  const response = NextResponse.json(
    { error },
    { status, headers: { 'Cache-Control': 'no-store', ...extra } },
  );
  return withSecurityHeaders(response, options, API_CSP);
}

export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  const options: HeaderOptions = {
    https: isHttpsRequest(request.headers, request.url),
    dev: process.env.NODE_ENV === 'development',
  };
  const kind = classifyPath(pathname);
  if (kind === 'static') {
    const response = NextResponse.next();
    response.headers.set('X-Content-Type-Options', 'nosniff');
    return response;
  }

  let settings: AuthSettings;
  try {
    settings = currentAuthSettings();
  } catch (err) {
    // boot() exits on a bad setting; reaching this means it did not run — fail closed.
    return refuse(503, `configuration error: ${err instanceof Error ? err.message : String(err)}`, options);
  }

  const forwarded = new Headers(request.headers);
  // Only this proxy may set these headers; client-sent copies are dropped here.
  forwarded.delete(IDENTITY_HEADER);
  forwarded.delete(STANDALONE_PAGE_HEADER);
  if (isStandalonePath(pathname)) forwarded.set(STANDALONE_PAGE_HEADER, '1');
  if (authEnabled(settings)) {
    const result = authenticate(
      {
        header: (name) => request.headers.get(name),
        cookie: (name) => request.cookies.get(name)?.value,
        peer: peerAddress(request.headers),
      },
      settings,
      Date.now(),
    );
    if (result.ok) {
      forwarded.set(IDENTITY_HEADER, encodeIdentityHeader(result.user));
    } else if (kind === 'api') {
      return refuse(
        401,
        `authentication required (${result.reason}): sign in at /login or send a bearer token`,
        options,
        {
          'WWW-Authenticate': 'Bearer realm="skymap"',
        },
      );
    } else if (kind === 'page') {
      // Absolute on the server's own origin: Next.js turns a same-origin Location back into a path.
      const response = NextResponse.redirect(new URL(loginRedirectPath(pathname, search), request.url), 307);
      response.headers.set('Cache-Control', 'no-store');
      return withSecurityHeaders(response, options, API_CSP);
    }
    if (settings.proxy !== undefined && (!result.ok || result.user.method !== 'proxy')) {
      // An untrusted copy of the proxy's headers must not reach pages that might display it.
      forwarded.delete(settings.proxy.userHeader);
      if (settings.proxy.groupsHeader) forwarded.delete(settings.proxy.groupsHeader);
    }
  }

  if (kind === 'api') {
    return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }), options, API_CSP);
  }
  const csp = contentSecurityPolicy(newNonce(), options);
  // Next.js reads the nonce from the request's CSP header and puts it on every script it renders.
  forwarded.set('Content-Security-Policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }), options, csp);
}
