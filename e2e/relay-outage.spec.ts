// Relay unreachable at start, seen by a person: the banner says Hubble Relay is unreachable and that
// Skymap retries; /readyz says why it is not ready; once a Relay appears at the configured address,
// the banner goes away by itself and flows arrive.
import { expect, test } from '@playwright/test';
import type { ObserverServer } from '../server/demo/observer';
import { createFaultySource, startRelay, testFlow } from '../server/faults/fault-support';
import { freePort, type SkymapProcess, startSkymap } from './skymap-process';

let skymap: SkymapProcess | undefined;
let relay: ObserverServer | undefined;
let port = 0;

test.beforeAll(async () => {
  port = await freePort();
  skymap = await startSkymap({ HUBBLE_RELAY_ADDR: `127.0.0.1:${port}` });
});

test.afterAll(async () => {
  await skymap?.stop();
  await relay?.close();
});

test('Relay down at start: the banner says so, and Skymap recovers by itself', async ({ page, request }) => {
  test.setTimeout(120_000);
  const url = skymap!.url;
  await page.goto(`${url}/`);
  const banner = page.getByTestId('relay-banner');
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(`127.0.0.1:${port}`);
  await expect(banner).toContainText('is unreachable');
  await expect(banner).toContainText('Retrying with backoff');
  const notReady = await request.get(`${url}/readyz`);
  expect(notReady.status()).toBe(503);
  // Never ready yet: the Kubernetes probe (latched) keeps the pod out of its Service too.
  expect((await request.get(`${url}/readyz?latched`)).status()).toBe(503);
  expect(((await notReady.json()) as { notReady: string[] }).notReady[0]).toContain(
    'Hubble Relay at 127.0.0.1',
  );

  const source = createFaultySource([{ name: 'worker-1', state: 'NODE_CONNECTED' }]);
  source.publish([testFlow('worker-1')]);
  relay = await startRelay(source, { port });
  const timer = setInterval(() => source.publish([testFlow('worker-1')]), 500);
  try {
    // Backoff is capped (30 s); within a minute it has reconnected and the banner is gone.
    await expect(banner).toBeHidden({ timeout: 60_000 });
    await expect
      .poll(async () => (await request.get(`${url}/readyz`)).status(), { timeout: 10_000 })
      .toBe(200);
    const metrics = await (await request.get(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^skymap_relay_connected 1$/m);
    expect(metrics).toMatch(/^skymap_relay_reconnects_total [1-9]\d*$/m);
  } finally {
    clearInterval(timer);
  }

  // Relay goes away again: strict readiness says so, the latched probe keeps the UI in its Service,
  // and the page says what is wrong.
  await relay.close();
  relay = undefined;
  await expect.poll(async () => (await request.get(`${url}/readyz`)).status(), { timeout: 30_000 }).toBe(503);
  expect((await request.get(`${url}/readyz?latched`)).status()).toBe(200);
  await expect(banner).toBeVisible({ timeout: 30_000 });
});
