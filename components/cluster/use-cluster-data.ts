'use client';
// One hook per cluster endpoint. These views change on the hub's tick at most (cluster objects are
// coalesced and rebuilt at most every few seconds), so polling with react-query is enough; the
// previous body stays on screen while a refetch is in flight or fails.
import { useQuery } from '@tanstack/react-query';
import type {
  CertificatesBody,
  NamespaceModeInfo,
  NodesBody,
  OverviewBody,
  ScopeNote,
  VolumesResponse,
  WithKube,
} from './cluster-wire';

/** Set by the server in the namespace-scoped install / for a person limited to some namespaces. */
export type WithScope<T> = T & {
  readonly namespaceMode?: NamespaceModeInfo | null;
  readonly scope?: ScopeNote;
};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = `${message}: ${body.error}`;
    } catch {
      // Not JSON: the status is all we have.
    }
    throw new Error(`${url}: ${message}`);
  }
  return (await response.json()) as T;
}

export function useOverview() {
  return useQuery({
    queryKey: ['overview'],
    queryFn: () => getJson<OverviewBody>('/api/overview'),
    refetchInterval: 2000,
  });
}

export function useCertificates(window = '5m') {
  return useQuery({
    queryKey: ['certificates', window],
    queryFn: () =>
      getJson<WithKube<CertificatesBody>>(`/api/certificates?window=${encodeURIComponent(window)}`),
    refetchInterval: 5000,
  });
}

export function useVolumes() {
  return useQuery({
    queryKey: ['volumes'],
    queryFn: () => getJson<WithScope<WithKube<VolumesResponse>>>('/api/volumes'),
    refetchInterval: 5000,
  });
}

export function useNodes() {
  return useQuery({
    queryKey: ['nodes'],
    queryFn: () => getJson<WithScope<WithKube<NodesBody>>>('/api/nodes'),
    refetchInterval: 3000,
  });
}
