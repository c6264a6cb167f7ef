// Time windows. Each edge keeps three rings of time buckets besides its since-start totals:
//   fine   13 × 5 s  → window 1m  (current bucket + 12 full ones: covers the last 60–65 s),
//                      and the per-second rate / sparkline over the last 12 full buckets (60 s);
//   minute 16 × 1 min → windows 5m (current + 5 full) and 15m (current + 15 full);
//   five   13 × 5 min → window 1h  (current + 12 full: 60–65 min).
// A window therefore always covers at least its nominal length and at most one bucket more, which
// keeps a just-started bucket from emptying the view at bucket boundaries. Three coarse rings instead
// of one 60-slot minute ring cut the worst-case bucket count per edge from 74 to 42.
// A bucket remembers its absolute number (time / width), so a stale slot is recognised and reset
// lazily on the next write: nothing has to run on a timer. Flow times are clamped to `now` (node
// clock skew) before bucketing; flows older than a ring's span only reach the totals.

import { EdgeStats, type FlowSample } from './edge-stats';
import type { MapWindow } from './view-types';

export const FINE_MS = 5_000;
export const FINE_SLOTS = 13;
export const MINUTE_MS = 60_000;
export const MINUTE_SLOTS = 16;
export const FIVE_MS = 300_000;
export const FIVE_SLOTS = 13;

export type Ring = (EdgeStats | null)[];

export type RingName = 'fine' | 'minute' | 'five';

export interface Rings {
  fine: Ring;
  minute: Ring;
  five: Ring;
}

/** Absolute bucket numbers of one instant, per ring. */
export interface Clock {
  readonly now: number;
  readonly fine: number;
  readonly minute: number;
  readonly five: number;
  /** Flows before this instant fall outside every ring (and every window but `all`). */
  readonly horizon: number;
}

export function clockAt(now: number): Clock {
  const five = Math.floor(now / FIVE_MS);
  return {
    now,
    fine: Math.floor(now / FINE_MS),
    minute: Math.floor(now / MINUTE_MS),
    five,
    horizon: (five - (FIVE_SLOTS - 1)) * FIVE_MS,
  };
}

export function newRings(): Rings {
  return {
    fine: new Array<EdgeStats | null>(FINE_SLOTS).fill(null),
    minute: new Array<EdgeStats | null>(MINUTE_SLOTS).fill(null),
    five: new Array<EdgeStats | null>(FIVE_SLOTS).fill(null),
  };
}

function slotOf(abs: number, slots: number): number {
  return ((abs % slots) + slots) % slots;
}

function record(ring: Ring, slots: number, abs: number, nowAbs: number, sample: FlowSample): void {
  if (abs <= nowAbs - slots) return;
  const i = slotOf(abs, slots);
  let b = ring[i] as EdgeStats | null;
  if (b === null) {
    b = new EdgeStats(abs, false);
    ring[i] = b;
  } else if (b.abs !== abs) {
    // A newer bucket already owns the slot: this flow is older than the ring's span.
    if (b.abs > abs) return;
    b.reset(abs);
  }
  b.add(sample);
}

/** Adds a classified flow at time `t` (already clamped to ≤ now) to every ring it still fits in. */
export function recordInRings(rings: Rings, clock: Clock, t: number, sample: FlowSample): void {
  record(rings.fine, FINE_SLOTS, Math.floor(t / FINE_MS), clock.fine, sample);
  record(rings.minute, MINUTE_SLOTS, Math.floor(t / MINUTE_MS), clock.minute, sample);
  record(rings.five, FIVE_SLOTS, Math.floor(t / FIVE_MS), clock.five, sample);
}

export interface WindowSpec {
  readonly ring: RingName;
  /** Inclusive absolute bucket range. */
  readonly from: number;
  readonly to: number;
}

/** Which buckets make up `window` at `clock`; null for `all` (use the totals). */
export function windowSpec(window: MapWindow, clock: Clock): WindowSpec | null {
  switch (window) {
    case '1m':
      return { ring: 'fine', from: clock.fine - (FINE_SLOTS - 1), to: clock.fine };
    case '5m':
      return { ring: 'minute', from: clock.minute - 5, to: clock.minute };
    case '15m':
      return { ring: 'minute', from: clock.minute - 15, to: clock.minute };
    case '1h':
      return { ring: 'five', from: clock.five - (FIVE_SLOTS - 1), to: clock.five };
    default:
      return null;
  }
}

const RING_MS: Record<RingName, number> = { fine: FINE_MS, minute: MINUTE_MS, five: FIVE_MS };

/** Epoch ms where the window's oldest bucket begins. */
export function windowStartMs(spec: WindowSpec): number {
  return spec.from * RING_MS[spec.ring];
}

export function sumWindow(rings: Rings, spec: WindowSpec, into: EdgeStats): void {
  const ring = rings[spec.ring];
  for (let i = 0; i < ring.length; i++) {
    const b = ring[i];
    if (b != null && b.abs >= spec.from && b.abs <= spec.to) into.mergeFrom(b);
  }
}

export function windowFlows(rings: Rings, spec: WindowSpec): number {
  const ring = rings[spec.ring];
  let flows = 0;
  for (let i = 0; i < ring.length; i++) {
    const b = ring[i];
    if (b != null && b.abs >= spec.from && b.abs <= spec.to) flows += b.flows;
  }
  return flows;
}

/** Flow counts of the 12 full 5-second buckets before the current one, oldest first. */
export function sparkline(rings: Rings | null, clock: Clock): number[] {
  const out = new Array<number>(FINE_SLOTS - 1).fill(0);
  if (rings === null) return out;
  const first = clock.fine - (FINE_SLOTS - 1);
  for (const b of rings.fine) {
    if (b != null && b.abs >= first && b.abs < clock.fine) out[b.abs - first] = b.flows;
  }
  return out;
}

/** Flows per second over the last full minute (the 12 full 5-second buckets). */
export function ratePerSecond(rings: Rings | null, clock: Clock): number {
  let flows = 0;
  for (const n of sparkline(rings, clock)) flows += n;
  return Math.round((flows / ((FINE_SLOTS - 1) * (FINE_MS / 1000))) * 1000) / 1000;
}

function mergeRing(dst: Ring, src: Ring, slots: number): void {
  for (const b of src) {
    if (b === null) continue;
    const i = slotOf(b.abs, slots);
    let d = dst[i] as EdgeStats | null;
    if (d === null) {
      d = new EdgeStats(b.abs, false);
      dst[i] = d;
    } else if (d.abs !== b.abs) {
      // The older of the two lies outside every window already; keep the newer.
      if (d.abs > b.abs) continue;
      d.reset(b.abs);
    }
    d.mergeFrom(b);
  }
}

export function mergeRings(dst: Rings, src: Rings): void {
  mergeRing(dst.fine, src.fine, FINE_SLOTS);
  mergeRing(dst.minute, src.minute, MINUTE_SLOTS);
  mergeRing(dst.five, src.five, FIVE_SLOTS);
}
