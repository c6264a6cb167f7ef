import { describe, expect, it } from 'vitest';
import {
  clearSessionCookieHeaders,
  deriveSessionKey,
  issueSession,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieHeader,
  tokensEqual,
  verifySession,
} from './session';

const TOKEN = 'correct-horse-battery-staple-42';
const KEY = deriveSessionKey(TOKEN);
const NOW = 1_750_000_000_000;
const HOUR = 3_600_000;

describe('tokensEqual', () => {
  it('accepts only the exact token', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(`${TOKEN} `, TOKEN)).toBe(false);
    expect(tokensEqual(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokensEqual('', TOKEN)).toBe(false);
    expect(tokensEqual(`${TOKEN}x`.repeat(100), TOKEN)).toBe(false);
  });
});

describe('session cookies', () => {
  it('round-trips and never contains the token', () => {
    const { value, session } = issueSession(KEY, NOW, 12 * HOUR);
    expect(value).not.toContain(TOKEN);
    expect(value.startsWith('v1.')).toBe(true);
    expect(verifySession(KEY, value, NOW + HOUR)).toEqual(session);
    expect(session.expiresMs).toBe(Math.floor((NOW + 12 * HOUR) / 1000) * 1000);
  });

  it('issues a different id each time', () => {
    expect(issueSession(KEY, NOW, HOUR).session.id).not.toBe(issueSession(KEY, NOW, HOUR).session.id);
  });

  it('rejects expired sessions', () => {
    const { value } = issueSession(KEY, NOW, HOUR);
    expect(verifySession(KEY, value, NOW + HOUR + 1000)).toBeNull();
  });

  it('rejects a session signed with another token (token rotation ends sessions)', () => {
    const { value } = issueSession(deriveSessionKey('another-token-value-123'), NOW, HOUR);
    expect(verifySession(KEY, value, NOW)).toBeNull();
  });

  it('rejects tampered expiry, id, signature and malformed values', () => {
    const { value } = issueSession(KEY, NOW, HOUR);
    const [v, id, exp, mac] = value.split('.') as [string, string, string, string];
    expect(verifySession(KEY, `${v}.${id}.${Number(exp) + 86_400}.${mac}`, NOW)).toBeNull();
    expect(
      verifySession(KEY, `${v}.${id.replace(/^./, id[0] === 'A' ? 'B' : 'A')}.${exp}.${mac}`, NOW),
    ).toBeNull();
    expect(verifySession(KEY, `${v}.${id}.${exp}.${mac.slice(0, -2)}`, NOW)).toBeNull();
    expect(verifySession(KEY, `v2.${id}.${exp}.${mac}`, NOW)).toBeNull();
    for (const bad of [undefined, '', 'x', 'a.b.c', 'v1...', `${value}.extra`, 'v1.'.padEnd(400, 'a')]) {
      expect(verifySession(KEY, bad, NOW)).toBeNull();
    }
  });

  it('formats HttpOnly SameSite cookies, Secure and __Host- only over https', () => {
    const plain = sessionCookieHeader('abc', { secure: false, maxAgeSec: 600 });
    expect(plain).toBe(`${SESSION_COOKIE}=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=600`);
    const secure = sessionCookieHeader('abc', { secure: true, maxAgeSec: 600 });
    expect(secure.startsWith(`${SECURE_SESSION_COOKIE}=abc;`)).toBe(true);
    expect(secure).toContain('; Secure');
    expect(clearSessionCookieHeaders(true)).toHaveLength(2);
    for (const header of clearSessionCookieHeaders(true)) expect(header).toContain('Max-Age=0');
  });
});
