// What each cluster page needs to know about the Kubernetes side besides the data itself: is a
// cluster configured at all, has the first list finished, and which watched resources are failing.
// Without this a page could not tell "cert-manager is not installed" from "still loading" or "RBAC
// forbids listing certificates".

/** The part of the cluster source's status these pages read (see sources/kubernetes/cluster-source). */
export interface KubeResourceStatusInput {
  readonly resource: string;
  readonly state: 'not-installed' | 'syncing' | 'synced' | 'error';
  readonly lastError?: string;
}

export interface KubeStatusInput {
  status(): readonly KubeResourceStatusInput[];
  synced(): boolean;
}

export interface KubeSummary {
  /** False when Skymap runs without a Kubernetes API (only HUBBLE_RELAY_ADDR set). */
  readonly configured: boolean;
  /** Every installed resource finished its first list. */
  readonly synced: boolean;
  /** Watched resources in the error state, with the watcher's last error. */
  readonly errors: readonly { readonly resource: string; readonly error: string }[];
}

/** Resource name prefixes (`describeResource` form: `<plural>[.<group>]/<version>`) per page. */
export const PAGE_RESOURCES = {
  certificates: [
    'certificates.cert-manager.io/',
    'ingresses.networking.k8s.io/',
    'gateways.gateway.networking.k8s.io/',
    'httproutes.gateway.networking.k8s.io/',
    'services/',
    'pods/',
  ],
  volumes: [
    'volumes.longhorn.io/',
    'replicas.longhorn.io/',
    'cephclusters.ceph.rook.io/',
    'cephblockpools.ceph.rook.io/',
    'cephfilesystems.ceph.rook.io/',
    'persistentvolumeclaims/',
    'persistentvolumes/',
    'pods/',
  ],
  nodes: ['nodes/', 'pods/', 'replicas.longhorn.io/'],
} as const satisfies Record<string, readonly string[]>;

export type ClusterPage = keyof typeof PAGE_RESOURCES;

/** `prefixes` undefined = every resource (the overview). */
export function summarizeKube(
  source: KubeStatusInput | undefined,
  prefixes?: readonly string[],
): KubeSummary {
  if (source === undefined) return { configured: false, synced: false, errors: [] };
  const errors = source
    .status()
    .filter((s) => s.state === 'error')
    .filter((s) => prefixes === undefined || prefixes.some((p) => s.resource.startsWith(p)))
    .map((s) => ({ resource: s.resource, error: s.lastError ?? 'unknown error' }));
  return { configured: true, synced: source.synced(), errors };
}
