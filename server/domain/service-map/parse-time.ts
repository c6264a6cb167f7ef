// Flow timestamps are RFC 3339 strings (`2021-11-10T10:41:26.095336300Z`, 0–9 fractional digits).
// Date.parse would do, but it is several times slower than this hand parser and its accepted syntax
// is implementation-defined; this one accepts exactly RFC 3339 (any offset, `T`/`t`, `Z`/`z`).

import { FLOW_TIME_MS, type Flow } from '../flow';

export interface TimeCounters {
  /** Flows whose `time` was present but not valid RFC 3339. */
  invalidTime: number;
  /** Flows without `time`. */
  missingTime: number;
}

/** Two ASCII digits at `at` as a number, or -1. Straight-line: this runs once per flow. */
function d2(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >>> 0 <= 9 && b >>> 0 <= 9 ? a * 10 + b : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch milliseconds (sub-millisecond digits truncated), or NaN when `text` is not RFC 3339. */
export function parseRfc3339Ms(text: string): number {
  if (typeof text !== 'string' || text.length < 20) return Number.NaN;
  const base = parseHead(text);
  return Number.isNaN(base) ? base : parseTail(text, base);
}

// Consecutive flows almost always share their date: remember the last one (a memo; results do not
// depend on it). Validating and converting the date is the expensive part of the parse.
let memoDate = -1;
let memoDays = 0;

/** `YYYY-MM-DDTHH:MM:SS` as epoch ms in UTC (before the offset), or NaN. */
function parseHead(s: string): number {
  const y1 = d2(s, 0);
  const y2 = d2(s, 2);
  const month = d2(s, 5);
  const day = d2(s, 8);
  const hour = d2(s, 11);
  const minute = d2(s, 14);
  const second = d2(s, 17);
  const t = s.charCodeAt(10);
  if (
    y1 < 0 ||
    y2 < 0 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    (t !== 84 && t !== 116) ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60
  ) {
    return Number.NaN;
  }
  const year = y1 * 100 + y2;
  const date = (year * 16 + month) * 32 + day;
  let days: number;
  if (date === memoDate && month > 0 && day > 0) {
    days = memoDays;
  } else {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    days = daysFromCivil(year, month, day);
    memoDate = date;
    memoDays = days;
  }
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

/** Adds the fraction and the offset after position 19 to `base`; NaN when malformed. */
function parseTail(s: string, base: number): number {
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < s.length) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (i - start < 3) ms = ms * 10 + d;
      i++;
    }
    const count = i - start;
    if (count === 0) return Number.NaN;
    if (count === 1) ms *= 100;
    else if (count === 2) ms *= 10;
  }
  let offsetMinutes = 0;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    i++;
  } else if (z === 43 || z === 45) {
    const oh = d2(s, i + 1);
    const om = d2(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || s.charCodeAt(i + 3) !== 58) return Number.NaN;
    offsetMinutes = (z === 43 ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return Number.NaN;
  }
  if (i !== s.length) return Number.NaN;
  return base - offsetMinutes * 60_000 + ms;
}

/**
 * The flow's time in epoch ms; `now` when the time is absent or invalid (counted in `counters`).
 */
export function timeOf(flow: Flow, now: number, counters?: TimeCounters): number {
  const carried = flow[FLOW_TIME_MS];
  if (carried !== undefined) return carried;
  const time: unknown = flow.time;
  if (time === undefined || time === null || time === '') {
    if (counters !== undefined) counters.missingTime++;
    return now;
  }
  const ms = typeof time === 'string' ? parseRfc3339Ms(time) : Number.NaN;
  if (Number.isNaN(ms)) {
    if (counters !== undefined) counters.invalidTime++;
    return now;
  }
  return ms;
}
