// List + watch for one resource, on client-node's `Watch` (its HTTP stack, auth and TLS) but with our
// own loop instead of `makeInformer`/`ListWatch`. Reading client-node 1.4's cache.js showed why:
// `stop()` during the initial list still starts a watch that nothing aborts; aborting a watch reports
// an AbortError through the `error` callbacks; it reconnects with no backoff; it caches every raw
// object in addition to ours; and it gives no signal when a relist has finished. This loop keeps only
// records, knows its state, relists on 410 Gone, backs off exponentially and stops cleanly.

import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { KubeRequestError } from './api-request';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { field, httpStatusOf, isServed, listAll, messageOf } from './list-requests';
import { emptyStats, RecordMap, type WatcherStats } from './record-map';
import { collectionPath, describeResource, type ResourceSpec } from './resource-spec';
import { realTimers, type Timers } from './timers';
import type { ResourceWatcher, ResourceWatcherOptions, WatcherState } from './watcher-types';

export type { ResourceWatcher, ResourceWatcherOptions, WatcherState } from './watcher-types';

interface WatchAttempt {
  startedAt: number;
  ended: boolean;
  established: boolean;
  sawEvent: boolean;
  controller?: AbortController;
  /** A non-410 ERROR event; the server ends the stream after it. */
  failure?: KubeRequestError;
}

// A server that accepted timeoutSeconds but never closed the stream (dead TCP path) gets this long.
const WATCHDOG_GRACE_SECONDS = 30;

class ListWatchLoop<T> implements ResourceWatcher<T> {
  state: WatcherState = 'syncing';
  lastError: string | undefined;
  resourceVersion = '';
  readonly stats: WatcherStats = emptyStats();
  private readonly recordMap: RecordMap<T>;
  private readonly timers: Timers;
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;
  private readonly clock: () => number;
  private readonly path: string;
  private installed = false;
  private stopped = false;
  private attempt = 0;
  private stepTimer: unknown;
  private watchdog: unknown;
  private inflight: AbortController | undefined;
  private activeWatch: WatchAttempt | undefined;

  constructor(
    private readonly kc: KubeConfig,
    readonly spec: ResourceSpec,
    toRecord: (raw: unknown) => T | undefined,
    private readonly opts: ResourceWatcherOptions<T>,
  ) {
    this.timers = opts.timers ?? realTimers;
    this.policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.random = opts.random ?? Math.random;
    this.clock = opts.clock ?? Date.now;
    this.path = collectionPath(spec);
    this.recordMap = new RecordMap(toRecord, this.stats, this.timers, opts.coalesceMs ?? 250, opts.onChange);
  }

