'use client';
// Positions for the drawn graph, computed in a Web Worker. Only a change of topology (a node or edge
// appearing or going) is sent to the worker; counter updates never trigger layout.
import { useEffect, useMemo, useRef, useState } from 'react';
import { LayoutEngine, type Point } from './layout-engine';
import type { VisualEdge, VisualNode } from './visible-graph';

export interface LayoutState {
  positions: ReadonlyMap<string, Point>;
  pending: boolean;
  lastLayoutMs?: number;
  /** Settled layouts that replaced a draft (the view re-fits once when one lands). */
  draftsSettled?: number;
  /** The positions are a draft (see LayoutEngine.draft). */
  draft?: boolean;
}

export function useLayout(
  nodes: readonly VisualNode[],
  edges: readonly VisualEdge[],
  resetToken: number,
  /** A version that changes exactly when the topology does (stable-graph.ts); saves sorting ids. */
  topology?: number,
): LayoutState {
  const workerRef = useRef<Worker | undefined>(undefined);
  const fallbackRef = useRef<LayoutEngine | undefined>(undefined);
  const requestRef = useRef(0);
  const lastResetRef = useRef(resetToken);
  const [state, setState] = useState<LayoutState>({ positions: new Map(), pending: true });

  const topologyKey = useMemo(() => {
    if (topology !== undefined) return `v${topology}`;
    const n = nodes.map((x) => `${x.id}@${x.group}`).sort();
    const e = edges.map((x) => x.id).sort();
    return `${n.join(',')}|${e.join(',')}`;
  }, [nodes, edges, topology]);

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    worker.onmessage = (
      event: MessageEvent<{ id: number; positions: [string, Point][]; ms: number; draft?: boolean }>,
    ) => {
      if (event.data.id !== requestRef.current) return;
      // A draft (first layout of a big map) is drawn while the settled layout is still computing.
      const positions = new Map(event.data.positions);
      if (event.data.draft) setState((s) => ({ ...s, positions, pending: true, draft: true }));
      else
        setState((s) => ({
          positions,
          pending: false,
          lastLayoutMs: event.data.ms,
          draftsSettled: (s.draftsSettled ?? 0) + (s.draft ? 1 : 0),
          draft: false,
        }));
    };
    return () => worker.terminate();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: topologyKey stands for nodes/edges identity
  useEffect(() => {
    const reset = lastResetRef.current !== resetToken;
    lastResetRef.current = resetToken;
    const payload = {
      id: ++requestRef.current,
      reset,
      nodes: nodes.map((n) => ({ id: n.id, group: n.group })),
      edges: edges.map((e) => ({ source: e.source, target: e.target })),
    };
    const worker = workerRef.current;
    if (worker) {
      setState((s) => ({ ...s, pending: true }));
      worker.postMessage(payload);
      return;
    }
    fallbackRef.current ??= new LayoutEngine();
    if (reset) fallbackRef.current.reset();
    setState({ positions: fallbackRef.current.layout(payload.nodes, payload.edges), pending: false });
  }, [topologyKey, resetToken]);

  return state;
}
