import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentAuthSettings } from './auth-runtime';
import { authenticate } from './authenticate';
import { handleLogin, handleLogout } from './sign-in';

const TOKEN = 'sign-in-test-token-0123456789';
const NOW = 1_750_000_000_000;

function post(path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://sky.example${path}`, {
    method: 'POST',
    body,
    headers: { host: 'sky.example', 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

function cookieFrom(response: Response): { name: string; value: string } {
  const header = response.headers.get('set-cookie') ?? '';
  const [pair] = header.split(';');
  const eq = (pair ?? '').indexOf('=');
  return { name: (pair ?? '').slice(0, eq), value: (pair ?? '').slice(eq + 1) };
}

beforeEach(() => {
  vi.stubEnv('SKYMAP_AUTH_TOKEN', TOKEN);
  vi.stubEnv('SKYMAP_HOST', '127.0.0.1');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('handleLogin', () => {
  it('redirects back with an error for a wrong or missing token', async () => {
    const wrong = await handleLogin(post('/api/auth/login', 'token=nope&next=%2Fmap'), NOW);
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe('/login?error=invalid&next=%2Fmap');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const missing = await handleLogin(post('/api/auth/login', 'token='), NOW);
    expect(missing.headers.get('location')).toBe('/login?error=missing');
  });

  it('sets an HttpOnly signed session cookie (not the token) and returns to a safe path', async () => {
    const ok = await handleLogin(post('/api/auth/login', `token=${TOKEN}&next=%2F%2Fevil.example`), NOW);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = cookieFrom(ok);
    expect(cookie.name).toBe('skymap_session');
    const result = authenticate(
      { header: () => null, cookie: (name) => (name === cookie.name ? cookie.value : undefined), peer: null },
      currentAuthSettings(),
      NOW + 1000,
    );
    expect(result.ok).toBe(true);
  });

  it('marks the cookie Secure behind https', async () => {
    const ok = await handleLogin(
      post('/api/auth/login', `token=${TOKEN}`, { 'x-forwarded-proto': 'https' }),
      NOW,
    );
    expect(ok.headers.get('set-cookie')).toMatch(/^__Host-skymap_session=.*; Secure$/);
  });

  it('answers JSON posts with JSON', async () => {
    const bad = await handleLogin(
      post('/api/auth/login', JSON.stringify({ token: 'x' }), { 'content-type': 'application/json' }),
      NOW,
    );
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'invalid token' });
    const broken = await handleLogin(
      post('/api/auth/login', '{', { 'content-type': 'application/json' }),
      NOW,
    );
    expect(broken.status).toBe(400);
    const huge = await handleLogin(post('/api/auth/login', `token=${'x'.repeat(20_000)}`), NOW);
    expect(huge.status).toBe(400);
  });

  it('refuses cross-site posts', async () => {
    const response = await handleLogin(
      post('/api/auth/login', `token=${TOKEN}`, { origin: 'https://evil.example' }),
      NOW,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('says so when token sign-in is not configured', async () => {
    vi.stubEnv('SKYMAP_AUTH_TOKEN', '');
    const response = await handleLogin(post('/api/auth/login', 'token=x'), NOW);
    expect(response.status).toBe(404);
  });
});

describe('handleLogout', () => {
  it('clears the cookie and revokes the session, so a copied cookie stops working', async () => {
    const login = await handleLogin(post('/api/auth/login', `token=${TOKEN}`), NOW);
    const cookie = cookieFrom(login);
    const check = () =>
      authenticate(
        {
          header: () => null,
          cookie: (name) => (name === cookie.name ? cookie.value : undefined),
          peer: null,
        },
        currentAuthSettings(),
        NOW + 2000,
      ).ok;
    expect(check()).toBe(true);
    const logout = handleLogout(
      post('/api/auth/logout', '', { cookie: `${cookie.name}=${cookie.value}` }),
      NOW + 1000,
    );
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/login?signed-out=1');
    expect(logout.headers.get('set-cookie')).toMatch(/^skymap_session=; .*Max-Age=0/);
    expect(check()).toBe(false);
  });
});
