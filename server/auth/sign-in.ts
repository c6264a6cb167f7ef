// The sign-in endpoints' logic (route files in app/api/auth only call these). A form post gets a
// 303 redirect (works without JavaScript); a JSON post gets JSON.
import { isCrossSitePost, safeNextPath } from './access';
import { currentAuthSettings } from './auth-runtime';
import { sessionKeyFor } from './authenticate';
import { requestIdentity } from './identity';
import { revokeSession } from './process-state';
import { isHttpsRequest } from './security-headers';
import {
  clearSessionCookieHeaders,
  issueSession,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieHeader,
  tokensEqual,
  verifySession,
} from './session';
import type { AuthSettings } from './settings';

const MAX_BODY = 8 * 1024;
// Slows guessing a little; the real defence is the 16+ character token.
const FAILURE_DELAY_MS = 300;

interface LoginForm {
  readonly token: string;
  readonly next: string;
  readonly json: boolean;
}

/** The body as text, or null past `limit` bytes (read no further than that). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit || request.body === null) return declared > limit ? null : '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readForm(request: Request): Promise<LoginForm | null> {
  const type = request.headers.get('content-type') ?? '';
  const text = await readLimited(request, MAX_BODY);
  if (text === null) return null;
  if (type.includes('application/json')) {
    try {
      const body = JSON.parse(text) as { token?: unknown; next?: unknown };
      return {
        token: typeof body.token === 'string' ? body.token : '',
        next: safeNextPath(typeof body.next === 'string' ? body.next : '/'),
        json: true,
      };
    } catch {
      return null;
    }
  }
  const params = new URLSearchParams(text);
  return { token: params.get('token') ?? '', next: safeNextPath(params.get('next')), json: false };
}

function redirect(location: string, cookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

function loginError(code: string, next: string): string {
  const params = new URLSearchParams({ error: code });
  if (next !== '/') params.set('next', next);
  return `/login?${params.toString()}`;
}

function settingsOrNull(): AuthSettings | null {
  try {
    return currentAuthSettings();
  } catch {
    return null;
  }
}

export async function handleLogin(request: Request, nowMs: number): Promise<Response> {
  const settings = settingsOrNull();
  const host = request.headers.get('host');
  if (isCrossSitePost(request.headers, host)) {
    return Response.json({ error: 'cross-site sign-in refused' }, { status: 403 });
  }
  if (settings?.token === undefined) {
    return Response.json({ error: 'token sign-in is not configured (SKYMAP_AUTH_TOKEN)' }, { status: 404 });
  }
  const form = await readForm(request);
  if (form === null)
    return Response.json({ error: 'expected a form or JSON body with "token"' }, { status: 400 });
  if (form.token === '' || !tokensEqual(form.token.trim(), settings.token)) {
    await new Promise((resolve) => setTimeout(resolve, FAILURE_DELAY_MS));
    if (form.json) return Response.json({ error: 'invalid token' }, { status: 401 });
    return redirect(loginError(form.token === '' ? 'missing' : 'invalid', form.next));
  }
  const secure = isHttpsRequest(request.headers, request.url);
  const { value } = issueSession(sessionKeyFor(settings.token), nowMs, settings.sessionTtlMs);
  const cookie = sessionCookieHeader(value, { secure, maxAgeSec: Math.floor(settings.sessionTtlMs / 1000) });
  if (form.json) {
    return Response.json(
      { ok: true, next: form.next },
      { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } },
    );
  }
  return redirect(form.next, [cookie]);
}

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (header === null) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function handleLogout(request: Request, nowMs: number): Response {
  if (isCrossSitePost(request.headers, request.headers.get('host'))) {
    return Response.json({ error: 'cross-site sign-out refused' }, { status: 403 });
  }
  const settings = settingsOrNull();
  if (settings?.token !== undefined) {
    const value = cookieValue(request, SECURE_SESSION_COOKIE) ?? cookieValue(request, SESSION_COOKIE);
    const session = verifySession(sessionKeyFor(settings.token), value, nowMs);
    // A copied cookie must stop working too, not just the browser's copy.
    if (session !== null) revokeSession(session.id, session.expiresMs, nowMs);
  }
  const secure = isHttpsRequest(request.headers, request.url);
  return redirect('/login?signed-out=1', clearSessionCookieHeaders(secure));
}

export interface SessionInfo {
  readonly authEnabled: boolean;
  readonly method: 'token' | 'proxy' | 'none';
  readonly user: string | null;
  readonly groups: readonly string[];
  readonly namespaces: 'all' | readonly string[];
  /** True when signing out here ends the session (token sessions). */
  readonly canSignOut: boolean;
}

export function sessionInfo(request: Request): SessionInfo {
  const identity = requestIdentity(request);
  return {
    authEnabled: identity.method !== 'none' || !identity.authenticated,
    method: identity.method,
    user: identity.user,
    groups: identity.groups,
    namespaces: identity.namespaces,
    canSignOut: identity.method === 'token' && request.headers.get('authorization') === null,
  };
}
