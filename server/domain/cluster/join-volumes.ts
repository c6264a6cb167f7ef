/*
 * Volumes → PVCs → pods (`spec.volumes[].persistentVolumeClaim.claimName`, generic ephemeral
 * `<pod>-<volume>`) → service-map node ids.
 *
 * Longhorn: the PVC comes from the PV whose CSI handle is the Volume name (driver.longhorn.io), else
 * from the Volume's own `kubernetesStatus` while it is live. Pods listed in `workloadsStatus` (live)
 * count too when they exist in the snapshot.
 * Ceph: a PVC is Ceph-backed when its PV's CSI driver (or its StorageClass provisioner) is a Ceph-CSI
 * driver; its CephCluster is the one in the namespace named by `clusterID` (PV volumeAttributes or SC
 * parameters), or the only CephCluster when there is exactly one. A cluster that is not HEALTH_OK
 * badges every workload on such a PVC.
 */

import { addBadgeToAll, type BadgeMap, type BadgeSeverity } from './badges';
import { assessCephCluster, type CephAssessment, type CephClusterRecord } from './ceph';
import {
  type LonghornVolumeRecord,
  type ReplicaCounts,
  replicaCounts,
  replicasByVolume,
  type VolumeSeverity,
  volumeSeverity,
} from './longhorn';
import { isPodActive, mapNodeIdForPod, type PodRecord, podsByClaim } from './pods';
import { nsKey, sortedUnique } from './raw-json';
import type { ClusterContext, ClusterSnapshot } from './snapshot';
import { buildStorageIndex, cephDriverKind, LONGHORN_CSI_DRIVER, type StorageIndex } from './storage';

export interface ClaimRef {
  readonly namespace: string;
  readonly name: string;
}

export interface LonghornVolumeJoin {
  readonly volume: LonghornVolumeRecord;
  readonly replicas: ReplicaCounts;
  readonly pvc: ClaimRef | null;
  readonly workloads: readonly string[];
  readonly severity: VolumeSeverity;
}

export interface CephClusterJoin {
  readonly cluster: CephClusterRecord;
  readonly assessment: CephAssessment;
  /** Ceph-backed claims resolved to this cluster, sorted by namespace/name. */
  readonly pvcs: readonly ClaimRef[];
  readonly workloads: readonly string[];
}

export interface VolumeJoin {
  readonly longhorn: readonly LonghornVolumeJoin[];
  readonly ceph: readonly CephClusterJoin[];
}

function mapIds(pods: Iterable<PodRecord>): Set<string> {
  const out = new Set<string>();
  for (const pod of pods) if (isPodActive(pod)) out.add(mapNodeIdForPod(pod));
  return out;
}

function longhornClaim(volume: LonghornVolumeRecord, storage: StorageIndex): ClaimRef | null {
  const pv = storage.pvByHandle(LONGHORN_CSI_DRIVER, volume.name);
  if (pv?.claimRef != null && (pv.phase === null || pv.phase === 'Bound')) return pv.claimRef;
  const ks = volume.kubernetesStatus;
  if (ks.pvcLive && ks.pvcNamespace !== null && ks.pvcName !== null) {
    return { namespace: ks.pvcNamespace, name: ks.pvcName };
  }
  return null;
}

function joinLonghorn(
  snapshot: ClusterSnapshot,
  storage: StorageIndex,
  byClaim: Map<string, PodRecord[]>,
): LonghornVolumeJoin[] {
  const replicas = replicasByVolume(snapshot.longhornReplicas);
  const podByName = new Map<string, PodRecord>();
  for (const pod of snapshot.pods) podByName.set(nsKey(pod.namespace, pod.name), pod);
  return snapshot.longhornVolumes
    .map((volume) => {
      const pvc = longhornClaim(volume, storage);
      const pods: PodRecord[] = pvc === null ? [] : [...(byClaim.get(nsKey(pvc.namespace, pvc.name)) ?? [])];
      const ks = volume.kubernetesStatus;
      const podNs = pvc?.namespace ?? ks.pvcNamespace;
      if (ks.workloadsLive && podNs !== null) {
        for (const w of ks.workloads) {
          const pod = podByName.get(nsKey(podNs, w.podName));
          if (pod !== undefined) pods.push(pod);
        }
      }
      return {
        volume,
        replicas: replicaCounts(volume, replicas.get(volume.name) ?? []),
        pvc,
        workloads: sortedUnique(mapIds(pods)),
        severity: volumeSeverity(volume),
      };
    })
    .sort(
      (a, b) => severityRank(a.severity) - severityRank(b.severity) || compare(a.volume.name, b.volume.name),
    );
}

