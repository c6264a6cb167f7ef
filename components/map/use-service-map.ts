'use client';
// The live service map for one (window, namespaces) selection: a snapshot, then deltas on the
// server's tick, folded into the react-query cache. Pausing closes the stream; resuming reopens it
// and the server answers with a fresh snapshot, so nothing stale is ever shown as live.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openEventStream } from '../live/event-stream';
import { applyMapDelta, type MapDeltaWire } from './apply-map-delta';
import type { MapViewWire, MapWindow } from './map-types';

export function mapStreamUrl(window: MapWindow, namespaces: readonly string[]): string {
  const params = new URLSearchParams({ window });
  if (namespaces.length) params.set('namespace', namespaces.join(','));
  return `/api/stream/map?${params.toString()}`;
}

export function useServiceMap(window: MapWindow, namespaces: readonly string[], paused: boolean) {
  const client = useQueryClient();
  const key = ['map', window, namespaces.join(',')];
  const [connection, setConnection] = useState<'connecting' | 'open' | 'error'>('connecting');
  const query = useQuery<MapViewWire>({
    queryKey: key,
    // The stream fills this cache; the fetch is the fallback before its first snapshot.
    queryFn: async () => {
      const response = await fetch(mapStreamUrl(window, namespaces).replace('/api/stream/map', '/api/map'));
      if (!response.ok) throw new Error(`map ${response.status}`);
      return (await response.json()) as MapViewWire;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: key is derived from window/namespaces
  useEffect(() => {
    if (paused) return;
    return openEventStream<MapViewWire & { seq: number }, MapDeltaWire>(mapStreamUrl(window, namespaces), {
      onSnapshot: (body) =>
        client.setQueryData<MapViewWire>(key, { window: body.window, nodes: body.nodes, edges: body.edges }),
      onDelta: (delta) =>
        client.setQueryData<MapViewWire>(key, (prev) =>
          prev
            ? applyMapDelta(prev, delta)
            : { window: delta.window, nodes: delta.nodes.upsert, edges: delta.edges.upsert },
        ),
      onStatus: setConnection,
    });
  }, [client, window, namespaces.join(','), paused]);

  return { view: query.data, connection, error: query.error };
}
