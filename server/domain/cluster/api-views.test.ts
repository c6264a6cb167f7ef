import { describe, expect, it } from 'vitest';
import { buildClusterViews } from './cluster-views';
import { emptyClusterSnapshot } from './snapshot';
import { snapshotFromObjects } from './snapshot-from-objects';
import { deploymentPod, rawPod, rawService } from './test-support/builders';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

const certFixture = loadFixtureObjects('cert-manager/certificates.reconstructed.yaml');
const certs = ofKind(certFixture, 'Certificate');
const objects = [
  certs[1], // web-ssl while renewing
  certs[3], // failed first issuance
  certs[5], // api-shop-tls
  ...ofKind(certFixture, 'Ingress'),
  ...ofKind(certFixture, 'Gateway'),
  ...ofKind(certFixture, 'HTTPRoute'),
  ...loadFixtureObjects('longhorn/volumes-replicas-nodes.reconstructed.yaml'),
  ...loadFixtureObjects('rook-ceph/pool-fs-pv-pvc-pod-mapping.reconstructed.yaml'),
  ...loadFixtureObjects('rook-ceph/cephcluster-health-warn.derived.yaml'),
  ...loadFixtureObjects('nodes/nodes.reconstructed.yaml'),
  rawService('default', 'web', { app: 'web' }),
  rawService('shop', 'api', { app: 'api' }),
  deploymentPod('default', 'web', { app: 'web' }, { nodeName: 'talos-worker-2' }),
  deploymentPod('shop', 'api', { app: 'api' }, { nodeName: 'talos-cp-1' }),
  rawPod({
    namespace: 'webmail',
    name: 'webmail-75c66488d9-t96vf',
    labels: { 'pod-template-hash': '75c66488d9' },
    owner: { kind: 'ReplicaSet', name: 'webmail-75c66488d9' },
    claims: ['webmail-maildir'],
    nodeName: 'nixos-worker-1',
  }),
];
const NOW = Date.parse('2022-10-01T00:00:00Z');
const { snapshot, errors } = snapshotFromObjects(objects);
const views = buildClusterViews(snapshot, {
  now: NOW,
  hubbleNodes: [{ name: 'talos-worker-2', state: 'NODE_UNAVAILABLE' }],
});

describe('GET /api/certificates body', () => {
  it('has the documented shape, sorted by urgency', () => {
    expect(errors).toEqual([]);
    expect(views.certificates.installed).toBe(true);
    expect(views.certificates.certificates.map((c) => [c.name, c.status])).toEqual([
      ['pca-issuer-rsa-cert-retry-blah-1', 'failed'],
      ['web-ssl', 'expiring'],
      ['api-shop-tls', 'ok'],
    ]);
    expect(views.certificates.certificates[1]).toEqual({
      namespace: 'default',
      name: 'web-ssl',
      secretName: 'web-ssl',
      dnsNames: ['www.example.com'],
      issuer: { kind: 'Issuer', name: 'letsencrypt-staging' },
      notAfter: '2022-10-12T15:34:51.000Z',
      renewalTime: '2022-09-12T15:34:51.000Z',
      daysLeft: 11,
      ready: true,
      status: 'expiring',
      reason: 'Ready',
      message: 'Certificate is up to date and has not expired',
      usedBy: [{ kind: 'Ingress', namespace: 'default', name: 'web-ingress' }],
      services: ['default/web'],
      failedIssuanceAttempts: 0,
      lastFailureTime: null,
    });
  });

  it('survives a JSON round trip unchanged (plain data only)', () => {
    expect(JSON.parse(JSON.stringify(views.certificates))).toEqual(views.certificates);
    expect(JSON.parse(JSON.stringify(views.volumes))).toEqual(views.volumes);
  });
});

