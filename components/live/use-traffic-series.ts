'use client';
// Rate series for the charts beside the map and on the overview; refreshed on the server's tick.
import { useQuery } from '@tanstack/react-query';

export interface SeriesPointWire {
  t: number;
  flows: number;
  forwarded: number;
  dropped: number;
  other: number;
  httpRequests: number;
  http5xx: number;
  http4xx: number;
  dropReasons: Record<string, number>;
}

export function useTrafficSeries(window: string, paused = false) {
  return useQuery({
    queryKey: ['series', window],
    queryFn: async (): Promise<{ window: string; stepSeconds: number; points: SeriesPointWire[] }> => {
      const response = await fetch(`/api/series?window=${encodeURIComponent(window)}`);
      if (!response.ok) throw new Error(`series ${response.status}`);
      return response.json();
    },
    refetchInterval: paused ? false : 2000,
  });
}
