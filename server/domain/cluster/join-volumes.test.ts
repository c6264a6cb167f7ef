import { describe, expect, it } from 'vitest';
import { createBadgeMap, finalizeBadges } from './badges';
import { appendVolumeBadges, joinVolumes } from './join-volumes';
import { snapshotFromObjects } from './snapshot-from-objects';
import { rawPod } from './test-support/builders';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

const longhorn = loadFixtureObjects('longhorn/volumes-replicas-nodes.reconstructed.yaml').filter(
  (o) => (o as { kind?: string }).kind !== 'Node',
);
const mapping = loadFixtureObjects('rook-ceph/pool-fs-pv-pvc-pod-mapping.reconstructed.yaml');
const cephWarn = loadFixtureObjects('rook-ceph/cephcluster-health-warn.derived.yaml');
const cephOk = loadFixtureObjects('rook-ceph/cephcluster-health-ok.from-rook-docs.yaml');
const [cephErr] = loadFixtureObjects('rook-ceph/cephcluster-health-err.reconstructed.yaml');

// Pods the Longhorn fixtures' kubernetesStatus and the CephFS PV point at.
const pods = [
  rawPod({
    namespace: 'monitoring',
    name: 'prometheus-0',
    owner: { kind: 'StatefulSet', name: 'prometheus' },
    claims: ['prometheus-db-prometheus-0'],
    nodeName: 'node-a',
  }),
  rawPod({
    namespace: 'webmail',
    name: 'webmail-75c66488d9-t96vf',
    labels: { 'pod-template-hash': '75c66488d9', app: 'webmail' },
    owner: { kind: 'ReplicaSet', name: 'webmail-75c66488d9' },
    claims: ['webmail-maildir'],
  }),
  rawPod({
    namespace: 'observability',
    name: 'coroot-db-6',
    owner: { kind: 'StatefulSet', name: 'coroot-db' },
    claims: ['coroot-db-6'],
    phase: 'Pending',
  }),
  rawPod({
    namespace: 'media',
    name: 'jellyfin-0',
    owner: { kind: 'StatefulSet', name: 'jellyfin' },
    claims: ['shared-media'],
  }),
  rawPod({
    namespace: 'media',
    name: 'done',
    labels: { app: 'oneshot' },
    claims: ['shared-media'],
    phase: 'Succeeded',
  }),
];

const NOW = Date.parse('2026-08-20T10:01:00Z');

describe('joinVolumes on the Longhorn and Rook fixtures', () => {
  const { snapshot, errors } = snapshotFromObjects([...longhorn, ...mapping, ...cephWarn, ...pods]);
  const join = joinVolumes(snapshot, { now: NOW });

  it('parses every fixture object', () => {
    expect(errors).toEqual([]);
    expect(snapshot.longhornVolumes).toHaveLength(5);
    expect(snapshot.installed).toMatchObject({ longhorn: true, ceph: true });
  });

  it('joins Longhorn volumes to PVCs and map nodes, problems first', () => {
    expect(join.longhorn.map((v) => [v.volume.name, v.severity, v.pvc, v.workloads])).toEqual([
      ['vol-recurring', 'critical', null, []],
      [
        'pvc-7c1d2e3f-0a1b-4c2d-8e3f-9a0b1c2d3e4f',
        'warning',
        { namespace: 'webmail', name: 'webmail-maildir' },
        ['webmail/webmail'],
      ],
      ['pvc-0a0b0c0d-1111-4222-8333-444455556666', null, null, []],
      [
        'pvc-13f08497-0000-4000-8000-000000000000',
        null,
        { namespace: 'observability', name: 'coroot-db-6' },
        ['observability/coroot-db'],
      ],
      [
        'pvc-3f2a9c1e-5b7d-4e21-9a0c-7d1e2f3a4b5c',
        null,
        { namespace: 'monitoring', name: 'prometheus-db-prometheus-0' },
        ['monitoring/prometheus'],
      ],
    ]);
  });

  it('counts replicas from Replica CRs where present', () => {
    const healthy = join.longhorn.find((v) => v.volume.name.startsWith('pvc-3f2a'));
    expect(healthy?.replicas).toEqual({ desired: 3, healthy: 1 });
  });

  it('resolves Ceph-backed PVCs (RBD via PVC→PV, CephFS via PV claimRef) to the CephCluster', () => {
    expect(join.ceph).toHaveLength(1);
    const [cluster] = join.ceph;
    expect(cluster?.pvcs).toEqual([
      { namespace: 'db', name: 'data-postgres-0' },
      { namespace: 'media', name: 'shared-media' },
    ]);
    expect(cluster?.workloads).toEqual(['db/postgres', 'media/jellyfin']);
    expect(cluster?.assessment.severity).toBe('warning');
  });

  it('badges: degraded Longhorn → warning; Ceph HEALTH_WARN → warning on every Ceph workload', () => {
    const badges = createBadgeMap();
    appendVolumeBadges(badges, join);
    const out = Object.fromEntries(finalizeBadges(badges));
    expect(Object.keys(out)).toEqual(['db/postgres', 'media/jellyfin', 'webmail/webmail']);
    expect(out['webmail/webmail']).toEqual([
      {
        type: 'volume',
        severity: 'warning',
        message: 'Longhorn volume webmail/webmail-maildir is degraded',
        ref: 'Volume/longhorn-system/pvc-7c1d2e3f-0a1b-4c2d-8e3f-9a0b1c2d3e4f',
      },
    ]);
    expect(out['db/postgres']).toEqual([
      {
        type: 'volume',
        severity: 'warning',
        message: 'Ceph cluster rook-ceph/rook-ceph is HEALTH_WARN: OSD_DOWN 1 osds down',
        ref: 'CephCluster/rook-ceph/rook-ceph',
      },
    ]);
  });

  it('detached unknown volumes and the healthy volume produce no badge', () => {
    const badges = createBadgeMap();
    appendVolumeBadges(badges, join);
    expect(badges.has('monitoring/prometheus')).toBe(false);
    expect(badges.has('observability/coroot-db')).toBe(false);
  });
});

