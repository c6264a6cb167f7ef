import { describe, expect, it } from 'vitest';
import {
  isReplicaHealthy,
  type LonghornReplicaRecord,
  type LonghornVolumeRecord,
  parseLonghornVolumeRecord,
  replicaCounts,
  replicasByVolume,
  toLonghornReplicaRecord,
  toLonghornVolumeRecord,
  volumeSeverity,
} from './longhorn';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

const objects = loadFixtureObjects('longhorn/volumes-replicas-nodes.reconstructed.yaml');
const volumes = ofKind(objects, 'Volume').map((raw) => toLonghornVolumeRecord(raw) as LonghornVolumeRecord);
const replicas = ofKind(objects, 'Replica').map(
  (raw) => toLonghornReplicaRecord(raw) as LonghornReplicaRecord,
);
const [healthy, degraded, faulted, attaching, detached] = volumes as [
  LonghornVolumeRecord,
  LonghornVolumeRecord,
  LonghornVolumeRecord,
  LonghornVolumeRecord,
  LonghornVolumeRecord,
];

describe('Longhorn Volume records from the reconstructed fixture', () => {
  it('parses all five volumes and both replicas', () => {
    expect(volumes.every((v) => v !== undefined)).toBe(true);
    expect(volumes.map((v) => [v.state, v.robustness])).toEqual([
      ['attached', 'healthy'],
      ['attached', 'degraded'],
      ['detached', 'faulted'],
      ['attaching', 'unknown'],
      ['detached', 'unknown'],
    ]);
    expect(replicas).toHaveLength(2);
  });

  it('reads the healthy StatefulSet volume: string size, PVC and workloads', () => {
    expect(healthy).toEqual({
      namespace: 'longhorn-system',
      name: 'pvc-3f2a9c1e-5b7d-4e21-9a0c-7d1e2f3a4b5c',
      state: 'attached',
      robustness: 'healthy',
      sizeBytes: 21474836480,
      actualSizeBytes: 41358761984,
      numberOfReplicas: 3,
      accessMode: 'rwo',
      currentNodeID: 'node-a',
      migrationNodeID: null,
      lastDegradedAt: null,
      kubernetesStatus: {
        pvName: 'pvc-3f2a9c1e-5b7d-4e21-9a0c-7d1e2f3a4b5c',
        pvStatus: 'Bound',
        pvcNamespace: 'monitoring',
        pvcName: 'prometheus-db-prometheus-0',
        pvcLive: true,
        workloads: [
          {
            podName: 'prometheus-0',
            podStatus: 'Running',
            workloadName: 'prometheus',
            workloadType: 'StatefulSet',
          },
        ],
        workloadsLive: true,
      },
    });
  });

  it('reads the degraded RWX volume and its lastDegradedAt', () => {
    expect(degraded).toMatchObject({ accessMode: 'rwx', lastDegradedAt: '2026-06-22T15:03:08.000Z' });
  });

  it('handles workloadsStatus null and empty strings (faulted UI volume)', () => {
    expect(faulted.kubernetesStatus).toEqual({
      pvName: null,
      pvStatus: null,
      pvcNamespace: null,
      pvcName: null,
      pvcLive: true,
      workloads: [],
      workloadsLive: true,
    });
    expect(faulted.currentNodeID).toBeNull();
  });

  it('reads the stuck attaching volume: no current node yet, pending pod', () => {
    expect(attaching).toMatchObject({ state: 'attaching', robustness: 'unknown', currentNodeID: null });
    expect(attaching.kubernetesStatus.workloads[0]).toMatchObject({
      podName: 'coroot-db-6',
      podStatus: 'Pending',
    });
  });

  it('marks kubernetesStatus as history when lastPVCRefAt / lastPodRefAt are set', () => {
    expect(detached.kubernetesStatus).toMatchObject({
      pvcName: 'old-data',
      pvcLive: false,
      workloadsLive: false,
    });
  });

  it('parses the verbatim degraded-migrating volume from the Longhorn KB (elisions dropped)', () => {
    const [raw] = loadFixtureObjects('longhorn/volume-degraded-migrating.longhorn-website-kb.yaml.txt', {
      dropElisions: true,
    });
    const r = parseLonghornVolumeRecord(raw);
    expect(r.ok && r.record).toMatchObject({
      name: 'pvc-abcdefg',
      state: 'attached',
      robustness: 'degraded',
      accessMode: 'rwx',
      numberOfReplicas: 3,
      currentNodeID: 's1',
      migrationNodeID: 't2',
      sizeBytes: null,
    });
    expect(r.ok && volumeSeverity(r.record)).toBe('warning');
  });

  it('maps unexpected robustness values to unknown and rejects Longhorn Node objects', () => {
    const v = toLonghornVolumeRecord({
      metadata: { name: 'v', namespace: 'longhorn-system' },
      status: { robustness: 'weird' },
    });
    expect(v?.robustness).toBe('unknown');
    expect(ofKind(objects, 'Node').map((n) => parseLonghornVolumeRecord(n).ok)).toEqual([false, false]);
  });
});

describe('replicas', () => {
  it('reads replica node/volume/state and failure time', () => {
    expect(replicas[0]).toMatchObject({ nodeID: 'node-a', currentState: 'running', failedAt: null });
    expect(replicas[1]).toMatchObject({
      nodeID: 'node-c',
      currentState: 'stopped',
      failedAt: '2026-06-22T15:03:08.000Z',
    });
  });

  it('counts healthy replicas from Replica CRs (running, not failed, rebuilt)', () => {
    const byVolume = replicasByVolume(replicas);
    expect(replicaCounts(healthy, byVolume.get(healthy.name) ?? [])).toEqual({ desired: 3, healthy: 1 });
  });

  it('a running replica still rebuilding (healthyAt "") is not healthy', () => {
    const rebuilding = toLonghornReplicaRecord({
      metadata: { name: 'r', namespace: 'longhorn-system' },
      spec: { volumeName: 'v', nodeID: 'n', healthyAt: '', failedAt: '' },
      status: { currentState: 'running' },
    }) as LonghornReplicaRecord;
    expect(isReplicaHealthy(rebuilding, true)).toBe(false);
  });

  it('a detached volume counts intact (not failed) stopped replicas', () => {
    const stopped = toLonghornReplicaRecord({
      metadata: {
        name: 'r',
        namespace: 'longhorn-system',
        labels: { longhornvolume: 'v', longhornnode: 'n1' },
      },
      spec: { failedAt: '' },
      status: { currentState: 'stopped' },
    }) as LonghornReplicaRecord;
    expect(stopped).toMatchObject({ volumeName: 'v', nodeID: 'n1' });
    expect(isReplicaHealthy(stopped, false)).toBe(true);
    expect(isReplicaHealthy(stopped, true)).toBe(false);
  });

  it('falls back to robustness when no Replica CRs are known', () => {
    expect(replicaCounts(faulted, [])).toEqual({ desired: 3, healthy: 0 });
    expect(replicaCounts(detached, [])).toEqual({ desired: 2, healthy: null });
    expect(replicaCounts(degraded, [])).toEqual({ desired: 3, healthy: null });
  });
});

describe('volumeSeverity', () => {
  it('faulted → critical, degraded → warning, detached/attaching unknown and healthy → no problem', () => {
    expect(volumes.map(volumeSeverity)).toEqual([null, 'warning', 'critical', null, null]);
  });
});
