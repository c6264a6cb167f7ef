// The watcher's only cache: small records from the caller's `toRecord`, keyed `namespace/name`.
// Raw objects are converted and dropped at once, so memory is bounded by the records, not by the
// size of pod specs. Change notifications are coalesced so an event storm yields one callback.

import { recordKey } from './resource-spec';
import type { Timers } from './timers';
import { normaliseTimestamps } from './timestamps';

export interface WatcherStats {
  /** Successful full lists (initial sync and every relist). */
  lists: number;
  /** Watch requests that were accepted by the server. */
  watches: number;
  /** Watch events applied (ADDED/MODIFIED/DELETED/BOOKMARK). */
  events: number;
  /** Relists caused by 410 Gone. */
  gone: number;
  /** Objects without metadata.name, or for which toRecord threw; skipped. */
  malformed: number;
  /** Objects for which toRecord returned undefined (deliberately not tracked). */
  skipped: number;
  /** onChange callbacks delivered. */
  changes: number;
  lastMalformed?: string;
}

export function emptyStats(): WatcherStats {
  return { lists: 0, watches: 0, events: 0, gone: 0, malformed: 0, skipped: 0, changes: 0 };
}

interface Identity {
  key: string;
}

function identityOf(raw: unknown): Identity | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const metadata = (raw as { metadata?: unknown }).metadata;
  if (metadata === null || typeof metadata !== 'object') return undefined;
  const { name, namespace } = metadata as { name?: unknown; namespace?: unknown };
  if (typeof name !== 'string' || name === '') return undefined;
  return { key: recordKey(typeof namespace === 'string' ? namespace : undefined, name) };
}

export class RecordMap<T> {
  private records = new Map<string, T>();
  private dirty = false;
  private timer: unknown;

  constructor(
    private readonly toRecord: (raw: unknown) => T | undefined,
    private readonly stats: WatcherStats,
    private readonly timers: Timers,
    private readonly coalesceMs: number,
    private readonly onChange: ((records: ReadonlyMap<string, T>) => void) | undefined,
  ) {}

  get view(): ReadonlyMap<string, T> {
    return this.records;
  }

  /** A relist: the new list is the whole truth (absent objects are gone, present ones replace). */
  replaceAll(items: readonly unknown[]): void {
    const next = new Map<string, T>();
    for (const raw of items) {
      const converted = this.convert(raw);
      if (converted?.record !== undefined) next.set(converted.key, converted.record);
    }
    this.records = next;
    this.markDirty();
  }

  upsert(raw: unknown): void {
    const converted = this.convert(raw);
    if (!converted) return;
    if (converted.record === undefined) {
      if (this.records.delete(converted.key)) this.markDirty();
      return;
    }
    this.records.set(converted.key, converted.record);
    this.markDirty();
  }

  remove(raw: unknown): void {
    const identity = identityOf(raw);
    if (!identity) {
      this.countMalformed('DELETED event object has no metadata.name');
      return;
    }
    if (this.records.delete(identity.key)) this.markDirty();
  }

  clear(): void {
    if (this.records.size === 0) return;
    this.records = new Map();
    this.markDirty();
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
  }

  private convert(raw: unknown): { key: string; record: T | undefined } | undefined {
    const identity = identityOf(raw);
    if (!identity) {
      this.countMalformed('object has no metadata.name');
      return undefined;
    }
    try {
      const record = this.toRecord(normaliseTimestamps(raw));
      if (record === undefined) this.stats.skipped += 1;
      return { key: identity.key, record };
    } catch (error) {
      // The object's current state is unusable; keeping its previous record would show stale data.
      this.countMalformed(`${identity.key}: ${error instanceof Error ? error.message : String(error)}`);
      return { key: identity.key, record: undefined };
    }
  }

  private countMalformed(detail: string): void {
    this.stats.malformed += 1;
    this.stats.lastMalformed = detail;
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.timer !== undefined || !this.onChange) return;
    this.timer = this.timers.setTimeout(() => this.emit(), this.coalesceMs);
  }

  private emit(): void {
    this.timer = undefined;
    if (!this.dirty || !this.onChange) return;
    this.dirty = false;
    this.stats.changes += 1;
    try {
      // A snapshot, so consumers can diff successive maps by identity.
      this.onChange(new Map(this.records));
    } catch {
      // A failing consumer must not break the watch loop; it will get the next change.
    }
  }
}
