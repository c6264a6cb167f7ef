// Fixed-size log-bucketed latency histogram. Three buckets per octave (each bucket is 2^(1/3) ≈ 1.26×
// wider than the previous), 72 buckets from ~10 µs to ~109 s; samples outside are clamped into the
// first/last bucket. A percentile is interpolated geometrically inside its bucket, so the estimate
// and the true nearest-rank value lie in the same bucket: relative error < 26 %, typically a few %.
// Fixed size keeps memory per time bucket constant and merging windows a plain element-wise sum.

export const LATENCY_BUCKETS = 72;
const PER_OCTAVE = 3;
const OFFSET = 39; // bucket 0 starts at 2^(39/3) ns = 8.192 µs

export type LatencyCounts = Uint32Array | Float64Array;

/** Bucket index of a latency in nanoseconds; -1 when there is no usable sample (≤ 0, NaN). */
export function latencyBucket(ns: number): number {
  if (!(ns > 0)) return -1;
  if (ns === Number.POSITIVE_INFINITY) return LATENCY_BUCKETS - 1;
  const i = Math.floor(Math.log2(ns) * PER_OCTAVE) - OFFSET;
  return i < 0 ? 0 : i >= LATENCY_BUCKETS ? LATENCY_BUCKETS - 1 : i;
}

export function bucketLowerNs(index: number): number {
  return 2 ** ((index + OFFSET) / PER_OCTAVE);
}

/** `latency_ns` is a uint64 decimal string in Hubble's JSON; some producers send a number. */
export function parseLatencyNs(value: unknown): number {
  if (typeof value === 'string') return value === '' ? 0 : Number(value);
  if (typeof value === 'number') return value;
  return 0;
}

/**
 * Estimated q-quantile (0 < q ≤ 1, nearest rank) in nanoseconds of `total` samples held in
 * `counts`; null when empty.
 */
export function latencyQuantileNs(counts: LatencyCounts, total: number, q: number): number | null {
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    if (before + c >= rank) {
      const fraction = (rank - before - 0.5) / c;
      return bucketLowerNs(i) * 2 ** (fraction / PER_OCTAVE);
    }
    before += c;
  }
  return bucketLowerNs(counts.length);
}

/** Nanoseconds → milliseconds rounded to the microsecond, so JSON output is stable. */
export function nsToMs(ns: number | null): number | null {
  return ns === null ? null : Math.round(ns / 1000) / 1000;
}
