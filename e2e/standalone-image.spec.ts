// The container image without a Docker engine: the file set the Dockerfile's final stage copies is
// rebuilt from the local production build into a temporary folder, made read-only, and started the
// way the image starts it (`node server.js`, the image's ENV, as its numeric USER when we are root).
// Then: /healthz, /readyz, a page in Chromium with all its assets, and nothing written to the tree.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  assembleImage,
  diffTrees,
  type ImagePlan,
  makeReadOnly,
  makeWritable,
  planImage,
  snapshotTree,
} from '../scripts/deploy-image';
import { freePort } from '../server/test-support/free-port';

const ROOT = path.resolve(__dirname, '..');
const DIST_DIR = process.env.SKYMAP_DIST_DIR || '.next';
const HAS_BUILD = existsSync(path.join(ROOT, DIST_DIR, 'standalone', 'server.js'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

test.describe('container image (standalone file set, read-only, as the image runs it)', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!HAS_BUILD, `no production build in ${DIST_DIR}/standalone: run \`npm run build\` first`);

  let plan: ImagePlan;
  let tmpRoot = '';
  let appDir = '';
  let before = new Map<string, string>();
  let server: ChildProcess | undefined;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let logs = '';
  let base = '';

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    plan = planImage(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'), {
      repoRoot: ROOT,
      distDir: DIST_DIR,
    });
    expect(plan.cmd[0], 'the image runs node').toBe('node');
    tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'skymap-image-'));
    chmodSync(tmpRoot, 0o755);
    appDir = path.join(tmpRoot, 'app');
    mkdirSync(appDir);
    assembleImage(plan, appDir);
    makeReadOnly(appDir);
    before = snapshotTree(appDir);
    // The pod's emptyDir at /tmp; a private one here so the test sees and removes what it holds.
    const writableTmp = path.join(tmpRoot, 'tmp');
    mkdirSync(writableTmp);
    chmodSync(writableTmp, 0o1777);

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const asImageUser = process.getuid?.() === 0 && plan.user !== undefined;
    // Only the image's environment (plus PATH): nothing from this machine's cluster settings.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...plan.env,
      HOME: '/nonexistent',
      TMPDIR: writableTmp,
      // Tests listen on loopback only; the image itself binds 0.0.0.0 and then requires auth.
      HOSTNAME: '127.0.0.1',
      SKYMAP_HOST: '127.0.0.1',
      PORT: String(port),
      SKYMAP_DEMO_FLOW_RATE: '100',
    };
    const child = spawn(process.execPath, plan.cmd.slice(1), {
      cwd: appDir,
      env: env as NodeJS.ProcessEnv,
      ...(asImageUser ? { uid: plan.user?.uid, gid: plan.user?.gid } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    child.stdout.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        exitInfo = { code, signal };
        resolve(exitInfo);
      }),
    );
    for (let i = 0; i < 240 && exitInfo === undefined; i += 1) {
      if ((await get(`${base}/healthz`))?.status === 200) return;
      await sleep(250);
    }
    throw new Error(
      `server from the image file set did not come up (exit ${JSON.stringify(exitInfo)}):\n${logs}`,
    );
  });

  test.afterAll(async () => {
    if (server && exitInfo === undefined) {
      server.kill('SIGKILL');
      await exited;
    }
    if (tmpRoot) {
      makeWritable(tmpRoot);
      rmSync(tmpRoot, { recursive: true, force: true });
    }
  });

  test('answers /healthz', async () => {
    const health = await get(`${base}/healthz`);
    expect(health?.status).toBe(200);
    expect(health?.body.trim()).toBe('ok');
  });

  test('answers /readyz once the demo cluster is synced', async () => {
    let ready = await get(`${base}/readyz`);
    test.skip(ready?.status === 404, '/readyz does not exist in this build yet');
    // Readiness is a state the server reaches (Relay connected, informers synced), so poll for it.
    for (let i = 0; i < 120 && ready?.status !== 200; i += 1) {
      await sleep(250);
      ready = await get(`${base}/readyz`);
    }
    expect(ready?.status, `last /readyz body: ${ready?.body}`).toBe(200);
  });

  test('serves a working page: static assets load and the client talks to the API', async ({ page }) => {
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(base) && response.status() >= 400) {
        failures.push(`${response.status()} ${response.url()}`);
      }
    });
    page.on('requestfailed', (request) => {
      // Streams cut by navigation or test end are not failures of the image, and neither are link
      // prefetches (`?_rsc=`) the router itself cancels (net::ERR_ABORTED); a prefetch the server
      // answered with an error still shows up in the response handler above.
      if (request.url().includes('/api/stream/')) return;
      if (request.url().includes('_rsc=') && request.failure()?.errorText === 'net::ERR_ABORTED') return;
      failures.push(`failed ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
    });
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // Rendered by client code after fetching /api/status: proves the JS chunks were served.
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    expect(failures).toEqual([]);
  });

  test('wrote nothing into its (read-only) file tree', () => {
    expect(diffTrees(before, snapshotTree(appDir))).toEqual([]);
    expect(logs).not.toMatch(/EACCES|EROFS|EPERM/);
  });

  test('stops on SIGTERM, as on a container stop', async () => {
    server?.kill('SIGTERM');
    const result = await Promise.race([exited, sleep(20_000).then(() => undefined)]);
    expect(result, `still running 20 s after SIGTERM:\n${logs}`).toBeDefined();
    // Next's server exits 143 (128 + SIGTERM) after closing; killed by the signal itself is fine too.
    expect(result?.code === 143 || result?.code === 0 || result?.signal === 'SIGTERM').toBe(true);
  });
});
