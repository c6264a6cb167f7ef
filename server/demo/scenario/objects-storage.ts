// StorageClasses, PVCs and PVs for Longhorn and Rook-Ceph (RBD + CephFS) volumes.
import { uuidFor } from './prng';
import { created, meta, obj, type RenderContext } from './render-context';
import { claims } from './storage-model';
import type { KubeObject } from './types';

const DRIVER = {
  longhorn: 'driver.longhorn.io',
  'rook-ceph-block': 'rook-ceph.rbd.csi.ceph.com',
  'rook-cephfs': 'rook-ceph.cephfs.csi.ceph.com',
} as const;

export function renderStorage(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  const out: KubeObject[] = [
    obj(
      'storage.k8s.io/v1',
      'StorageClass',
      meta({
        name: 'longhorn',
        uid: uuidFor(seed, 'StorageClass/longhorn'),
        creationTimestamp: created(ctx, 1),
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      }),
      {
        provisioner: DRIVER.longhorn,
        parameters: {
          dataLocality: 'disabled',
          fromBackup: '',
          fsType: 'ext4',
          numberOfReplicas: '2',
          staleReplicaTimeout: '30',
        },
        reclaimPolicy: 'Delete',
        allowVolumeExpansion: true,
        volumeBindingMode: 'Immediate',
      },
    ),
    obj(
      'storage.k8s.io/v1',
      'StorageClass',
      meta({
        name: 'rook-ceph-block',
        uid: uuidFor(seed, 'StorageClass/rook-ceph-block'),
        creationTimestamp: created(ctx, 1),
      }),
      {
        provisioner: DRIVER['rook-ceph-block'],
        parameters: {
          clusterID: 'rook-ceph',
          pool: 'replicapool',
          imageFormat: '2',
          imageFeatures: 'layering',
          'csi.storage.k8s.io/fstype': 'ext4',
          'csi.storage.k8s.io/provisioner-secret-name': 'rook-csi-rbd-provisioner',
          'csi.storage.k8s.io/provisioner-secret-namespace': 'rook-ceph',
          'csi.storage.k8s.io/node-stage-secret-name': 'rook-csi-rbd-node',
          'csi.storage.k8s.io/node-stage-secret-namespace': 'rook-ceph',
        },
        reclaimPolicy: 'Delete',
        allowVolumeExpansion: true,
        volumeBindingMode: 'Immediate',
      },
    ),
    obj(
      'storage.k8s.io/v1',
      'StorageClass',
      meta({
        name: 'rook-cephfs',
        uid: uuidFor(seed, 'StorageClass/rook-cephfs'),
        creationTimestamp: created(ctx, 1),
      }),
      {
        provisioner: DRIVER['rook-cephfs'],
        parameters: { clusterID: 'rook-ceph', fsName: 'myfs', pool: 'myfs-replicated' },
        reclaimPolicy: 'Delete',
        allowVolumeExpansion: true,
        volumeBindingMode: 'Immediate',
      },
    ),
  ];
  for (const c of claims(ctx)) {
    const driver = DRIVER[c.storageClass];
    const createdAt = created(ctx, 4);
    out.push(
      obj(
        'v1',
        'PersistentVolumeClaim',
        meta({
          name: c.name,
          namespace: c.ns,
          uid: c.uid,
          creationTimestamp: createdAt,
          annotations: {
            'pv.kubernetes.io/bind-completed': 'yes',
            'pv.kubernetes.io/bound-by-controller': 'yes',
            'volume.beta.kubernetes.io/storage-provisioner': driver,
            'volume.kubernetes.io/storage-provisioner': driver,
          },
          finalizers: ['kubernetes.io/pvc-protection'],
        }),
        {
          spec: {
            accessModes: [c.accessMode],
            resources: { requests: { storage: c.size } },
            storageClassName: c.storageClass,
            volumeMode: 'Filesystem',
            volumeName: c.pvName,
          },
          status: { phase: 'Bound', accessModes: [c.accessMode], capacity: { storage: c.size } },
        },
      ),
    );
    const csiId = c.uid;
    let csi: Record<string, unknown>;
    if (c.storageClass === 'longhorn') {
      csi = {
        driver,
        fsType: 'ext4',
        volumeHandle: c.pvName,
        volumeAttributes: {
          dataLocality: 'disabled',
          numberOfReplicas: '2',
          staleReplicaTimeout: '30',
          'storage.kubernetes.io/csiProvisionerIdentity': '1754000000000-8081-driver.longhorn.io',
        },
      };
    } else if (c.storageClass === 'rook-ceph-block') {
      csi = {
        driver,
        fsType: 'ext4',
        volumeHandle: `0001-0009-rook-ceph-0000000000000002-${csiId}`,
        volumeAttributes: {
          clusterID: 'rook-ceph',
          pool: 'replicapool',
          journalPool: 'replicapool',
          imageName: `csi-vol-${csiId}`,
          imageFeatures: 'layering',
          imageFormat: '2',
          'storage.kubernetes.io/csiProvisionerIdentity': '1754000000000-1234-rook-ceph.rbd.csi.ceph.com',
        },
      };
    } else {
      csi = {
        driver,
        volumeHandle: `0001-0009-rook-ceph-0000000000000001-${csiId}`,
        volumeAttributes: {
          clusterID: 'rook-ceph',
          fsName: 'myfs',
          pool: 'myfs-replicated',
          subvolumeName: `csi-vol-${csiId}`,
          subvolumePath: `/volumes/csi/csi-vol-${csiId}/${uuidFor(seed, `subvol/${csiId}`)}`,
          'storage.kubernetes.io/csiProvisionerIdentity': '1754000000000-5678-rook-ceph.cephfs.csi.ceph.com',
        },
      };
    }
    out.push(
      obj(
        'v1',
        'PersistentVolume',
        meta({
          name: c.pvName,
          uid: uuidFor(seed, `PersistentVolume/${c.pvName}`),
          creationTimestamp: createdAt,
          annotations: {
            'pv.kubernetes.io/provisioned-by': driver,
            'volume.kubernetes.io/provisioner-deletion-secret-name': '',
            'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
          },
          finalizers: ['external-provisioner.volume.kubernetes.io/finalizer', 'kubernetes.io/pv-protection'],
        }),
        {
          spec: {
            accessModes: [c.accessMode],
            capacity: { storage: c.size },
            claimRef: {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              name: c.name,
              namespace: c.ns,
              uid: c.uid,
            },
            csi,
            persistentVolumeReclaimPolicy: 'Delete',
            storageClassName: c.storageClass,
            volumeMode: 'Filesystem',
          },
          status: { phase: 'Bound' },
        },
      ),
    );
  }
  return out;
}
