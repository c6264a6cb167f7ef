import { describe, expect, it } from 'vitest';
import {
  buildStorageIndex,
  cephDriverKind,
  type PvcRecord,
  type PvRecord,
  parsePvRecord,
  type StorageClassRecord,
  toPvcRecord,
  toPvRecord,
  toStorageClassRecord,
} from './storage';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

const objects = loadFixtureObjects('rook-ceph/pool-fs-pv-pvc-pod-mapping.reconstructed.yaml');
const pvcs = ofKind(objects, 'PersistentVolumeClaim').map((o) => toPvcRecord(o) as PvcRecord);
const pvs = ofKind(objects, 'PersistentVolume').map((o) => toPvRecord(o) as PvRecord);
const classes = ofKind(objects, 'StorageClass').map((o) => toStorageClassRecord(o) as StorageClassRecord);

describe('storage records from the Rook mapping fixture', () => {
  it('parses the PVC', () => {
    expect(pvcs).toEqual([
      {
        namespace: 'db',
        name: 'data-postgres-0',
        storageClassName: 'rook-ceph-block',
        volumeName: 'pvc-4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8',
        phase: 'Bound',
        accessModes: ['ReadWriteOnce'],
        capacity: '10Gi',
      },
    ]);
  });

  it('parses RBD, CephFS and Longhorn PVs', () => {
    expect(pvs.map((p) => [p.csiDriver, p.clusterID, p.claimRef?.name])).toEqual([
      ['rook-ceph.rbd.csi.ceph.com', 'rook-ceph', 'data-postgres-0'],
      ['rook-ceph.cephfs.csi.ceph.com', 'rook-ceph', 'shared-media'],
      ['driver.longhorn.io', null, 'prometheus-db-prometheus-0'],
    ]);
    expect(pvs[2]?.volumeHandle).toBe('pvc-3f2a9c1e-5b7d-4e21-9a0c-7d1e2f3a4b5c');
  });

  it('parses StorageClasses with parameters', () => {
    expect(classes.map((c) => [c.name, c.provisioner, c.parameters.clusterID])).toEqual([
      ['rook-ceph-block', 'rook-ceph.rbd.csi.ceph.com', 'rook-ceph'],
      ['rook-cephfs', 'rook-ceph.cephfs.csi.ceph.com', 'rook-ceph'],
    ]);
  });

  it('PVs are cluster-scoped: no namespace needed, but a name is', () => {
    expect(parsePvRecord({ metadata: { name: 'pv1' } }).ok).toBe(true);
    expect(parsePvRecord({ metadata: {} }).ok).toBe(false);
  });
});

describe('cephDriverKind', () => {
  it('recognises Ceph-CSI drivers of any operator namespace', () => {
    expect(cephDriverKind('rook-ceph.rbd.csi.ceph.com')).toBe('rbd');
    expect(cephDriverKind('storage.cephfs.csi.ceph.com')).toBe('cephfs');
    expect(cephDriverKind('driver.longhorn.io')).toBeNull();
    expect(cephDriverKind('ebs.csi.aws.com')).toBeNull();
    expect(cephDriverKind(null)).toBeNull();
  });
});

describe('buildStorageIndex', () => {
  const index = buildStorageIndex(pvcs, pvs, classes);

  it('resolves the PVC backing through its PV', () => {
    expect(index.backing('db', 'data-postgres-0')).toMatchObject({
      driver: 'rook-ceph.rbd.csi.ceph.com',
      cephClusterID: 'rook-ceph',
    });
  });

  it('resolves a claim without a PVC object through PV claimRef', () => {
    expect(index.pvForClaim('media', 'shared-media')?.csiDriver).toBe('rook-ceph.cephfs.csi.ceph.com');
  });

  it('falls back to the StorageClass provisioner when no PV exists yet', () => {
    const pending = toPvcRecord({
      metadata: { name: 'new', namespace: 'x' },
      spec: { storageClassName: 'rook-cephfs' },
      status: { phase: 'Pending' },
    }) as PvcRecord;
    const idx = buildStorageIndex([pending], [], classes);
    expect(idx.backing('x', 'new')).toEqual({
      driver: 'rook-ceph.cephfs.csi.ceph.com',
      pv: null,
      cephClusterID: 'rook-ceph',
    });
  });

  it('finds Longhorn PVs by CSI handle', () => {
    expect(
      index.pvByHandle('driver.longhorn.io', 'pvc-3f2a9c1e-5b7d-4e21-9a0c-7d1e2f3a4b5c')?.claimRef,
    ).toEqual({
      namespace: 'monitoring',
      name: 'prometheus-db-prometheus-0',
    });
  });
});
