import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { createResourceWatcher, type ResourceWatcher } from './resource-watcher';
import { createTestTimers, kubeConfigFor, type TestTimers, waitFor } from './test-support';

describe('backoffDelay', () => {
  it('doubles from 1 s and caps at 30 s', () => {
    const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5, 6, 10, 1000].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
  });

  it('jitter only shortens the delay, never beyond the cap', () => {
    for (const r of [0, 0.25, 0.5, 0.999, 1]) {
      const delay = backoffDelay(20, DEFAULT_BACKOFF, () => r);
      expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
      expect(delay).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.maxMs * (1 - DEFAULT_BACKOFF.jitter));
    }
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('watcher retries', () => {
  let timers: TestTimers | undefined;
  let watcher: ResourceWatcher<string> | undefined;

  afterEach(() => {
    watcher?.stop();
    timers?.dispose();
  });

  it('retries an unreachable API server with capped exponential backoff and reports the error', async () => {
    // Real 1–30 s delays are recorded but executed after 1 ms.
    const testTimers = createTestTimers(() => 1);
    timers = testTimers;
    const port = await closedPort();
    const states: string[] = [];
    const spec = { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false };
    watcher = createResourceWatcher(kubeConfigFor(`http://127.0.0.1:${port}`), spec, () => 'x', {
      timers: testTimers.timers,
      random: () => 0.5,
      onStateChange: (state) => states.push(state),
    });
    const current = watcher;
    await waitFor(
      () => testTimers.delays.length >= 12,
      () => `delays ${testTimers.delays.join(',')}`,
    );
    current.stop();
    const retries = testTimers.delays.slice(1, 12);
    expect(retries).toEqual([900, 1800, 3600, 7200, 14400, 27000, 27000, 27000, 27000, 27000, 27000]);
    expect(Math.max(...testTimers.delays)).toBeLessThanOrEqual(30_000);
    expect(current.state).toBe('error');
    expect(current.lastError).toMatch(/^nodes\/v1: GET \/api\/v1: .*ECONNREFUSED/);
    expect(states).toEqual(['error']);
  });
});
