'use client';
// The drops view refreshes on an interval (every 2 s), not per flow: the server aggregates and
// caches explanations, so each refresh is one small JSON document.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DropsBody } from '../../server/hub/drop-tracker';
import type { NamespaceModeInfo } from '../../server/hub/scoped-api';
import type { DropWindow } from './drops-format';

/** `namespaceMode` is set in the namespace-scoped install (SKYMAP_NAMESPACES). */
export type DropsWire = DropsBody & { readonly namespaceMode?: NamespaceModeInfo | null };

export const DROPS_REFRESH_MS = 2000;

export function useDrops(window: DropWindow, focus: string | undefined, paused = false) {
  return useQuery({
    queryKey: ['drops', window, focus ?? ''],
    queryFn: async ({ signal }): Promise<DropsWire> => {
      const params = new URLSearchParams({ window });
      // The server explains the group someone is looking at before the others.
      if (focus) params.set('focus', focus);
      const response = await fetch(`/api/drops?${params}`, { signal });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? `GET /api/drops failed with HTTP ${response.status}`);
      }
      return (await response.json()) as DropsWire;
    },
    refetchInterval: paused ? false : DROPS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
