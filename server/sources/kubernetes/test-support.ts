// Helpers for this folder's integration tests (not used by production code).

import { KubeConfig } from '@kubernetes/client-node';
import type { Timers } from './timers';

export function kubeConfigFor(serverUrl: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'demo', server: serverUrl, skipTLSVerify: true }],
    users: [{ name: 'viewer', token: 'test' }],
    contexts: [{ name: 'demo', cluster: 'demo', user: 'viewer' }],
    currentContext: 'demo',
  });
  return kc;
}

export interface TestTimers {
  timers: Timers;
  /** Every requested delay, in request order. */
  delays: number[];
  /** Timers that fire while held are parked until release(). */
  hold(): void;
  release(): void;
  /** Cancels everything still scheduled. */
  dispose(): void;
}

/** Real timers with each delay mapped through `scale` (tests use it to shrink 1–30 s backoffs). */
export function createTestTimers(scale: (ms: number) => number = (ms) => ms): TestTimers {
  const delays: number[] = [];
  const live = new Set<{ cancelled: boolean; handle?: ReturnType<typeof setTimeout> }>();
  const parked: Array<() => void> = [];
  let held = false;
  return {
    delays,
    timers: {
      setTimeout(callback, ms) {
        delays.push(ms);
        const entry: { cancelled: boolean; handle?: ReturnType<typeof setTimeout> } = { cancelled: false };
        const fire = () => {
          if (entry.cancelled) return;
          if (held) {
            parked.push(fire);
            return;
          }
          live.delete(entry);
          callback();
        };
        entry.handle = setTimeout(fire, scale(ms));
        live.add(entry);
        return entry;
      },
      clearTimeout(handle) {
        const entry = handle as { cancelled: boolean; handle?: ReturnType<typeof setTimeout> };
        entry.cancelled = true;
        if (entry.handle) clearTimeout(entry.handle);
        live.delete(entry);
      },
    },
    hold() {
      held = true;
    },
    release() {
      held = false;
      for (const fire of parked.splice(0)) fire();
    },
    dispose() {
      for (const entry of live) {
        entry.cancelled = true;
        if (entry.handle) clearTimeout(entry.handle);
      }
      live.clear();
      parked.length = 0;
    },
  };
}

/** Polls `condition` until it holds; fails with `explain()` after `timeoutMs` (a hang guard, not a timing assertion). */
export async function waitFor(
  condition: () => boolean,
  explain: () => string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not reached: ${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
