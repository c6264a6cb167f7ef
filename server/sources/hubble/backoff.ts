// Capped exponential backoff with jitter, gRPC-style: delay(n) = min(initial × multiplier^n, max),
// then spread by ±jitter so many dashboards restarted together do not reconnect in lock-step.
import type { RelayBackoffOptions } from './relay-types';

export const DEFAULT_BACKOFF: RelayBackoffOptions = {
  initialMs: 1000,
  multiplier: 1.6,
  maxMs: 30_000,
  jitter: 0.2,
};

export interface Backoff {
  /** Delay before the next attempt; each call advances the attempt counter. */
  next(): number;
  /** After a healthy connection: the next failure waits `initialMs` again. */
  reset(): void;
  readonly attempts: number;
}

export function createBackoff(
  options: Partial<RelayBackoffOptions> = {},
  random: () => number = Math.random,
): Backoff {
  const o = { ...DEFAULT_BACKOFF, ...options };
  const initial = Math.max(0, o.initialMs);
  const max = Math.max(initial, o.maxMs);
  const multiplier = Math.max(1, o.multiplier);
  const jitter = Math.min(1, Math.max(0, o.jitter));
  let attempts = 0;
  let base = initial;
  return {
    get attempts() {
      return attempts;
    },
    next(): number {
      const current = base;
      attempts += 1;
      base = Math.min(max, base * multiplier);
      const spread = current * jitter * (random() * 2 - 1);
      // Jitter may push above the cap by at most jitter × max; clamp so the cap really is a cap.
      return Math.round(Math.min(max, Math.max(0, current + spread)));
    },
    reset(): void {
      attempts = 0;
      base = initial;
    },
  };
}
