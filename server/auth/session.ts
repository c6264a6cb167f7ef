// Browser sessions for token sign-in. The cookie holds `v1.<id>.<expiry>.<mac>`: a random id and an
// expiry signed with a key derived from the token, never the token itself. Changing the token
// therefore ends every session; sessions survive restarts and work across replicas that share it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'skymap_session';
/** Over https the `__Host-` prefix pins the cookie to this host, path / and Secure. */
export const SECURE_SESSION_COOKIE = '__Host-skymap_session';

export interface Session {
  readonly id: string;
  readonly expiresMs: number;
}

const VERSION = 'v1';
const MAX_COOKIE_LENGTH = 256;

/** Hashing both sides first makes the comparison constant-time regardless of lengths. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export function deriveSessionKey(token: string): Buffer {
  return createHmac('sha256', token).update('skymap session signing key v1').digest();
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function issueSession(key: Buffer, nowMs: number, ttlMs: number): { value: string; session: Session } {
  const id = randomBytes(18).toString('base64url');
  const expiresSec = Math.floor((nowMs + ttlMs) / 1000);
  const payload = `${VERSION}.${id}.${expiresSec}`;
  return { value: `${payload}.${mac(key, payload)}`, session: { id, expiresMs: expiresSec * 1000 } };
}

/** The session if the cookie is well formed, correctly signed and not expired; otherwise null. */
export function verifySession(key: Buffer, value: string | undefined, nowMs: number): Session | null {
  if (value === undefined || value.length > MAX_COOKIE_LENGTH) return null;
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  const [version, id, expiresText, signature] = parts as [string, string, string, string];
  if (version !== VERSION || !/^[A-Za-z0-9_-]{16,64}$/.test(id) || !/^\d{1,12}$/.test(expiresText))
    return null;
  const expected = Buffer.from(mac(key, `${version}.${id}.${expiresText}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresMs = Number(expiresText) * 1000;
  if (expiresMs <= nowMs) return null;
  return { id, expiresMs };
}

export interface CookieOptions {
  readonly secure: boolean;
  readonly maxAgeSec: number;
}

/** A Set-Cookie value; HttpOnly keeps it away from page scripts, SameSite=Lax from cross-site posts. */
export function sessionCookieHeader(value: string, options: CookieOptions): string {
  const name = options.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${options.maxAgeSec}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Set-Cookie values that delete both cookie names. */
export function clearSessionCookieHeaders(secure: boolean): string[] {
  const plain = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  return secure
    ? [plain, `${SECURE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure`]
    : [plain];
}
