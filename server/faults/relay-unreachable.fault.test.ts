// Relay unreachable at start, through the real runtime wiring (config → start-sources → Relay client
// → hub) and the real route handlers the UI polls: /api/status says unavailable (the source banner
// renders that), /readyz says why it is not ready, and once the demo Relay appears on the configured
// address Skymap recovers by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { GET as status } from '../../app/api/status/route';
import { GET as readyz } from '../../app/readyz/route';
import type { ObserverServer } from '../demo/observer/types';
import { loadConfig } from '../runtime/config';
import { currentRuntime, startRuntime, stopRuntime } from '../runtime/runtime';
import { startSources } from '../runtime/start-sources';
import { createFaultySource, freePort, startRelay, testFlow, waitFor } from './fault-support';

let server: ObserverServer | undefined;

afterEach(async () => {
  await stopRuntime();
  await server?.close();
  server = undefined;
});

interface StatusBody {
  relay: { state: string; address?: string; lastError?: string; reconnects: number };
}

describe('Relay unreachable at start', () => {
  it('reports unavailable, retries, and recovers by itself when Relay comes up', async () => {
    const port = await freePort();
    const rt = startRuntime(loadConfig({ HUBBLE_RELAY_ADDR: `127.0.0.1:${port}` }), startSources);
    await rt.ready;

    await waitFor('unavailable', () => rt.hub.relay.state === 'unavailable');
    const down = (await (await status()).json()) as StatusBody;
    expect(down.relay).toMatchObject({ state: 'unavailable', address: `127.0.0.1:${port}` });
    expect(down.relay.lastError).toMatch(/UNAVAILABLE/);
    const notReady = await readyz(new Request('http://127.0.0.1/readyz'));
    expect(notReady.status).toBe(503);
    const notReadyBody = (await notReady.json()) as { ready: boolean; notReady: string[] };
    expect(notReadyBody.ready).toBe(false);
    expect(notReadyBody.notReady[0]).toMatch(
      new RegExp(`^Hubble Relay at 127\\.0\\.0\\.1:${port} is unavailable`),
    );

    // At least one more failed attempt: it keeps retrying (capped backoff, see backoff.test.ts).
    await waitFor('a retry', () => rt.hub.relay.reconnects >= 1, 15_000);
    expect(rt.hub.counters.flowsReceived).toBe(0);

    const source = createFaultySource([{ name: 'n1', state: 'NODE_CONNECTED' }]);
    source.publish([testFlow('n1', { uuid: 'waiting-in-relay' })]);
    server = await startRelay(source, { port });
    await waitFor('connected', () => rt.hub.relay.state === 'connected', 40_000);
    await waitFor('back-filled flow', () => rt.hub.counters.flowsReceived === 1);
    source.publish([testFlow('n1', { uuid: 'live' })]);
    await waitFor('live flow', () => rt.hub.counters.flowsReceived === 2);

    const up = (await (await status()).json()) as StatusBody;
    expect(up.relay.state).toBe('connected');
    const ready = await readyz(new Request('http://127.0.0.1/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, notReady: [] });
    expect(currentRuntime()).toBe(rt);
  }, 60_000);
});
