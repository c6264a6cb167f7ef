// Time formatting for objects (RFC 3339 seconds) and flows (RFC 3339 with 9 fractional digits).
// Pure: callers pass the instant; nothing here reads a clock.

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export { DAY_MS };

/** `2026-08-20T10:00:00Z` — Kubernetes metav1.Time has second precision. */
export function isoSeconds(ms: number): string {
  const safe = Number.isFinite(ms) ? Math.floor(ms / 1000) * 1000 : 0;
  return new Date(safe).toISOString().replace('.000Z', 'Z');
}

/** Go's default time.Time formatting, as cert-manager embeds it in condition messages. */
export function goTimeString(ms: number): string {
  return `${isoSeconds(ms).replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

/** RFC 1123 with "UTC", as in cert-manager's "Certificate expired on …" message. */
export function rfc1123(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString().replace('GMT', 'UTC');
}

/**
 * Formats flow timestamps quickly: the `YYYY-MM-DDTHH:MM:SS.` prefix is cached per second, so a
 * burst of flows within one second costs one padStart each.
 */
export class FlowTimeFormatter {
  private cachedSecond = Number.NaN;
  private cachedPrefix = '';

  /** @param ms integer epoch milliseconds, @param subMsNanos 0..999999 */
  format(ms: number, subMsNanos: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.cachedSecond) {
      this.cachedSecond = second;
      this.cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
    }
    const nanos = (ms - second * 1000) * 1_000_000 + subMsNanos;
    return `${this.cachedPrefix}${String(nanos).padStart(9, '0')}Z`;
  }
}

/** uint64 nanoseconds as a decimal string without going through floating point. */
export function msToNanosString(ms: number): string {
  const whole = Math.max(0, Math.floor(ms));
  return whole === 0 ? '0' : `${whole}000000`;
}