function severityRank(severity: VolumeSeverity): number {
  return severity === 'critical' ? 0 : severity === 'warning' ? 1 : 2;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resolveCluster(
  clusterID: string | null,
  clusters: readonly CephClusterRecord[],
): CephClusterRecord | undefined {
  if (clusterID !== null) {
    const match = clusters.find((c) => c.namespace === clusterID);
    if (match !== undefined) return match;
  }
  return clusters.length === 1 ? clusters[0] : undefined;
}

function joinCeph(
  snapshot: ClusterSnapshot,
  storage: StorageIndex,
  byClaim: Map<string, PodRecord[]>,
  ctx: ClusterContext,
): CephClusterJoin[] {
  const claims = new Map<string, ClaimRef>();
  for (const pvc of snapshot.pvcs) claims.set(nsKey(pvc.namespace, pvc.name), pvc);
  for (const pod of snapshot.pods) {
    for (const claim of pod.claimNames)
      claims.set(nsKey(pod.namespace, claim), { namespace: pod.namespace, name: claim });
  }
  const perCluster = new Map<CephClusterRecord, { pvcs: ClaimRef[]; pods: PodRecord[] }>();
  for (const cluster of snapshot.cephClusters) perCluster.set(cluster, { pvcs: [], pods: [] });
  for (const [key, claim] of claims) {
    const backing = storage.backing(claim.namespace, claim.name);
    if (cephDriverKind(backing.driver) === null) continue;
    const cluster = resolveCluster(backing.cephClusterID, snapshot.cephClusters);
    const entry = cluster === undefined ? undefined : perCluster.get(cluster);
    if (entry === undefined) continue;
    entry.pvcs.push({ namespace: claim.namespace, name: claim.name });
    entry.pods.push(...(byClaim.get(key) ?? []));
  }
  return [...perCluster.entries()]
    .map(([cluster, entry]) => ({
      cluster,
      assessment: assessCephCluster(cluster, ctx.now, { staleAfterMs: ctx.cephStaleAfterMs }),
      pvcs: entry.pvcs.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name)),
      workloads: sortedUnique(mapIds(entry.pods)),
    }))
    .sort(
      (a, b) => compare(a.cluster.namespace, b.cluster.namespace) || compare(a.cluster.name, b.cluster.name),
    );
}

export function joinVolumes(snapshot: ClusterSnapshot, ctx: ClusterContext): VolumeJoin {
  const storage = buildStorageIndex(snapshot.pvcs, snapshot.pvs, snapshot.storageClasses);
  const byClaim = podsByClaim(snapshot.pods);
  return {
    longhorn: joinLonghorn(snapshot, storage, byClaim),
    ceph: joinCeph(snapshot, storage, byClaim, ctx),
  };
}

function longhornMessage(join: LonghornVolumeJoin): string {
  const v = join.volume;
  const what = join.pvc === null ? v.name : `${join.pvc.namespace}/${join.pvc.name}`;
  const { desired, healthy } = join.replicas;
  const counts = desired !== null && healthy !== null ? ` (${healthy}/${desired} replicas healthy)` : '';
  return `Longhorn volume ${what} is ${v.robustness}${counts}`;
}

function cephMessage(join: CephClusterJoin): string {
  const c = join.cluster;
  const top = c.details[0];
  return `Ceph cluster ${c.namespace}/${c.name} is ${c.health}${top === undefined ? '' : `: ${top.code} ${top.message}`}`;
}

/**
 * Longhorn: faulted → critical, degraded → warning on every workload using the volume.
 * Ceph: HEALTH_ERR → critical, any other non-OK health → warning on every workload on a PVC of it.
 */
export function appendVolumeBadges(map: BadgeMap, join: VolumeJoin): void {
  for (const lh of join.longhorn) {
    if (lh.severity === null || lh.workloads.length === 0) continue;
    addBadgeToAll(map, lh.workloads, {
      type: 'volume',
      severity: lh.severity,
      message: longhornMessage(lh),
      ref: `Volume/${lh.volume.namespace}/${lh.volume.name}`,
    });
  }
  for (const cj of join.ceph) {
    const health = cj.cluster.health;
    if (health === null || health === 'HEALTH_OK' || cj.workloads.length === 0) continue;
    const severity: BadgeSeverity = health === 'HEALTH_ERR' ? 'critical' : 'warning';
    addBadgeToAll(map, cj.workloads, {
      type: 'volume',
      severity,
      message: cephMessage(cj),
      ref: `CephCluster/${cj.cluster.namespace}/${cj.cluster.name}`,
    });
  }
}
