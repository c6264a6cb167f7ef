// `since`/`until`: what `hubble observe --since/--until` accept (RFC 3339, a few date layouts, or a
// Go duration meaning "that long before now"), normalised to RFC 3339 UTC. Bounds are inclusive,
// as in Hubble's ring-buffer reader, and compared at nanosecond precision. A space before the UTC
// offset is read as "+": that is what an unencoded "+" in a URL query turns into.

import { parseFlowTime } from '../flow-time';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+ -]\d{2}:\d{2})?)?$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** RFC 3339 UTC text for epoch ms plus extra nanoseconds below the millisecond. */
export function formatUtc(ms: number, subMsNanos: number): string {
  const iso = new Date(ms).toISOString();
  if (subMsNanos === 0) return iso;
  return `${iso.slice(0, 23)}${pad(subMsNanos, 6)}Z`;
}

export function parseTimeBound(text: string, now: number): { value: string } | { error: string } {
  const input = text.trim();
  if (input === '0' || DURATION.test(input)) {
    let ms = 0;
    for (const m of input.matchAll(DURATION_PART)) ms += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
    const at = Math.floor(now - ms);
    if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return { error: `invalid time "${text}"` };
    return { value: new Date(at).toISOString() };
  }
  const m = DATE_TIME.exec(input);
  if (m === null) {
    return {
      error: `invalid time "${text}" (expected RFC 3339 like 2024-05-01T10:00:00Z or a duration like 5m)`,
    };
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  if (
    year < 1 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return { error: `invalid time "${text}"` };
  }
  let ms = date.getTime();
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offH = Number(zone.slice(1, 3));
    const offM = Number(zone.slice(4, 6));
    if (offH > 23 || offM > 59) return { error: `invalid time "${text}"` };
    ms -= sign * (offH * 60 + offM) * 60_000;
  }
  const nanos = Number(frac.padEnd(9, '0') || '0');
  ms += Math.floor(nanos / 1e6);
  return { value: formatUtc(ms, nanos % 1e6) };
}

/** Nanoseconds below the millisecond in an RFC 3339 text (digits 4–9 of the fraction). */
function subMsNanos(text: string): number {
  if (text.charCodeAt(19) !== 46) return 0;
  let n = 0;
  let ended = false;
  for (let i = 20; i < 29; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) ended = true;
    if (i >= 23) n = n * 10 + (ended ? 0 : d);
  }
  return n;
}

/** Orders two RFC 3339 UTC texts at nanosecond precision (negative: a before b). */
export function compareTimes(a: string, b: string): number {
  const d = parseFlowTime(a) - parseFlowTime(b);
  return d !== 0 ? d : subMsNanos(a) - subMsNanos(b);
}

interface Bound {
  readonly ms: number;
  readonly sub: number;
}

function toBound(text: string | undefined): Bound | undefined {
  if (text === undefined) return undefined;
  const ms = parseFlowTime(text);
  return Number.isNaN(ms) ? { ms: Number.NaN, sub: 0 } : { ms, sub: subMsNanos(text) };
}

/** Predicate on `flow.time` for inclusive bounds; flows without a usable time never match. */
export function compileTimeBounds(
  since: string | undefined,
  until: string | undefined,
): ((time: string | undefined) => boolean) | null {
  const lo = toBound(since);
  const hi = toBound(until);
  if (lo === undefined && hi === undefined) return null;
  // A bound that is not RFC 3339 UTC cannot be checked; such a query (only possible when built by
  // hand, the parser rejects it) matches nothing rather than everything.
  if (Number.isNaN(lo?.ms ?? 0) || Number.isNaN(hi?.ms ?? 0)) return () => false;
  return (time) => {
    const ms = parseFlowTime(time);
    if (Number.isNaN(ms)) return false;
    if (lo !== undefined && (ms < lo.ms || (ms === lo.ms && subMsNanos(time ?? '') < lo.sub))) return false;
    if (hi !== undefined && (ms > hi.ms || (ms === hi.ms && subMsNanos(time ?? '') > hi.sub))) return false;
    return true;
  };
}
