// Time-bucketed drop counts of one group. Two rings of plain counters:
//   fine   92 × 10 s  → windows 1m, 5m, 15m (current bucket + 90 full ones) and their sparklines;
//   coarse 62 × 1 min → window 1h (current + 60 full) and the 1h / all sparklines.
// A window covers at least its nominal length and at most one bucket more, so a just-started bucket
// never empties the view at a boundary. Each ring remembers only its newest absolute bucket number;
// slots between the previous newest and a newer one are zeroed when it is written, so nothing runs
// on a timer and a group costs ~620 bytes whatever its traffic.

export type DropsWindow = '1m' | '5m' | '15m' | '1h' | 'all';

export const DROPS_WINDOWS: readonly DropsWindow[] = ['1m', '5m', '15m', '1h', 'all'];

export const FINE_MS = 10_000;
export const FINE_SLOTS = 92;
export const COARSE_MS = 60_000;
export const COARSE_SLOTS = 62;

const NONE = Number.NEGATIVE_INFINITY;

interface Ring {
  readonly slots: Uint32Array;
  /** Absolute number (time / width) of the newest bucket written; NONE before the first. */
  head: number;
}

export interface DropCounts {
  readonly fine: Ring;
  readonly coarse: Ring;
  total: number;
}

export function newDropCounts(): DropCounts {
  return {
    fine: { slots: new Uint32Array(FINE_SLOTS), head: NONE },
    coarse: { slots: new Uint32Array(COARSE_SLOTS), head: NONE },
    total: 0,
  };
}

function slotOf(abs: number, size: number): number {
  return ((abs % size) + size) % size;
}

function bump(ring: Ring, abs: number, n: number): void {
  const size = ring.slots.length;
  if (ring.head === NONE) {
    ring.head = abs;
  } else if (abs > ring.head) {
    const gap = Math.min(abs - ring.head, size);
    for (let i = 1; i <= gap; i++) ring.slots[slotOf(ring.head + i, size)] = 0;
    ring.head = abs;
  } else if (abs <= ring.head - size) {
    // Older than the ring's span: it only reaches the total.
    return;
  }
  const i = slotOf(abs, size);
  ring.slots[i] = (ring.slots[i] ?? 0) + n;
}

function read(ring: Ring, abs: number): number {
  if (ring.head === NONE || abs > ring.head || abs <= ring.head - ring.slots.length) return 0;
  return ring.slots[slotOf(abs, ring.slots.length)] ?? 0;
}

/** Counts `n` drops at time `t` (epoch ms; the caller clamps it to the ingest clock). */
export function addDrops(counts: DropCounts, t: number, n = 1): void {
  counts.total += n;
  if (!Number.isFinite(t)) return;
  bump(counts.fine, Math.floor(t / FINE_MS), n);
  bump(counts.coarse, Math.floor(t / COARSE_MS), n);
}

function sumRange(ring: Ring, from: number, to: number): number {
  let sum = 0;
  for (let abs = from; abs <= to; abs++) sum += read(ring, abs);
  return sum;
}

/** Drops inside `window` as of `now`. */
export function windowCount(counts: DropCounts, window: DropsWindow, now: number): number {
  const fine = Math.floor(now / FINE_MS);
  switch (window) {
    case '1m':
      return sumRange(counts.fine, fine - 6, fine);
    case '5m':
      return sumRange(counts.fine, fine - 30, fine);
    case '15m':
      return sumRange(counts.fine, fine - 90, fine);
    case '1h': {
      const minute = Math.floor(now / COARSE_MS);
      return sumRange(counts.coarse, minute - 60, minute);
    }
    default:
      return counts.total;
  }
}

export interface SparklineSpec {
  readonly stepMs: number;
  readonly points: number;
}

/** Point width and count of the sparkline drawn for `window`. */
export function sparklineSpec(window: DropsWindow): SparklineSpec {
  switch (window) {
    case '1m':
      return { stepMs: FINE_MS, points: 6 };
    case '5m':
      return { stepMs: FINE_MS, points: 30 };
    case '15m':
      return { stepMs: 30_000, points: 30 };
    default:
      return { stepMs: COARSE_MS, points: 60 };
  }
}

/**
 * Drops per point, oldest first; the last point is the one containing `now` (partial), so a burst
 * that is happening shows at once.
 */
export function sparkline(counts: DropCounts, window: DropsWindow, now: number): number[] {
  const { stepMs, points } = sparklineSpec(window);
  const ring = stepMs >= COARSE_MS ? counts.coarse : counts.fine;
  const width = stepMs >= COARSE_MS ? COARSE_MS : FINE_MS;
  const per = stepMs / width;
  const last = Math.floor(now / stepMs);
  const out = new Array<number>(points).fill(0);
  for (let p = 0; p < points; p++) {
    const first = (last - (points - 1) + p) * per;
    out[p] = sumRange(ring, first, first + per - 1);
  }
  return out;
}
