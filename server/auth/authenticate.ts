// One decision per request: who it is, from (in order) a trusted reverse proxy's user header, an
// `Authorization: Bearer` token (scripts, Prometheus), or a signed session cookie (browsers).
import { hasControlCharacter } from './access';
import type { AuthenticatedUser } from './identity';
import { isSessionRevoked } from './process-state';
import {
  deriveSessionKey,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  tokensEqual,
  verifySession,
} from './session';
import type { AuthSettings } from './settings';
import { isTrustedPeer } from './trusted-addresses';

export interface AuthInput {
  header(name: string): string | null;
  cookie(name: string): string | undefined;
  /** Socket peer address, null when unknown (then the proxy header is never trusted). */
  readonly peer: string | null;
}

export type AuthResult =
  | { readonly ok: true; readonly user: AuthenticatedUser; readonly sessionId?: string }
  | { readonly ok: false; readonly reason: string };

const MAX_USER = 256;
const MAX_GROUPS = 100;

const keyCache = new Map<string, Buffer>();

export function sessionKeyFor(token: string): Buffer {
  let key = keyCache.get(token);
  if (key === undefined) {
    keyCache.clear();
    key = deriveSessionKey(token);
    keyCache.set(token, key);
  }
  return key;
}

export function parseGroups(value: string | null): string[] {
  if (value === null) return [];
  const out: string[] = [];
  for (const part of value.split(',')) {
    const group = part.trim();
    if (group === '' || group.length > MAX_USER || hasControlCharacter(group)) continue;
    out.push(group);
    if (out.length >= MAX_GROUPS) break;
  }
  return out;
}

function bearer(value: string | null): string | undefined {
  if (value === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

export function authenticate(input: AuthInput, settings: AuthSettings, nowMs: number): AuthResult {
  let reason = 'not signed in';
  const proxy = settings.proxy;
  if (proxy !== undefined) {
    const user = input.header(proxy.userHeader)?.trim();
    if (user !== undefined && user !== '') {
      if (!isTrustedPeer(proxy.trusted, input.peer)) {
        reason = `${proxy.userHeader} ignored: request did not come from SKYMAP_AUTH_PROXY_ADDRESSES`;
      } else if (user.length > MAX_USER || hasControlCharacter(user)) {
        reason = `${proxy.userHeader} is not a valid user name`;
      } else {
        const groups = proxy.groupsHeader ? parseGroups(input.header(proxy.groupsHeader)) : [];
        return { ok: true, user: { method: 'proxy', user, groups } };
      }
    }
  }
  const token = settings.token;
  if (token !== undefined) {
    const presented = bearer(input.header('authorization'));
    if (presented !== undefined) {
      if (tokensEqual(presented, token))
        return { ok: true, user: { method: 'token', user: 'token', groups: [] } };
      return { ok: false, reason: 'invalid bearer token' };
    }
    const cookie = input.cookie(SECURE_SESSION_COOKIE) ?? input.cookie(SESSION_COOKIE);
    if (cookie !== undefined) {
      const session = verifySession(sessionKeyFor(token), cookie, nowMs);
      if (session !== null && !isSessionRevoked(session.id)) {
        return { ok: true, user: { method: 'token', user: 'token', groups: [] }, sessionId: session.id };
      }
      reason = 'session expired or invalid';
    }
  }
  return { ok: false, reason };
}
