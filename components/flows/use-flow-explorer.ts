'use client';
// The explorer's one data hook: history from `/api/flows` (which back-fills from Relay when `since`
// reaches past Skymap's buffer), then live flows from the filtered `/api/stream/flows` channel.
// The history answer carries the hub's ingest cursor; only streamed flows newer than it are added,
// so the seam between the two has neither gaps nor duplicates.
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Flow } from '../../server/domain/flow';
import { openEventStream } from '../live/event-stream';
import { LiveStore } from '../live/live-store';
import type { FlowStatsWire, TailFlowWire } from '../live/wire-types';
import {
  addNewest,
  addOlder,
  clearRows,
  EMPTY_ROWS,
  type FlowRow,
  pause,
  type RowsState,
  resume,
  toRows,
} from './flow-rows';

/** Flows per tick the explorer asks its channel for; more matches are counted, not sent. */
export const STREAM_PER_TICK = 2000;

export interface BackfillWire {
  flows: number;
  discarded: number;
  lost: { node: string; source: string; count: number }[];
  malformed: number;
  error?: string;
}

interface FlowsAnswer {
  flows: Flow[];
  cursor: number;
  retained: { flows: number; oldest?: string };
  backfill?: BackfillWire;
}

interface StreamMessage {
  seq: number;
  stats: FlowStatsWire;
  flows: TailFlowWire[];
  skipped: number;
  overrun?: number;
}

export interface ExplorerData extends RowsState {
  readonly connection: 'connecting' | 'open' | 'error' | 'off';
  readonly stats?: FlowStatsWire;
  readonly history: {
    readonly state: 'loading' | 'done' | 'error' | 'off';
    readonly error?: string;
    readonly count: number;
    readonly retained?: { flows: number; oldest?: string };
    readonly backfill?: BackfillWire;
  };
  /** Matching flows the server counted but did not send (per-tick cap), since the query started. */
  readonly skipped: number;
  /** Flows that left the server's buffer before the stream looked at them. */
  readonly overrun: number;
}

const INITIAL: ExplorerData = {
  ...EMPTY_ROWS,
  connection: 'off',
  history: { state: 'off', count: 0 },
  skipped: 0,
  overrun: 0,
};

export interface ExplorerSource {
  /** `/api/flows` parameters (filters, since, until, limit); undefined: no live data (offline / bad URL). */
  readonly historySearch?: string;
  /** `/api/stream/flows` filter parameters; undefined: do not follow (e.g. `until` is set). */
  readonly streamSearch?: string;
}

export function useFlowExplorer(source: ExplorerSource) {
  const store = useMemo(() => new LiveStore<ExplorerData>(INITIAL), []);
  const { historySearch, streamSearch } = source;

  useEffect(() => {
    store.update((s) => ({ ...INITIAL, paused: s.paused }));
    if (historySearch === undefined) return;
    const abort = new AbortController();
    let cursor: number | undefined;
    let newest = 0;
    let early: TailFlowWire[] = [];

    const admit = (flows: readonly TailFlowWire[]): FlowRow[] => {
      const fresh = flows.filter((f) => f.n > newest);
      for (const f of fresh) if (f.n > newest) newest = f.n;
      return toRows(fresh.map((f) => f.flow));
    };
    const onStream = (body: StreamMessage) => {
      if (cursor === undefined) {
        early = body.flows.concat(early);
        store.update((s) => ({ ...s, stats: body.stats }));
        return;
      }
      const rows = admit(body.flows);
      store.update((s) => ({
        ...addNewest(s, rows),
        stats: body.stats,
        skipped: s.skipped + (body.skipped ?? 0),
        overrun: s.overrun + (body.overrun ?? 0),
      }));
    };

    store.update((s) => ({ ...s, history: { state: 'loading', count: 0 } }));
    fetch(`/api/flows?${historySearch}`, { signal: abort.signal, cache: 'no-store' })
      .then(async (response) => {
        const body = (await response.json()) as FlowsAnswer | { error: string };
        if (!response.ok || 'error' in body) {
          throw new Error('error' in body ? body.error : `HTTP ${response.status}`);
        }
        return body;
      })
      .then(
        (body) => {
          cursor = body.cursor;
          newest = body.cursor;
          const live = admit(early.sort((a, b) => b.n - a.n));
          early = [];
          store.update((s) => ({
            ...addNewest(addOlder(s, toRows(body.flows)), live),
            history: {
              state: 'done',
              count: body.flows.length,
              retained: body.retained,
              ...(body.backfill ? { backfill: body.backfill } : {}),
            },
          }));
        },
        (err: unknown) => {
          if (abort.signal.aborted) return;
          // Without history the stream still works: everything it sends is new.
          cursor = 0;
          const live = admit(early.sort((a, b) => b.n - a.n));
          early = [];
          store.update((s) => ({
            ...addNewest(s, live),
            history: { state: 'error', count: 0, error: err instanceof Error ? err.message : String(err) },
          }));
        },
      );

    let close: (() => void) | undefined;
    if (streamSearch !== undefined) {
      const sep = streamSearch ? '&' : '';
      close = openEventStream<StreamMessage, StreamMessage>(
        `/api/stream/flows?${streamSearch}${sep}per-tick=${STREAM_PER_TICK}`,
        {
          onSnapshot: onStream,
          onDelta: onStream,
          onStatus: (connection) => store.update((s) => ({ ...s, connection })),
        },
      );
    }
    return () => {
      abort.abort();
      close?.();
    };
  }, [store, historySearch, streamSearch]);

  const data = useSyncExternalStore(store.subscribe, store.get, () => INITIAL);
  const setPaused = useCallback(
    (paused: boolean) => store.update((s) => (paused ? pause(s) : resume(s))),
    [store],
  );
  const clear = useCallback(() => store.update(clearRows), [store]);
  return { data, setPaused, clear };
}
