// Per-second traffic counters for the last hour, for the rate charts and the "now" figures.
// Bounded: a fixed ring of 3,600 one-second buckets, each a handful of numbers plus a drop-reason
// map that only holds reasons seen in that second.
import type { Flow } from './flow';

export const SERIES_SECONDS = 3600;

interface Bucket {
  second: number;
  flows: number;
  forwarded: number;
  dropped: number;
  other: number;
  httpRequests: number;
  http5xx: number;
  http4xx: number;
  dropReasons: Map<string, number>;
}

export interface SeriesPoint {
  /** Start of the point's interval, epoch ms. */
  readonly t: number;
  readonly flows: number;
  readonly forwarded: number;
  readonly dropped: number;
  readonly other: number;
  readonly httpRequests: number;
  readonly http5xx: number;
  readonly http4xx: number;
  readonly dropReasons: Readonly<Record<string, number>>;
}

export interface TrafficSeries {
  readonly buckets: Bucket[];
}

export function createTrafficSeries(): TrafficSeries {
  const buckets: Bucket[] = [];
  for (let i = 0; i < SERIES_SECONDS; i++) {
    buckets.push({
      second: -1,
      flows: 0,
      forwarded: 0,
      dropped: 0,
      other: 0,
      httpRequests: 0,
      http5xx: 0,
      http4xx: 0,
      dropReasons: new Map(),
    });
  }
  return { buckets };
}

function bucketFor(series: TrafficSeries, second: number): Bucket {
  const bucket = series.buckets[second % SERIES_SECONDS]!;
  if (bucket.second !== second) {
    bucket.second = second;
    bucket.flows = 0;
    bucket.forwarded = 0;
    bucket.dropped = 0;
    bucket.other = 0;
    bucket.httpRequests = 0;
    bucket.http5xx = 0;
    bucket.http4xx = 0;
    bucket.dropReasons.clear();
  }
  return bucket;
}

/** Counts one flow at `atMs` (its observation time, or arrival time when it has none). */
export function recordFlow(series: TrafficSeries, flow: Flow, atMs: number): void {
  const second = Math.floor(atMs / 1000);
  if (second < 0) return;
  const bucket = bucketFor(series, second);
  bucket.flows += 1;
  if (flow.verdict === 'FORWARDED') bucket.forwarded += 1;
  else if (flow.verdict === 'DROPPED') {
    bucket.dropped += 1;
    const reason = flow.drop_reason_desc ?? 'DROP_REASON_UNKNOWN';
    bucket.dropReasons.set(reason, (bucket.dropReasons.get(reason) ?? 0) + 1);
  } else bucket.other += 1;
  const http = flow.l7?.http;
  if (http) {
    if (flow.l7?.type === 'REQUEST') bucket.httpRequests += 1;
    else if (flow.l7?.type === 'RESPONSE' && http.code !== undefined) {
      if (http.code >= 500) bucket.http5xx += 1;
      else if (http.code >= 400) bucket.http4xx += 1;
    }
  }
}

/**
 * Points covering the `windowSeconds` before `nowMs`, `stepSeconds` wide each, oldest first.
 * The current (incomplete) second is excluded and the newest step, which may still be filling,
 * averages over the seconds it has, so the last point never dips.
 */
export function seriesPoints(
  series: TrafficSeries,
  nowMs: number,
  windowSeconds: number,
  stepSeconds: number,
): SeriesPoint[] {
  const lastComplete = Math.floor(nowMs / 1000) - 1;
  const span = Math.min(windowSeconds, SERIES_SECONDS - 1);
  const firstSecond = lastComplete - span + 1;
  const alignedFirst = firstSecond - (((firstSecond % stepSeconds) + stepSeconds) % stepSeconds);
  const points: SeriesPoint[] = [];
  for (let start = alignedFirst; start <= lastComplete; start += stepSeconds) {
    let flows = 0;
    let forwarded = 0;
    let dropped = 0;
    let other = 0;
    let httpRequests = 0;
    let http5xx = 0;
    let http4xx = 0;
    const reasons: Record<string, number> = {};
    for (let s = start; s < start + stepSeconds && s <= lastComplete; s++) {
      if (s < 0) continue;
      const bucket = series.buckets[s % SERIES_SECONDS]!;
      if (bucket.second !== s) continue;
      flows += bucket.flows;
      forwarded += bucket.forwarded;
      dropped += bucket.dropped;
      other += bucket.other;
      httpRequests += bucket.httpRequests;
      http5xx += bucket.http5xx;
      http4xx += bucket.http4xx;
      for (const [reason, count] of bucket.dropReasons) reasons[reason] = (reasons[reason] ?? 0) + count;
    }
    // The newest step may end at the last complete second before its full width: a rate over the
    // seconds it covers, not over the step (that made the last point of every chart dip).
    const covered = Math.min(stepSeconds, lastComplete - start + 1);
    const per = (n: number) => n / covered;
    for (const reason of Object.keys(reasons)) reasons[reason] = per(reasons[reason]!);
    points.push({
      t: start * 1000,
      flows: per(flows),
      forwarded: per(forwarded),
      dropped: per(dropped),
      other: per(other),
      httpRequests: per(httpRequests),
      http5xx: per(http5xx),
      http4xx: per(http4xx),
      dropReasons: reasons,
    });
  }
  return points;
}

/**
 * Average rates over the last `seconds` complete seconds. Averages one-second points rather than
 * one clock-aligned bucket, which would be only partly filled and under-report between boundaries.
 */
export function currentRates(series: TrafficSeries, nowMs: number, seconds = 5): SeriesPoint {
  const points = seriesPoints(series, nowMs, seconds, 1).slice(-seconds);
  const n = Math.max(1, points.length);
  const dropReasons: Record<string, number> = {};
  for (const p of points)
    for (const [r, v] of Object.entries(p.dropReasons)) dropReasons[r] = (dropReasons[r] ?? 0) + v / n;
  const avg = (pick: (p: SeriesPoint) => number) => points.reduce((sum, p) => sum + pick(p), 0) / n;
  return {
    t: points[0]?.t ?? nowMs,
    flows: avg((p) => p.flows),
    forwarded: avg((p) => p.forwarded),
    dropped: avg((p) => p.dropped),
    other: avg((p) => p.other),
    httpRequests: avg((p) => p.httpRequests),
    http5xx: avg((p) => p.http5xx),
    http4xx: avg((p) => p.http4xx),
    dropReasons,
  };
}
