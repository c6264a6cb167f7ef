/*
 * Longhorn (longhorn.io/v1beta2) Volume and Replica records.
 *
 * Quirks encoded here: `spec.size` is a decimal string, timestamps are "" when unset, and
 * `kubernetesStatus.workloadsStatus` may be null. A non-empty `lastPVCRefAt` / `lastPodRefAt` means the
 * PVC / workload fields are history (the PVC or pods are gone), not live links.
 * Robustness `unknown` is what every detached volume reports; it is not a problem by itself.
 */

import {
  array,
  num,
  ok,
  type ParseResult,
  path,
  readMeta,
  recordOrUndefined,
  str,
  timestamp,
} from './raw-json';

export type Robustness = 'healthy' | 'degraded' | 'faulted' | 'unknown';

export interface LonghornWorkloadStatus {
  readonly podName: string;
  readonly podStatus: string | null;
  /** The pod's first owner reference (a ReplicaSet name for Deployments). */
  readonly workloadName: string | null;
  readonly workloadType: string | null;
}

export interface LonghornKubernetesStatus {
  readonly pvName: string | null;
  readonly pvStatus: string | null;
  readonly pvcNamespace: string | null;
  readonly pvcName: string | null;
  /** False when `lastPVCRefAt` is set: pvc fields describe a claim that no longer binds the volume. */
  readonly pvcLive: boolean;
  readonly workloads: readonly LonghornWorkloadStatus[];
  /** False when `lastPodRefAt` is set: workloads are history. */
  readonly workloadsLive: boolean;
}

export interface LonghornVolumeRecord {
  readonly namespace: string;
  readonly name: string;
  /** creating | attached | detached | attaching | detaching | deleting (null if not reported). */
  readonly state: string | null;
  readonly robustness: Robustness;
  readonly sizeBytes: number | null;
  readonly actualSizeBytes: number | null;
  readonly numberOfReplicas: number | null;
  readonly accessMode: string | null;
  /** Node where the engine runs ("" upstream when detached → null). */
  readonly currentNodeID: string | null;
  readonly migrationNodeID: string | null;
  readonly lastDegradedAt: string | null;
  readonly kubernetesStatus: LonghornKubernetesStatus;
}

export interface LonghornReplicaRecord {
  readonly namespace: string;
  readonly name: string;
  readonly volumeName: string | null;
  readonly nodeID: string | null;
  /** running | stopped | error | starting | stopping | unknown | suspended | terminated. */
  readonly currentState: string | null;
  readonly failedAt: string | null;
  /** null when the field is absent (older managers); "" upstream (never healthy yet) is also null. */
  readonly healthyAt: string | null;
  readonly hasHealthyAtField: boolean;
}

function robustnessOf(value: unknown): Robustness {
  return value === 'healthy' || value === 'degraded' || value === 'faulted' ? value : 'unknown';
}

function workloadsOf(value: unknown): LonghornWorkloadStatus[] {
  const out: LonghornWorkloadStatus[] = [];
  for (const w of array(value)) {
    const podName = str(path(w, 'podName'));
    if (podName === null) continue;
    out.push({
      podName,
      podStatus: str(path(w, 'podStatus')),
      workloadName: str(path(w, 'workloadName')),
      workloadType: str(path(w, 'workloadType')),
    });
  }
  return out;
}

export function parseLonghornVolumeRecord(raw: unknown): ParseResult<LonghornVolumeRecord> {
  const meta = readMeta(raw, 'Volume', true);
  if (!meta.ok) return meta;
  const spec = path(raw, 'spec');
  const status = path(raw, 'status');
  const ks = path(status, 'kubernetesStatus');
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    state: str(path(status, 'state')),
    robustness: robustnessOf(path(status, 'robustness')),
    sizeBytes: num(path(spec, 'size')),
    actualSizeBytes: num(path(status, 'actualSize')),
    numberOfReplicas: num(path(spec, 'numberOfReplicas')),
    accessMode: str(path(spec, 'accessMode')),
    currentNodeID: str(path(status, 'currentNodeID')),
    migrationNodeID: str(path(status, 'currentMigrationNodeID')),
    lastDegradedAt: timestamp(path(status, 'lastDegradedAt')),
    kubernetesStatus: {
      pvName: str(path(ks, 'pvName')),
      pvStatus: str(path(ks, 'pvStatus')),
      pvcNamespace: str(path(ks, 'namespace')),
      pvcName: str(path(ks, 'pvcName')),
      pvcLive: timestamp(path(ks, 'lastPVCRefAt')) === null,
      workloads: workloadsOf(path(ks, 'workloadsStatus')),
      workloadsLive: timestamp(path(ks, 'lastPodRefAt')) === null,
    },
  });
}

