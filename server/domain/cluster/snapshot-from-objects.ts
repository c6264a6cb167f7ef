// Builds a ClusterSnapshot from a flat list of raw objects that carry apiVersion and kind (demo
// scenario output, fixtures, `kubectl get -o json` dumps). Informer-fed code fills the snapshot
// directly instead; this is for sources that hand over mixed objects.

import { parseCephBlockPoolRecord, parseCephClusterRecord, parseCephFilesystemRecord } from './ceph';
import { parseCertificateRecord } from './certificates';
import { parseGatewayRecord, parseHttpRouteRecord } from './gateways';
import { parseIngressRecord } from './ingresses';
import { parseLonghornReplicaRecord, parseLonghornVolumeRecord } from './longhorn';
import { parseNodeRecord } from './nodes';
import { parsePodRecord } from './pods';
import { asObject, type ParseResult } from './raw-json';
import { parseServiceRecord } from './services';
import type { ClusterSnapshot, InstalledApis } from './snapshot';
import { parsePvcRecord, parsePvRecord, parseStorageClassRecord } from './storage';

type Collection = Exclude<keyof ClusterSnapshot, 'installed'>;

interface Route {
  readonly collection: Collection;
  readonly parse: (raw: unknown) => ParseResult<unknown>;
  readonly api?: keyof InstalledApis;
}

const ROUTES: Readonly<Record<string, Route>> = {
  'v1/Pod': { collection: 'pods', parse: parsePodRecord },
  'v1/Service': { collection: 'services', parse: parseServiceRecord },
  'v1/PersistentVolumeClaim': { collection: 'pvcs', parse: parsePvcRecord },
  'v1/PersistentVolume': { collection: 'pvs', parse: parsePvRecord },
  'v1/Node': { collection: 'nodes', parse: parseNodeRecord },
  'networking.k8s.io/Ingress': { collection: 'ingresses', parse: parseIngressRecord },
  'storage.k8s.io/StorageClass': { collection: 'storageClasses', parse: parseStorageClassRecord },
  'gateway.networking.k8s.io/Gateway': {
    collection: 'gateways',
    parse: parseGatewayRecord,
    api: 'gatewayApi',
  },
  'gateway.networking.k8s.io/HTTPRoute': {
    collection: 'httpRoutes',
    parse: parseHttpRouteRecord,
    api: 'gatewayApi',
  },
  'gateway.networking.k8s.io/GRPCRoute': {
    collection: 'httpRoutes',
    parse: parseHttpRouteRecord,
    api: 'gatewayApi',
  },
  'cert-manager.io/Certificate': {
    collection: 'certificates',
    parse: parseCertificateRecord,
    api: 'certManager',
  },
  'longhorn.io/Volume': { collection: 'longhornVolumes', parse: parseLonghornVolumeRecord, api: 'longhorn' },
  'longhorn.io/Replica': {
    collection: 'longhornReplicas',
    parse: parseLonghornReplicaRecord,
    api: 'longhorn',
  },
  'ceph.rook.io/CephCluster': { collection: 'cephClusters', parse: parseCephClusterRecord, api: 'ceph' },
  'ceph.rook.io/CephBlockPool': {
    collection: 'cephBlockPools',
    parse: parseCephBlockPoolRecord,
    api: 'ceph',
  },
  'ceph.rook.io/CephFilesystem': {
    collection: 'cephFilesystems',
    parse: parseCephFilesystemRecord,
    api: 'ceph',
  },
};

const CILIUM_GROUP = 'cilium.io';

/** `apps/v1` → `apps`; core `v1` stays `v1`. */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(0, slash);
}

export interface SnapshotFromObjects {
  readonly snapshot: ClusterSnapshot;
  /** Malformed objects of a known kind (skipped). Unknown kinds are ignored silently. */
  readonly errors: readonly string[];
}

/**
 * `installed` flags default to "an object of that API group was present"; pass them explicitly when
 * discovery knows better (an installed CRD with no objects yet).
 */
export function snapshotFromObjects(
  objects: Iterable<unknown>,
  installed: Partial<InstalledApis> = {},
): SnapshotFromObjects {
  const collections: Record<Collection, unknown[]> = {
    pods: [],
    services: [],
    ingresses: [],
    gateways: [],
    httpRoutes: [],
    certificates: [],
    longhornVolumes: [],
    longhornReplicas: [],
    cephClusters: [],
    cephBlockPools: [],
    cephFilesystems: [],
    pvcs: [],
    pvs: [],
    storageClasses: [],
    nodes: [],
  };
  const seen: Record<keyof InstalledApis, boolean> = {
    certManager: false,
    longhorn: false,
    ceph: false,
    gatewayApi: false,
    cilium: false,
  };
  const errors: string[] = [];
  for (const raw of objects) {
    const o = asObject(raw);
    const apiVersion = typeof o?.apiVersion === 'string' ? o.apiVersion : '';
    const kind = typeof o?.kind === 'string' ? o.kind : '';
    const group = groupOf(apiVersion);
    if (group === CILIUM_GROUP) seen.cilium = true;
    const route = ROUTES[`${group}/${kind}`];
    if (route === undefined) continue;
    if (route.api !== undefined) seen[route.api] = true;
    const result = route.parse(raw);
    if (result.ok) collections[route.collection].push(result.record);
    else errors.push(result.error);
  }
  // Each collection only ever receives records from its own route's parser (see ROUTES).
  const snapshot = {
    ...collections,
    installed: {
      certManager: installed.certManager ?? seen.certManager,
      longhorn: installed.longhorn ?? seen.longhorn,
      ceph: installed.ceph ?? seen.ceph,
      gatewayApi: installed.gatewayApi ?? seen.gatewayApi,
      cilium: installed.cilium ?? seen.cilium,
    },
  } as unknown as ClusterSnapshot;
  return { snapshot, errors };
}
