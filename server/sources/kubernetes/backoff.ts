export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: the delay is reduced by up to this fraction, so reconnect storms spread out. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.2 };

/**
 * Delay before retry number `attempt` (0-based): initial × factor^attempt, capped at maxMs, minus up to
 * `jitter` of it. Jitter only ever shortens the delay, so the cap is a hard upper bound.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt, 64));
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const r = Math.min(1, Math.max(0, random()));
  return Math.max(0, Math.round(base * (1 - jitter * r)));
}