describe('GET /api/volumes body', () => {
  it('lists Longhorn volumes with replicas/pvc/node/workloads', () => {
    const v = views.volumes.longhorn.volumes.find((x) => x.robustness === 'degraded');
    expect(views.volumes.longhorn.installed).toBe(true);
    expect(v).toEqual({
      name: 'pvc-7c1d2e3f-0a1b-4c2d-8e3f-9a0b1c2d3e4f',
      state: 'attached',
      robustness: 'degraded',
      size: 2147483648,
      replicas: { desired: 3, healthy: null },
      pvc: { namespace: 'webmail', name: 'webmail-maildir' },
      node: 'node-b',
      workloads: ['webmail/webmail'],
    });
  });

  it('lists Ceph clusters and pools', () => {
    expect(views.volumes.ceph.installed).toBe(true);
    expect(views.volumes.ceph.clusters).toHaveLength(1);
    expect(views.volumes.ceph.clusters[0]).toMatchObject({
      namespace: 'rook-ceph',
      name: 'rook-ceph',
      health: 'HEALTH_WARN',
      capacity: { bytesTotal: 33436786688, bytesUsed: 13611479040, bytesAvailable: 19825307648 },
      lastChecked: '2026-08-20T10:00:00.000Z',
      phase: 'Ready',
      stale: false,
      workloads: ['db/postgres'],
    });
    expect(views.volumes.ceph.clusters[0]?.details[0]).toEqual({
      code: 'OSD_DOWN',
      severity: 'HEALTH_WARN',
      message: '1 osds down',
    });
    expect(views.volumes.ceph.pools).toEqual([
      {
        kind: 'CephBlockPool',
        namespace: 'rook-ceph',
        name: 'replicapool',
        phase: 'Ready',
        type: 'Replicated',
        failureDomain: 'host',
      },
      {
        kind: 'CephFilesystem',
        namespace: 'rook-ceph',
        name: 'myfs',
        phase: 'Ready',
        type: null,
        failureDomain: null,
      },
    ]);
  });
});

describe('GET /api/nodes body', () => {
  it('has one row per node with booleans for conditions (null = Unknown)', () => {
    const worker = views.nodes.nodes.find((n) => n.name === 'talos-worker-2');
    expect(worker).toEqual({
      name: 'talos-worker-2',
      ready: false,
      conditions: { MemoryPressure: null, DiskPressure: null, PIDPressure: null, NetworkUnavailable: null },
      unschedulable: true,
      taints: [
        { key: 'node.kubernetes.io/unschedulable', value: null, effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', value: null, effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', value: null, effect: 'NoExecute' },
      ],
      roles: [],
      os: { family: 'talos', version: 'v1.11.2', image: 'Talos (v1.11.2)' },
      kernel: '6.12.48-talos',
      kubelet: 'v1.34.1',
      runtime: 'containerd://2.1.4',
      arch: 'arm64',
      hubble: { state: 'unavailable', flowsSeen: null },
      flowsPerSecond: null,
      dropsPerSecond: null,
      pods: 1,
      longhornReplicas: 0,
    });
    const nixos = views.nodes.nodes.find((n) => n.name === 'nixos-worker-1');
    expect(nixos?.conditions).toEqual({
      MemoryPressure: true,
      DiskPressure: false,
      PIDPressure: false,
      NetworkUnavailable: null,
    });
    expect(views.nodes.problems.filter((p) => p.severity === 'critical')).toHaveLength(1);
  });
});

describe('overview counts and badges', () => {
  it('counts certificates, volumes, Ceph health, nodes and Hubble', () => {
    expect(views.overview).toEqual({
      certificates: { installed: true, total: 3, expiring: 1, expired: 0, failed: 1 },
      volumes: {
        longhornInstalled: true,
        degraded: 1,
        faulted: 1,
        cephInstalled: true,
        cephHealth: 'HEALTH_WARN',
      },
      nodes: { total: 4, notReady: 1, underPressure: 1 },
      hubble: { nodesUnavailable: 1 },
    });
  });

  it('merges certificate, volume and node badges per map node', () => {
    expect(views.badges.get('default/web')?.map((b) => [b.type, b.severity])).toEqual([
      ['node', 'critical'],
      ['certificate', 'warning'],
    ]);
    expect(views.badges.get('webmail/webmail')?.map((b) => [b.type, b.severity])).toEqual([
      ['node', 'warning'],
      ['volume', 'warning'],
    ]);
    expect(views.badges.get('db/postgres')?.map((b) => b.ref)).toEqual(['CephCluster/rook-ceph/rook-ceph']);
    expect(views.badges.has('shop/api')).toBe(false);
  });

  it('renders "not installed" for an empty cluster', () => {
    const empty = buildClusterViews(emptyClusterSnapshot(), { now: NOW });
    expect(empty.certificates).toEqual({ installed: false, certificates: [] });
    expect(empty.volumes).toEqual({
      longhorn: { installed: false, volumes: [] },
      ceph: { installed: false, clusters: [], pools: [] },
    });
    expect(empty.nodes).toEqual({ nodes: [], problems: [] });
    expect(empty.overview.volumes.cephHealth).toBeNull();
    expect(empty.badges.size).toBe(0);
  });
});