export function toLonghornVolumeRecord(raw: unknown): LonghornVolumeRecord | undefined {
  return recordOrUndefined(parseLonghornVolumeRecord(raw));
}

export function parseLonghornReplicaRecord(raw: unknown): ParseResult<LonghornReplicaRecord> {
  const meta = readMeta(raw, 'Replica', true);
  if (!meta.ok) return meta;
  const spec = path(raw, 'spec');
  const labels = meta.record.labels;
  const healthyAtRaw = path(spec, 'healthyAt');
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    volumeName: str(path(spec, 'volumeName')) ?? str(labels.longhornvolume),
    nodeID: str(path(spec, 'nodeID')) ?? str(labels.longhornnode),
    currentState: str(path(raw, 'status', 'currentState')),
    failedAt: timestamp(path(spec, 'failedAt')),
    healthyAt: timestamp(healthyAtRaw),
    hasHealthyAtField: healthyAtRaw !== undefined,
  });
}

export function toLonghornReplicaRecord(raw: unknown): LonghornReplicaRecord | undefined {
  return recordOrUndefined(parseLonghornReplicaRecord(raw));
}

/**
 * A replica that holds a usable copy of the data. While the volume is attached that means running,
 * not failed, and (when the manager reports it) rebuilt at least once; a detached volume's replicas
 * are all stopped, so there only "not failed" counts.
 */
export function isReplicaHealthy(replica: LonghornReplicaRecord, volumeAttached: boolean): boolean {
  if (replica.failedAt !== null) return false;
  if (!volumeAttached) return true;
  if (replica.currentState !== 'running') return false;
  return !replica.hasHealthyAtField || replica.healthyAt !== null;
}

export interface ReplicaCounts {
  readonly desired: number | null;
  /** null when no Replica objects are known for the volume and robustness does not pin the count. */
  readonly healthy: number | null;
}

/** Desired vs healthy replicas, from the Replica CRs of this volume (falling back to robustness). */
export function replicaCounts(
  volume: LonghornVolumeRecord,
  replicasOfVolume: readonly LonghornReplicaRecord[],
): ReplicaCounts {
  const desired = volume.numberOfReplicas;
  if (replicasOfVolume.length > 0) {
    const attached = volume.state !== 'detached';
    const healthy = replicasOfVolume.filter((r) => isReplicaHealthy(r, attached)).length;
    return { desired, healthy };
  }
  if (volume.robustness === 'faulted') return { desired, healthy: 0 };
  if (volume.robustness === 'healthy') return { desired, healthy: desired };
  return { desired, healthy: null };
}

/** Replica CRs grouped by volume name. */
export function replicasByVolume(
  replicas: Iterable<LonghornReplicaRecord>,
): Map<string, LonghornReplicaRecord[]> {
  const out = new Map<string, LonghornReplicaRecord[]>();
  for (const r of replicas) {
    if (r.volumeName === null) continue;
    const list = out.get(r.volumeName);
    if (list === undefined) out.set(r.volumeName, [r]);
    else list.push(r);
  }
  return out;
}

export type VolumeSeverity = 'critical' | 'warning' | null;

/** faulted → critical, degraded → warning; unknown (always so when detached) and healthy → none. */
export function volumeSeverity(volume: LonghornVolumeRecord): VolumeSeverity {
  if (volume.robustness === 'faulted') return 'critical';
  if (volume.robustness === 'degraded') return 'warning';
  return null;
}
