// Sign-in, security headers and CSP against a Skymap started by this spec with SKYMAP_AUTH_TOKEN (the
// shared Playwright server runs without authentication, so this spec spawns its own on free ports).
import { type ChildProcess, spawn } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import { freePort } from '../server/test-support/free-port';

const TOKEN = 'e2e-security-token-4f7c1a9b2d';

interface Skymap {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
}

function launch(env: Record<string, string>, port: number): { child: ChildProcess; output(): string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv)) {
    if (key.startsWith('SKYMAP_AUTH_') || key === 'SKYMAP_SCOPES_FILE') delete childEnv[key];
  }
  Object.assign(childEnv, {
    PORT: String(port),
    SKYMAP_HOST: '127.0.0.1',
    SKYMAP_DEMO_FLOW_RATE: '300',
    SKYMAP_TICK_MS: '500',
    ...env,
  });
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { child, output: () => text };
}

async function startSkymap(env: Record<string, string>): Promise<Skymap> {
  const port = await freePort();
  const { child, output } = launch(env, port);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`skymap exited early:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, child, output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`skymap did not become healthy:\n${output()}`);
}

async function stop(skymap: Skymap | undefined): Promise<void> {
  if (!skymap || skymap.child.exitCode !== null) return;
  const exited = new Promise((resolve) => skymap.child.once('exit', resolve));
  skymap.child.kill('SIGTERM');
  await exited;
}

function scriptSrc(csp: string): string {
  return (
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src ')) ?? ''
  );
}

async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (load|execute|create|apply|connect)/i.test(text))
      fromConsole.push(text);
  });
  await page.addInitScript(() => {
    const store = window as unknown as { __cspViolations?: string[] };
    store.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      store.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return async () => {
    const fromEvents = await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    );
    return [...fromConsole, ...fromEvents];
  };
}

async function signIn(page: Page, url: string, path = '/'): Promise<void> {
  await page.goto(`${url}${path}`);
  await expect(page).toHaveURL(/\/login/);
  await page.getByTestId('login-token').fill(TOKEN);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
}

test.describe('with SKYMAP_AUTH_TOKEN', () => {
  test.describe.configure({ mode: 'serial' });
  let skymap: Skymap | undefined;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    skymap = await startSkymap({ SKYMAP_AUTH_TOKEN: TOKEN });
  });
  test.afterAll(async () => {
    await stop(skymap);
  });
  const base = () => skymap?.url ?? '';

  test('an unauthenticated page redirects to the sign-in page', async ({ page }) => {
    const apiCalls: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) apiCalls.push(response.url());
    });
    await page.goto(`${base()}/map?window=5m`);
    await expect(page).toHaveURL(`${base()}/login?next=%2Fmap%3Fwindow%3D5m`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Access token')).toBeVisible();
    // The sign-in page stands alone: no app shell polling APIs it may not use yet.
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    expect(apiCalls).toEqual([]);
  });

  test('APIs and event streams answer 401 with a JSON error; probes stay open', async ({ request }) => {
    for (const path of ['/api/status', '/api/map', '/api/auth/session', '/metrics']) {
      const response = await request.get(`${base()}${path}`);
      expect(response.status(), path).toBe(401);
      expect((await response.json()).error, path).toMatch(/authentication required/);
    }
    const stream = await request.get(`${base()}/api/stream/flows`, {
      headers: { Accept: 'text/event-stream' },
    });
    expect(stream.status()).toBe(401);
    expect(stream.headers()['content-type']).toContain('application/json');
    expect((await request.get(`${base()}/healthz`)).status()).toBe(200);
    const ready = await request.get(`${base()}/readyz`);
    expect(ready.status()).not.toBe(401);
  });

  test('a bearer token opens the API; a forged identity header does not', async ({ request }) => {
    const ok = await request.get(`${base()}/api/status`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(ok.status()).toBe(200);
    const wrong = await request.get(`${base()}/api/status`, {
      headers: { Authorization: 'Bearer not-the-token' },
    });
    expect(wrong.status()).toBe(401);
    const forged = await request.get(`${base()}/api/status`, {
      headers: { 'x-skymap-identity': 'eyJtIjoidG9rZW4iLCJ1IjoidG9rZW4iLCJnIjpbXX0.AAAA' },
    });
    expect(forged.status()).toBe(401);
  });

  test('a wrong token shows an error message', async ({ page }) => {
    await page.goto(`${base()}/login`);
    await page.getByTestId('login-token').fill('definitely-not-the-token');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toHaveText(/That token is not valid/);
    await expect(page).toHaveURL(/\/login\?error=invalid/);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('skymap_session');
  });

  test('the right token opens the overview; the cookie is HttpOnly and holds no token', async ({ page }) => {
    const violations = await watchCsp(page);
    await signIn(page, base(), '/');
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await expect(page.getByTestId('stream-state')).toHaveText('live');
    await expect(page.getByTestId('session-menu')).toContainText('Signed in with token');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'skymap_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.value).not.toContain(TOKEN);
    expect(await violations()).toEqual([]);
  });

  test('the service map and its layout worker run under the CSP without violations', async ({ page }) => {
    const violations = await watchCsp(page);
    await signIn(page, base(), '/map');
    await expect(page).toHaveURL(`${base()}/map`);
    await expect(page.getByTestId('map-state')).toHaveText('live');
    // Cards are only placed once the layout Web Worker has answered.
    await expect(page.locator('[data-node-id="shop/frontend"]')).toBeVisible();
    expect(await page.getByTestId('map-edge').count()).toBeGreaterThan(5);
    await expect(page.getByTestId('map-charts')).toBeVisible();
    await page.goto(`${base()}/`);
    await expect(page.getByTestId('stream-state')).toHaveText('live');
    expect(await violations()).toEqual([]);
  });

  test('pages carry a per-request nonce CSP without unsafe-inline or unsafe-eval for scripts', async ({
    request,
  }) => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const first = await request.get(`${base()}/`, { headers: auth });
    const second = await request.get(`${base()}/map`, { headers: auth });
    const headers = first.headers();
    const csp = headers['content-security-policy'] ?? '';
    const scripts = scriptSrc(csp);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scripts)?.[1];
    expect(nonce).toBeTruthy();
    expect(scripts).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expect(scriptSrc(second.headers()['content-security-policy'] ?? '')).not.toBe(scripts);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, base(), '/');
    await expect(page.getByTestId('sign-out')).toBeVisible();
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/login\?signed-out=1/);
    await expect(page.getByTestId('login-notice')).toHaveText('You are signed out.');
    await page.goto(`${base()}/flows`);
    await expect(page).toHaveURL(/\/login\?next=%2Fflows/);
  });
});

test.describe('reverse-proxy header', () => {
  test.describe.configure({ mode: 'serial' });
  let trusted: Skymap | undefined;
  let untrusted: Skymap | undefined;
  const proxy = {
    SKYMAP_AUTH_PROXY_HEADER: 'X-Forwarded-User',
    SKYMAP_AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
  };

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    // The test runner connects from 127.0.0.1: trusted in one server, not in the other.
    trusted = await startSkymap({ ...proxy, SKYMAP_AUTH_PROXY_ADDRESSES: '127.0.0.1/32' });
    untrusted = await startSkymap({ ...proxy, SKYMAP_AUTH_PROXY_ADDRESSES: '192.0.2.0/24' });
  });
  test.afterAll(async () => {
    await stop(trusted);
    await stop(untrusted);
  });

  test('is honoured from a configured proxy address', async ({ request }) => {
    const headers = { 'X-Forwarded-User': 'alice@example.com', 'X-Forwarded-Groups': 'sre,team-shop' };
    const response = await request.get(`${trusted?.url}/api/auth/session`, { headers });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      method: 'proxy',
      user: 'alice@example.com',
      groups: ['sre', 'team-shop'],
    });
    expect((await request.get(`${trusted?.url}/api/status`)).status()).toBe(401);
  });

  test('is ignored from any other address, even with spoofed forwarding headers', async ({ request }) => {
    const response = await request.get(`${untrusted?.url}/api/status`, {
      headers: {
        'X-Forwarded-User': 'admin',
        'X-Forwarded-For': '192.0.2.10',
        'x-skymap-peer': '192.0.2.10',
      },
    });
    expect(response.status()).toBe(401);
    expect((await response.json()).error).toMatch(/did not come from SKYMAP_AUTH_PROXY_ADDRESSES/);
  });
});

test('exposing Skymap without authentication is refused at start-up', async () => {
  test.setTimeout(90_000);
  const { child, output } = launch({ SKYMAP_HOST: '0.0.0.0' }, await freePort());
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).not.toBe(0);
  expect(output()).toMatch(/SKYMAP_HOST: "0\.0\.0\.0" is not a loopback address: set SKYMAP_AUTH_TOKEN/);
});
