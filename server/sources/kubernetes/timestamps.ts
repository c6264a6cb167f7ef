// client-node's typed list calls turn RFC3339 strings into Date objects while watch events keep them as
// strings (kubernetes-client/javascript#655). Records must not depend on which path delivered an
// object, so every raw object is normalised to ISO strings before the caller's `toRecord` sees it.

/** Every Date replaced by its ISO string; unchanged subtrees are shared (no copy when nothing changes). */
export function normaliseTimestamps(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((child, index) => {
      const normalised = normaliseTimestamps(child);
      if (normalised !== child) {
        copy ??= [...value];
        copy[index] = normalised;
      }
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(value)) {
      const normalised = normaliseTimestamps(child);
      if (normalised !== child) {
        copy ??= { ...value };
        copy[key] = normalised;
      }
    }
    return copy ?? value;
  }
  return value;
}

/** Epoch milliseconds from an RFC3339 string, a Date or epoch ms; undefined for "" (Longhorn's unset) and junk. */
export function toEpochMs(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Canonical ISO-8601 UTC string (`2026-01-02T03:04:05.000Z`) or undefined. */
export function toIsoTimestamp(value: unknown): string | undefined {
  const ms = toEpochMs(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
