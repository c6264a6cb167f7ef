// Every Kubernetes resource Skymap watches, in one registry: the cluster source starts a watcher per
// entry, and the deployment's ClusterRole is checked against this list (both ways) by a test.
import type { ClusterSnapshot, InstalledApis } from '../../domain/cluster';
import {
  toCephBlockPoolRecord,
  toCephClusterRecord,
  toCephFilesystemRecord,
  toCertificateRecord,
  toGatewayRecord,
  toHttpRouteRecord,
  toIngressRecord,
  toLonghornReplicaRecord,
  toLonghornVolumeRecord,
  toNodeRecord,
  toPodRecord,
  toPvcRecord,
  toPvRecord,
  toServiceRecord,
  toStorageClassRecord,
} from '../../domain/cluster';
import { toPolicyRecord } from '../../domain/policy/policy-records';
import type { PolicyKind, PolicyRecord } from '../../domain/policy/policy-types';
import type { ResourceSpec } from './resource-spec';

type SnapshotField = Exclude<keyof ClusterSnapshot, 'installed'>;

export interface WatchedResource {
  readonly spec: ResourceSpec;
  /** Where records go: a ClusterSnapshot collection, or the policy list. */
  readonly into: SnapshotField | 'policies';
  readonly toRecord: (raw: unknown) => unknown;
  /** The optional API this resource proves installed. */
  readonly installs?: keyof InstalledApis;
}

const spec = (
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced = true,
): ResourceSpec => ({
  group,
  version,
  plural,
  kind,
  namespaced,
});

const policy = (kind: PolicyKind) => (raw: unknown) => toPolicyRecord(raw, kind);

export const WATCHED_RESOURCES: readonly WatchedResource[] = [
  { spec: spec('', 'v1', 'nodes', 'Node', false), into: 'nodes', toRecord: toNodeRecord },
  { spec: spec('', 'v1', 'pods', 'Pod'), into: 'pods', toRecord: toPodRecord },
  { spec: spec('', 'v1', 'services', 'Service'), into: 'services', toRecord: toServiceRecord },
  {
    spec: spec('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
    into: 'pvcs',
    toRecord: toPvcRecord,
  },
  { spec: spec('', 'v1', 'persistentvolumes', 'PersistentVolume', false), into: 'pvs', toRecord: toPvRecord },
  {
    spec: spec('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
    into: 'storageClasses',
    toRecord: toStorageClassRecord,
  },
  {
    spec: spec('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
    into: 'ingresses',
    toRecord: toIngressRecord,
  },
  {
    spec: spec('gateway.networking.k8s.io', 'v1', 'gateways', 'Gateway'),
    into: 'gateways',
    toRecord: toGatewayRecord,
    installs: 'gatewayApi',
  },
  {
    spec: spec('gateway.networking.k8s.io', 'v1', 'httproutes', 'HTTPRoute'),
    into: 'httpRoutes',
    toRecord: toHttpRouteRecord,
    installs: 'gatewayApi',
  },
  {
    spec: spec('cert-manager.io', 'v1', 'certificates', 'Certificate'),
    into: 'certificates',
    toRecord: toCertificateRecord,
    installs: 'certManager',
  },
  {
    spec: spec('longhorn.io', 'v1beta2', 'volumes', 'Volume'),
    into: 'longhornVolumes',
    toRecord: toLonghornVolumeRecord,
    installs: 'longhorn',
  },
  {
    spec: spec('longhorn.io', 'v1beta2', 'replicas', 'Replica'),
    into: 'longhornReplicas',
    toRecord: toLonghornReplicaRecord,
    installs: 'longhorn',
  },
  {
    spec: spec('ceph.rook.io', 'v1', 'cephclusters', 'CephCluster'),
    into: 'cephClusters',
    toRecord: toCephClusterRecord,
    installs: 'ceph',
  },
  {
    spec: spec('ceph.rook.io', 'v1', 'cephblockpools', 'CephBlockPool'),
    into: 'cephBlockPools',
    toRecord: toCephBlockPoolRecord,
    installs: 'ceph',
  },
  {
    spec: spec('ceph.rook.io', 'v1', 'cephfilesystems', 'CephFilesystem'),
    into: 'cephFilesystems',
    toRecord: toCephFilesystemRecord,
    installs: 'ceph',
  },
  {
    spec: spec('cilium.io', 'v2', 'ciliumnetworkpolicies', 'CiliumNetworkPolicy'),
    into: 'policies',
    toRecord: policy('CiliumNetworkPolicy'),
    installs: 'cilium',
  },
  {
    spec: spec(
      'cilium.io',
      'v2',
      'ciliumclusterwidenetworkpolicies',
      'CiliumClusterwideNetworkPolicy',
      false,
    ),
    into: 'policies',
    toRecord: policy('CiliumClusterwideNetworkPolicy'),
    installs: 'cilium',
  },
  {
    spec: spec('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
    into: 'policies',
    toRecord: policy('NetworkPolicy'),
  },
];

export type { PolicyRecord };

/**
 * The watchers for an install: every resource cluster-wide, or — in the namespace-scoped mode
 * (SKYMAP_NAMESPACES) — one watcher per namespaced resource per namespace, without the cluster-scoped
 * kinds (Nodes, PersistentVolumes, StorageClasses, CiliumClusterwideNetworkPolicies) that a Role
 * cannot grant.
 */
export function watchedResourcesFor(namespaces: readonly string[] | undefined): readonly WatchedResource[] {
  if (namespaces === undefined) return WATCHED_RESOURCES;
  const out: WatchedResource[] = [];
  for (const resource of WATCHED_RESOURCES) {
    if (!resource.spec.namespaced) continue;
    for (const namespace of namespaces) out.push({ ...resource, spec: { ...resource.spec, namespace } });
  }
  return out;
}

/** Kinds a namespace-scoped install does not watch (the UI says so where they matter). */
export function clusterScopedKinds(): readonly string[] {
  return WATCHED_RESOURCES.filter((r) => !r.spec.namespaced).map((r) => r.spec.kind);
}
