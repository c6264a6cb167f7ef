// Rate-limited warnings: a stream of malformed Relay messages or a flapping watch must not flood the
// log (or slow the event loop with console I/O). Each key logs at most once per interval; what was
// held back is summarised as a count on the next line for that key.

export interface RateLimitedLogger {
  /** Logs `message` unless `key` logged within the interval; `count` occurrences are being reported. */
  warn(key: string, message: string, count?: number): void;
}

export interface RateLimitedLoggerOptions {
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly write?: (line: string) => void;
  /** Distinct keys remembered; more share one bucket so memory stays bounded. */
  readonly maxKeys?: number;
}

interface KeyState {
  lastMs: number;
  suppressed: number;
}

const OVERFLOW_KEY = '(other)';

export function createRateLimitedLogger(options: RateLimitedLoggerOptions = {}): RateLimitedLogger {
  const intervalMs = options.intervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  const write = options.write ?? ((line: string) => console.warn(line));
  const maxKeys = options.maxKeys ?? 256;
  const keys = new Map<string, KeyState>();
  return {
    warn(key, message, count = 1) {
      const k = keys.has(key) || keys.size < maxKeys ? key : OVERFLOW_KEY;
      const t = now();
      const state = keys.get(k);
      if (state && t - state.lastMs < intervalMs) {
        state.suppressed += count;
        return;
      }
      const held = state?.suppressed ?? 0;
      keys.set(k, { lastMs: t, suppressed: 0 });
      const seconds = Math.round(intervalMs / 1000);
      const tail =
        held > 0 ? ` (+${held} more since the last report; logged at most once per ${seconds} s)` : '';
      write(`skymap: ${message}${tail}`);
    },
  };
}

/** The process-wide logger the runtime wiring uses. */
export const runtimeLog: RateLimitedLogger = createRateLimitedLogger();

/** Malformed Relay messages (bad protobuf, no payload): counted by the client, reported here. */
export function logMalformedRelayMessages(
  count: number,
  total: number,
  log: RateLimitedLogger = runtimeLog,
): void {
  log.warn(
    'relay-malformed',
    `skipped ${count} malformed Hubble Relay message${count === 1 ? '' : 's'} (${total} since start; see skymap_decode_errors_total)`,
    count,
  );
}
