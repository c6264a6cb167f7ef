'use client';
// The live flow tail: newest flows first, capped, plus the hub's rate figures. One hook per stream.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { openEventStream } from './event-stream';
import { LiveStore } from './live-store';
import type { FlowStatsWire, FlowTailMessage, TailFlowWire } from './wire-types';

export interface FlowTailState {
  connection: 'connecting' | 'open' | 'error';
  stats?: FlowStatsWire;
  flows: TailFlowWire[];
  /** Flows per second history for the sparkline (client-side, last 120 ticks). */
  history: { t: number; flows: number; dropped: number }[];
}

const INITIAL: FlowTailState = { connection: 'connecting', flows: [], history: [] };

export function useFlowTail(options: { keep?: number } = {}): FlowTailState {
  const keep = options.keep ?? 200;
  const store = useMemo(() => new LiveStore<FlowTailState>(INITIAL), []);

  useEffect(() => {
    const apply = (body: FlowTailMessage, replace: boolean) =>
      store.update((s) => {
        const flows = replace ? body.flows : [...body.flows, ...s.flows].slice(0, keep);
        const point = {
          t: Date.parse(body.stats.now),
          flows: body.stats.flowsPerSecond,
          dropped: body.stats.droppedPerSecond,
        };
        return { ...s, stats: body.stats, flows, history: [...s.history, point].slice(-120) };
      });
    return openEventStream<FlowTailMessage, FlowTailMessage>('/api/stream/flows', {
      onSnapshot: (body) => apply(body, true),
      onDelta: (body) => apply(body, false),
      onStatus: (connection) => store.update((s) => ({ ...s, connection })),
    });
  }, [store, keep]);

  return useSyncExternalStore(store.subscribe, store.get, () => INITIAL);
}
