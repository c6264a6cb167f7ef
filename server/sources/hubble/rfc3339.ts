// google.protobuf.Timestamp <-> RFC 3339 text, following protojson: UTC with a `Z`, and 0, 3, 6
// or 9 fractional digits (the fewest that keep every nanosecond). Strings, not Dates, because a
// Date keeps only milliseconds and flow ordering/de-duplication needs the nanoseconds.

export interface TimestampParts {
  readonly seconds: number;
  readonly nanos: number;
}

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range protojson accepts.
const MIN_SECONDS = -62135596800;
const MAX_SECONDS = 253402300799;

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

// Consecutive flows nearly always share a second, so the date part is formatted once per second
// (and the millisecond part once per millisecond); a GetFlowsResponse repeats its flow's time, so
// the last full result is kept too. The fraction is assembled from three-digit strings made once:
// a flow's time then costs two string concatenations instead of a number-to-string conversion,
// a slice and a template (~160 → ~64 bytes of garbage per flow).
let cachedSeconds = Number.NaN;
let cachedPrefix = '';
let cachedMsKey = Number.NaN;
let cachedMsText = '';
let lastSeconds = Number.NaN;
let lastNanos = -1;
let lastText = '';

const DIGITS3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DIGITS3_Z: readonly string[] = DIGITS3.map((d) => `${d}Z`);

/** Formats a Timestamp; `undefined` when seconds/nanos are outside what protojson accepts. */
export function formatTimestamp(seconds: number, nanos: number): string | undefined {
  if (seconds === lastSeconds && nanos === lastNanos) return lastText;
  const text = formatUncached(seconds, nanos);
  if (text !== undefined) {
    lastSeconds = seconds;
    lastNanos = nanos;
    lastText = text;
  }
  return text;
}

function formatUncached(seconds: number, nanos: number): string | undefined {
  if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS) || !Number.isInteger(seconds)) return undefined;
  if (!(nanos >= 0 && nanos <= 999_999_999) || !Number.isInteger(nanos)) return undefined;
  if (seconds !== cachedSeconds) {
    cachedPrefix = new Date(seconds * 1000).toISOString().slice(0, 19);
    cachedSeconds = seconds;
    cachedMsKey = Number.NaN;
  }
  if (nanos === 0) return `${cachedPrefix}Z`;
  const ms = Math.floor(nanos / 1_000_000);
  const micros = Math.floor(nanos / 1_000) % 1_000;
  const rest = nanos % 1_000;
  if (micros === 0 && rest === 0) return `${cachedPrefix}.${DIGITS3_Z[ms]}`;
  if (ms !== cachedMsKey) {
    cachedMsText = `${cachedPrefix}.${DIGITS3[ms]}`;
    cachedMsKey = ms;
  }
  if (rest === 0) return cachedMsText + DIGITS3_Z[micros]!;
  return cachedMsText + DIGITS3[micros]! + DIGITS3_Z[rest]!;
}

/** Parses RFC 3339 (any offset, 0–9 fractional digits); `undefined` when malformed or out of range. */
export function parseTimestamp(text: string): TimestampParts | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined;
  let seconds = date.getTime() / 1000 + hour * 3600 + minute * 60 + second;
  if (m[8] !== undefined) {
    const offsetHours = Number(m[9]);
    const offsetMinutes = Number(m[10]);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    const offset = offsetHours * 3600 + offsetMinutes * 60;
    seconds += m[8] === '+' ? -offset : offset;
  }
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) return undefined;
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'));
  return { seconds, nanos };
}

/** Canonical protojson form of an RFC 3339 string, or `undefined` when it is not one. */
export function canonicalTimestamp(text: string): string | undefined {
  const parts = parseTimestamp(text);
  return parts === undefined ? undefined : formatTimestamp(parts.seconds, parts.nanos);
}
