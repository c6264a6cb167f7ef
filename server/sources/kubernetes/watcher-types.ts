import type { BackoffPolicy } from './backoff';
import type { WatcherStats } from './record-map';
import type { ResourceSpec } from './resource-spec';
import type { Timers } from './timers';

export type WatcherState = 'not-installed' | 'syncing' | 'synced' | 'error';

export interface ResourceWatcherOptions<T> {
  /** Coalesced: at most one call per `coalesceMs`, with a fresh Map snapshot. */
  onChange?: (records: ReadonlyMap<string, T>) => void;
  onStateChange?: (state: WatcherState, lastError: string | undefined) => void;
  labelSelector?: string;
  fieldSelector?: string;
  coalesceMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** How often a not-installed resource re-checks discovery. */
  discoveryIntervalMs?: number;
  /** Server-side watch lifetime; default 5–10 min like client-go's reflector. */
  watchTimeoutSeconds?: () => number;
  /** A watch that ends sooner than this without any event counts as a failure (backoff). */
  minHealthyWatchMs?: number;
  pageSize?: number;
  timers?: Timers;
  random?: () => number;
  clock?: () => number;
}

export interface ResourceWatcher<T> {
  readonly spec: ResourceSpec;
  readonly state: WatcherState;
  readonly lastError: string | undefined;
  /** Live read-only view; onChange receives snapshots instead. */
  readonly records: ReadonlyMap<string, T>;
  readonly resourceVersion: string;
  readonly stats: Readonly<WatcherStats>;
  stop(): void;
}