describe('Ceph health drives the badge severity', () => {
  it('HEALTH_OK → no Ceph badges; HEALTH_ERR → critical', () => {
    const okJoin = joinVolumes(snapshotFromObjects([...mapping, ...cephOk, ...pods]).snapshot, { now: NOW });
    const okBadges = createBadgeMap();
    appendVolumeBadges(okBadges, okJoin);
    expect(okBadges.size).toBe(0);

    const errJoin = joinVolumes(snapshotFromObjects([...mapping, cephErr, ...pods]).snapshot, { now: NOW });
    const errBadges = createBadgeMap();
    appendVolumeBadges(errBadges, errJoin);
    expect(errBadges.get('db/postgres')?.[0]).toMatchObject({
      severity: 'critical',
      ref: 'CephCluster/rook-ceph/rook-ceph',
    });
  });

  it('with several CephClusters the clusterID picks the one in that namespace', () => {
    const other = {
      apiVersion: 'ceph.rook.io/v1',
      kind: 'CephCluster',
      metadata: { name: 'backup', namespace: 'rook-backup' },
      status: { ceph: { health: 'HEALTH_ERR' } },
    };
    const join = joinVolumes(snapshotFromObjects([...mapping, ...cephWarn, other, ...pods]).snapshot, {
      now: NOW,
    });
    const byName = Object.fromEntries(join.ceph.map((c) => [c.cluster.namespace, c.workloads]));
    expect(byName).toEqual({ 'rook-backup': [], 'rook-ceph': ['db/postgres', 'media/jellyfin'] });
  });
});

describe('Longhorn via StorageClass-less PV lookups', () => {
  it('faulted volume with a live PVC badges its workload critical, with replica counts', () => {
    const volume = {
      apiVersion: 'longhorn.io/v1beta2',
      kind: 'Volume',
      metadata: { name: 'pvc-x', namespace: 'longhorn-system' },
      spec: { numberOfReplicas: 2, size: '1073741824' },
      status: {
        state: 'attached',
        robustness: 'faulted',
        kubernetesStatus: {
          namespace: 'app',
          pvcName: 'data',
          lastPVCRefAt: '',
          lastPodRefAt: '',
          workloadsStatus: null,
        },
      },
    };
    const pod = rawPod({
      namespace: 'app',
      name: 'api-0',
      owner: { kind: 'StatefulSet', name: 'api' },
      claims: ['data'],
    });
    const join = joinVolumes(snapshotFromObjects([volume, pod]).snapshot, { now: NOW });
    const badges = createBadgeMap();
    appendVolumeBadges(badges, join);
    expect(badges.get('app/api')).toEqual([
      {
        type: 'volume',
        severity: 'critical',
        message: 'Longhorn volume app/data is faulted (0/2 replicas healthy)',
        ref: 'Volume/longhorn-system/pvc-x',
      },
    ]);
  });

  it('reads the fixture pod list: ofKind helper sanity', () => {
    expect(ofKind(mapping, 'Pod')).toHaveLength(1);
  });
});