  get records(): ReadonlyMap<string, T> {
    return this.recordMap.view;
  }

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.stepTimer !== undefined) this.timers.clearTimeout(this.stepTimer);
    this.stepTimer = undefined;
    this.inflight?.abort();
    this.inflight = undefined;
    this.endWatch();
    this.recordMap.dispose();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.stepTimer !== undefined) this.timers.clearTimeout(this.stepTimer);
    this.stepTimer = this.timers.setTimeout(() => {
      this.stepTimer = undefined;
      void this.step();
    }, delayMs);
  }

  private nextBackoff(): number {
    const delay = backoffDelay(this.attempt, this.policy, this.random);
    this.attempt += 1;
    return delay;
  }

  private setState(state: WatcherState, lastError: string | undefined): void {
    if (this.state === state && this.lastError === lastError) return;
    this.state = state;
    this.lastError = lastError;
    try {
      this.opts.onStateChange?.(state, lastError);
    } catch {
      // Observers must not break the loop.
    }
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    const controller = new AbortController();
    this.inflight = controller;
    try {
      if (!this.installed) {
        if (!(await isServed(this.kc, this.spec, controller.signal))) {
          if (!this.stopped) this.enterNotInstalled();
          return;
        }
        this.installed = true;
      }
      if (this.resourceVersion === '') {
        this.setState('syncing', this.state === 'error' ? this.lastError : undefined);
        const list = await listAll(this.kc, this.spec, this.opts, controller.signal);
        if (this.stopped) return;
        this.recordMap.replaceAll(list.items);
        this.resourceVersion = list.resourceVersion;
        this.stats.lists += 1;
        this.setState('synced', undefined);
      }
    } catch (error) {
      if (!this.stopped) this.failRequest(error);
      return;
    } finally {
      if (this.inflight === controller) this.inflight = undefined;
    }
    await this.startWatch();
  }

  private async startWatch(): Promise<void> {
    if (this.stopped) return;
    const attempt: WatchAttempt = {
      startedAt: this.clock(),
      ended: false,
      established: false,
      sawEvent: false,
    };
    this.activeWatch = attempt;
    const timeoutSeconds = this.opts.watchTimeoutSeconds?.() ?? 300 + Math.floor(this.random() * 300);
    const query: Record<string, string | number | boolean> = {
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds,
    };
    if (this.opts.labelSelector) query.labelSelector = this.opts.labelSelector;
    if (this.opts.fieldSelector) query.fieldSelector = this.opts.fieldSelector;
    let controller: AbortController;
    try {
      controller = await new Watch(this.kc).watch(
        this.path,
        query,
        (type, object) => this.onEvent(attempt, type, object),
        (error) => this.onDone(attempt, error),
      );
    } catch (error) {
      attempt.ended = true;
      if (!this.stopped) this.failRequest(error);
      return;
    }
    if (attempt.ended || this.stopped) {
      attempt.ended = true;
      controller.abort();
      return;
    }
    attempt.controller = controller;
    attempt.established = true;
    this.stats.watches += 1;
    this.attemptSucceeded();
    this.watchdog = this.timers.setTimeout(
      () => {
        if (attempt !== this.activeWatch || attempt.ended) return;
        this.endWatch();
        this.schedule(0);
      },
      (timeoutSeconds + WATCHDOG_GRACE_SECONDS) * 1000,
    );
  }

  private attemptSucceeded(): void {
    if (this.state !== 'synced' || this.lastError !== undefined) this.setState('synced', undefined);
  }

  private onEvent(attempt: WatchAttempt, type: string, object: unknown): void {
    if (attempt.ended || this.stopped) return;
    switch (type) {
      case 'ADDED':
      case 'MODIFIED':
        this.recordMap.upsert(object);
        break;
      case 'DELETED':
        this.recordMap.remove(object);
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        // 410 Expired: our resourceVersion was compacted away. The server ends the stream next;
        // clearing the RV turns that end into a relist.
        const code = field(object, 'code');
        if (code === 410) this.resourceVersion = '';
        else {
          const message = `watch ${this.path}: ERROR event: ${String(field(object, 'message'))}`;
          attempt.failure = new KubeRequestError(message, typeof code === 'number' ? code : undefined);
        }
        return;
      }
      default:
        this.stats.malformed += 1;
        this.stats.lastMalformed = `unknown watch event type ${JSON.stringify(type)}`;
        return;
    }
    this.stats.events += 1;
    attempt.sawEvent = true;
    attempt.established = true;
    this.attempt = 0;
    const rv = field(field(object, 'metadata'), 'resourceVersion');
    if (typeof rv === 'string' && rv !== '') this.resourceVersion = rv;
  }

  private onDone(attempt: WatchAttempt, error: unknown): void {
    if (attempt.ended || this.stopped) return;
    attempt.ended = true;
    this.clearWatchdog();
    if (this.activeWatch === attempt) this.activeWatch = undefined;
    const status = error ? httpStatusOf(error) : undefined;
    if (status === 410 || this.resourceVersion === '') {
      this.resourceVersion = '';
      this.stats.gone += 1;
      // Relist at once the first time; repeated 410s without progress back off like any failure.
      const delay = this.attempt === 0 ? 0 : backoffDelay(this.attempt, this.policy, this.random);
      this.attempt += 1;
      this.schedule(delay);
      return;
    }
    if (attempt.failure || (error && !attempt.established)) {
      this.failRequest(attempt.failure ?? error);
      return;
    }
    // An established stream ended (server timeout, load balancer cut, connection reset). Resume from
    // the last resourceVersion; only streams that died young without events count as failures.
    const healthy =
      attempt.sawEvent || this.clock() - attempt.startedAt >= (this.opts.minHealthyWatchMs ?? 5000);
    if (!error && healthy) {
      this.attempt = 0;
      this.schedule(0);
      return;
    }
    this.schedule(this.nextBackoff());
  }

  private failRequest(error: unknown): void {
    const status = httpStatusOf(error);
    if (status === 404) {
      // The resource vanished (CRD deleted): rediscover before listing again.
      this.installed = false;
      this.resourceVersion = '';
    }
    if (status === 410) this.resourceVersion = '';
    this.setState('error', `${describeResource(this.spec)}: ${messageOf(error)}`);
    this.schedule(this.nextBackoff());
  }

  private enterNotInstalled(): void {
    this.recordMap.clear();
    this.resourceVersion = '';
    this.attempt = 0;
    this.setState('not-installed', undefined);
    this.schedule(this.opts.discoveryIntervalMs ?? 30_000);
  }

  private clearWatchdog(): void {
    if (this.watchdog !== undefined) this.timers.clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private endWatch(): void {
    this.clearWatchdog();
    const attempt = this.activeWatch;
    this.activeWatch = undefined;
    if (!attempt || attempt.ended) return;
    // Mark first: aborting makes client-node report an AbortError through `done`, which is not news.
    attempt.ended = true;
    attempt.controller?.abort();
  }
}

/**
 * Starts list+watch of `spec` at once. `toRecord` turns a raw object (timestamps already ISO strings)
 * into the small record to keep, or undefined to ignore it; throwing counts it as malformed.
 */
export function createResourceWatcher<T>(
  kc: KubeConfig,
  spec: ResourceSpec,
  toRecord: (raw: unknown) => T | undefined,
  opts: ResourceWatcherOptions<T> = {},
): ResourceWatcher<T> {
  const loop = new ListWatchLoop(kc, spec, toRecord, opts);
  loop.start();
  return loop;
}
