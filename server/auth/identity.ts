// Who is asking. The proxy authenticates each request and hands the result to pages and route
// handlers in a header signed with a per-process key (a client-sent copy is replaced, and a forged
// one fails the signature). requestIdentity() reads it and adds the namespaces from the scopes file.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { currentAuthSettings } from './auth-runtime';
import { processState } from './process-state';
import type { NamespaceScope } from './scopes';
import { namespacesFor } from './scopes';
import { cachedScopes } from './scopes-file';
import { authEnabled } from './settings';

export const IDENTITY_HEADER = 'x-skymap-identity';

export type AuthMethod = 'token' | 'proxy';

export interface AuthenticatedUser {
  readonly method: AuthMethod;
  /** Proxy: the header value. Token: `token` (a shared token names no person). */
  readonly user: string;
  readonly groups: readonly string[];
}

export interface Identity {
  /** False only when sign-in is required and this request carries no valid identity. */
  readonly authenticated: boolean;
  /** `none` when sign-in is off (loopback only). */
  readonly method: AuthMethod | 'none';
  readonly user: string | null;
  readonly groups: readonly string[];
  readonly namespaces: NamespaceScope;
}

const MAX_HEADER = 16 * 1024;

function sign(payload: string): string {
  return createHmac('sha256', processState().identityKey).update(payload).digest('base64url');
}

export function encodeIdentityHeader(user: AuthenticatedUser): string {
  const payload = Buffer.from(JSON.stringify({ m: user.method, u: user.user, g: user.groups })).toString(
    'base64url',
  );
  return `${payload}.${sign(payload)}`;
}

export function decodeIdentityHeader(value: string | null): AuthenticatedUser | null {
  if (value === null || value.length > MAX_HEADER) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      m?: unknown;
      u?: unknown;
      g?: unknown;
    };
    if ((body.m !== 'token' && body.m !== 'proxy') || typeof body.u !== 'string') return null;
    const groups = Array.isArray(body.g) ? body.g.filter((g): g is string => typeof g === 'string') : [];
    return { method: body.m, user: body.u, groups };
  } catch {
    return null;
  }
}

interface HeaderSource {
  readonly headers: { get(name: string): string | null };
}

const NOBODY: Identity = { authenticated: false, method: 'none', user: null, groups: [], namespaces: [] };
const OPEN: Identity = { authenticated: true, method: 'none', user: null, groups: [], namespaces: 'all' };

/**
 * For route handlers and server components: `requestIdentity(request)` or
 * `requestIdentity({ headers: await headers() })`. Never throws; when sign-in is required and the
 * identity is missing or forged the result is unauthenticated with no namespaces.
 */
export function requestIdentity(request: HeaderSource): Identity {
  let enabled: boolean;
  let scopesFile: string | undefined;
  try {
    const settings = currentAuthSettings();
    enabled = authEnabled(settings);
    scopesFile = settings.scopesFile;
  } catch {
    return NOBODY;
  }
  if (!enabled) return OPEN;
  const user = decodeIdentityHeader(request.headers.get(IDENTITY_HEADER));
  if (user === null) return NOBODY;
  let namespaces: NamespaceScope = 'all';
  if (scopesFile !== undefined) {
    try {
      namespaces = namespacesFor(cachedScopes(scopesFile), user.user, user.groups);
    } catch {
      namespaces = [];
    }
  }
  return { authenticated: true, method: user.method, user: user.user, groups: user.groups, namespaces };
}
