import { describe, expect, it } from 'vitest';
import type { CertificatesResponse, CertificateView, VolumesResponse } from '../domain/cluster';
import type { Flow } from '../domain/flow';
import {
  aggregate,
  createServiceMapState,
  type MapEdge,
  type MapView,
  toMapView,
} from '../domain/service-map';
import { loadFixtureFlows } from '../domain/service-map/test-support/load-fixture';
import {
  flowInScope,
  namespaceOfNodeId,
  scopeCertificates,
  scopeDropGroups,
  scopeFlows,
  scopeMapView,
  scopeVolumes,
} from './scope-filters';

const TCP = 'cilium-hubble-otel/basic-sample-400-tcp-flows.json';

/** Independent of the code under test: the namespace field, else the pod-namespace label. */
function rawNamespace(side: Flow['source']): string | null {
  if (side?.namespace) return side.namespace;
  const label = side?.labels?.find((l) => l.startsWith('k8s:io.kubernetes.pod.namespace='));
  return label ? (label.split('=')[1] ?? null) : null;
}

describe('scopeFlows on real Hubble flows', () => {
  const flows = loadFixtureFlows(TCP);

  it('keeps exactly the flows with an end in an allowed namespace', () => {
    const scoped = scopeFlows(flows, ['bookinfo']);
    const expected = flows.filter(
      (f) => rawNamespace(f.source) === 'bookinfo' || rawNamespace(f.destination) === 'bookinfo',
    );
    expect(scoped.length).toBe(expected.length);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.length).toBeLessThan(flows.length);
    expect(new Set(scoped)).toEqual(new Set(expected));
  });

  it('returns everything for all and nothing for an empty scope', () => {
    expect(scopeFlows(flows, 'all')).toBe(flows);
    expect(scopeFlows(flows, [])).toEqual([]);
  });
});

describe('flowInScope peers', () => {
  const pod = (namespace: string) => ({ namespace, pod_name: 'p-1', labels: [`k8s:app=x`] });
  const world = { identity: 2, labels: ['reserved:world'] };
  const host = { identity: 1, labels: ['reserved:host'] };

  it('keeps world and host peers of an allowed workload, both directions', () => {
    expect(flowInScope({ source: world, destination: pod('shop') }, ['shop'])).toBe(true);
    expect(flowInScope({ source: pod('shop'), destination: world }, ['shop'])).toBe(true);
    expect(flowInScope({ source: host, destination: pod('shop') }, ['shop'])).toBe(true);
  });

  it('hides foreign and cluster-only traffic', () => {
    expect(flowInScope({ source: pod('payments'), destination: pod('billing') }, ['shop'])).toBe(false);
    expect(flowInScope({ source: world, destination: host }, ['shop'])).toBe(false);
    expect(flowInScope({}, ['shop'])).toBe(false);
  });

  it('uses the pod-namespace label when the namespace field is missing', () => {
    const labelled = { labels: ['k8s:io.kubernetes.pod.namespace=shop', 'k8s:app=web'] };
    expect(flowInScope({ source: world, destination: labelled }, ['shop'])).toBe(true);
  });
});

describe('namespaceOfNodeId', () => {
  it('reads workload ids and ignores cluster-wide ones', () => {
    expect(namespaceOfNodeId('shop/web')).toBe('shop');
    expect(namespaceOfNodeId('shop/other')).toBe('shop');
    for (const id of ['world', 'host', 'remote-node', 'fqdn:api.example.com/x', 'ip:10.0.0.1', 'unknown']) {
      expect(namespaceOfNodeId(id)).toBeNull();
    }
  });
});

describe('scopeMapView', () => {
  const flows = loadFixtureFlows(TCP);
  const now = Math.max(...flows.map((f) => Date.parse(f.time as string))) + 1000;
  const state = createServiceMapState();
  aggregate(state, flows, now);
  const full = toMapView(state, { window: 'all' }, now);

  it('keeps the same edges as the map API namespace filter', () => {
    const scoped = scopeMapView(full, ['bookinfo']);
    const reference = toMapView(state, { window: 'all', namespaces: ['bookinfo'] }, now);
    expect(scoped.edges).toEqual(reference.edges);
    expect(scoped.edges.length).toBeLessThan(full.edges.length);
    expect(scoped.nodes.map((n) => n.id)).toEqual(reference.nodes.map((n) => n.id));
  });

  it('recomputes foreign peers from visible edges only and strips their badges', () => {
    const view: MapView = {
      window: '5m',
      nodes: [
        {
          id: 'pay/api',
          kind: 'workload',
          namespace: 'pay',
          name: 'api',
          labels: [],
          flowsIn: 30,
          flowsOut: 0,
          drops: 5,
          badges: [
            { type: 'certificate', severity: 'critical', message: 'expired', ref: 'Certificate/pay/tls' },
          ],
        },
        {
          id: 'shop/web',
          kind: 'workload',
          namespace: 'shop',
          name: 'web',
          labels: [],
          flowsIn: 4,
          flowsOut: 10,
          drops: 2,
          badges: [],
        },
        {
          id: 'bill/job',
          kind: 'workload',
          namespace: 'bill',
          name: 'job',
          labels: [],
          flowsIn: 0,
          flowsOut: 20,
          drops: 3,
          badges: [],
        },
        {
          id: 'world',
          kind: 'world',
          namespace: null,
          name: 'world',
          labels: ['reserved:world'],
          flowsIn: 0,
          flowsOut: 4,
          drops: 0,
          badges: [],
        },
        {
          id: 'shop/idle',
          kind: 'workload',
          namespace: 'shop',
          name: 'idle',
          labels: [],
          flowsIn: 0,
          flowsOut: 0,
          drops: 0,
          badges: [],
        },
      ],
      edges: [
        edge('shop/web', 'pay/api', 10, 2),
        edge('bill/job', 'pay/api', 20, 3),
        edge('world', 'shop/web', 4, 0),
      ],
    };
    const scoped = scopeMapView(view, ['shop']);
    expect(scoped.edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      'shop/web>pay/api',
      'world>shop/web',
    ]);
    const byId = new Map(scoped.nodes.map((n) => [n.id, n]));
    expect([...byId.keys()]).toEqual(['pay/api', 'shop/web', 'world', 'shop/idle']);
    expect(byId.get('pay/api')).toMatchObject({ flowsIn: 10, flowsOut: 0, drops: 2, badges: [] });
    expect(byId.get('world')).toMatchObject({ flowsIn: 0, flowsOut: 4, drops: 0 });
    expect(byId.get('shop/web')).toBe(view.nodes[1]);
    expect(scopeMapView(view, 'all')).toBe(view);
  });
});

function edge(source: string, target: string, flows: number, dropped: number): MapEdge {
  return {
    source,
    target,
    protocol: 'TCP',
    port: 8080,
    flows,
    verdicts: { FORWARDED: flows - dropped, DROPPED: dropped },
    forwarded: flows - dropped,
    dropped,
    dropReasons: dropped ? { POLICY_DENIED: dropped } : ({} as Record<string, number>),
    http: { requests: 0, errors4xx: 0, errors5xx: 0, p50Ms: null, p95Ms: null },
    dns: { queries: 0, errors: 0 },
    lastSeen: '2025-01-01T00:00:00.000Z',
  };
}

describe('scopeDropGroups', () => {
  it('keeps groups with either end in scope, including world peers', () => {
    const groups = [
      { source: 'shop/recommender', target: 'payments/api', reason: 'POLICY_DENIED' },
      { source: 'world', target: 'shop/web', reason: 'POLICY_DENIED' },
      { source: 'billing/job', target: 'payments/api', reason: 'POLICY_DENY' },
      { source: 'host', target: 'world', reason: 'UNKNOWN' },
    ];
    expect(scopeDropGroups(groups, ['shop']).map((g) => g.source)).toEqual(['shop/recommender', 'world']);
    expect(scopeDropGroups(groups, ['payments'])).toHaveLength(2);
    expect(scopeDropGroups(groups, 'all')).toBe(groups);
  });
});

function cert(namespace: string, name: string, extra: Partial<CertificateView> = {}): CertificateView {
  return {
    namespace,
    name,
    secretName: `${name}-tls`,
    dnsNames: [],
    issuer: { kind: 'ClusterIssuer', name: 'le' },
    notAfter: null,
    renewalTime: null,
    daysLeft: null,
    ready: true,
    status: 'ok' as CertificateView['status'],
    reason: null,
    message: null,
    usedBy: [],
    services: [],
    failedIssuanceAttempts: 0,
    lastFailureTime: null,
    ...extra,
  };
}

describe('scopeCertificates', () => {
  it('keeps certificates of allowed namespaces and trims their references', () => {
    const response: CertificatesResponse = {
      installed: true,
      certificates: [
        cert('shop', 'web', {
          usedBy: [
            { kind: 'Ingress', namespace: 'shop', name: 'web' },
            { kind: 'Gateway', namespace: 'infra', name: 'gw' },
          ],
          services: ['shop/web', 'infra/gateway'],
        }),
        cert('payments', 'api'),
      ],
    };
    const scoped = scopeCertificates(response, ['shop']);
    expect(scoped.installed).toBe(true);
    expect(scoped.certificates.map((c) => c.name)).toEqual(['web']);
    expect(scoped.certificates[0]?.usedBy).toEqual([{ kind: 'Ingress', namespace: 'shop', name: 'web' }]);
    expect(scoped.certificates[0]?.services).toEqual(['shop/web']);
    expect(scopeCertificates(response, 'all')).toBe(response);
  });
});

describe('scopeVolumes', () => {
  const response: VolumesResponse = {
    longhorn: {
      installed: true,
      volumes: [
        lh('pvc-1', { namespace: 'shop', name: 'data' }, ['shop/db', 'payments/reader']),
        lh('pvc-2', { namespace: 'payments', name: 'ledger' }, ['payments/ledger']),
        lh('pvc-3', null, []),
      ],
    },
    ceph: {
      installed: true,
      clusters: [
        {
          namespace: 'rook-ceph',
          name: 'ceph',
          health: 'HEALTH_WARN',
          details: [],
          capacity: null,
          lastChecked: null,
          phase: 'Ready',
          stale: false,
          problems: [],
          workloads: ['shop/cache', 'payments/ledger'],
        },
      ],
      pools: [
        {
          kind: 'CephBlockPool',
          namespace: 'rook-ceph',
          name: 'replicapool',
          phase: 'Ready',
          type: null,
          failureDomain: 'host',
        },
      ],
    },
  };

  it('keeps volumes claimed in scope and the Ceph cluster backing an allowed workload', () => {
    const scoped = scopeVolumes(response, ['shop']);
    expect(scoped.longhorn.volumes.map((v) => v.name)).toEqual(['pvc-1']);
    expect(scoped.longhorn.volumes[0]?.workloads).toEqual(['shop/db']);
    expect(scoped.ceph.clusters.map((c) => c.workloads)).toEqual([['shop/cache']]);
    expect(scoped.ceph.pools).toHaveLength(1);
  });

  it('hides a Ceph cluster that backs nothing in scope', () => {
    const scoped = scopeVolumes(response, ['docs']);
    expect(scoped.longhorn.volumes).toEqual([]);
    expect(scoped.ceph.clusters).toEqual([]);
    expect(scoped.ceph.pools).toEqual([]);
    expect(scopeVolumes(response, ['rook-ceph']).ceph.clusters[0]?.workloads).toEqual([]);
    expect(scopeVolumes(response, 'all')).toBe(response);
  });
});

function lh(name: string, pvc: { namespace: string; name: string } | null, workloads: string[]) {
  return {
    name,
    state: 'attached',
    robustness: 'healthy' as const,
    size: 1024,
    replicas: { desired: 3, healthy: 3 },
    pvc,
    node: 'node-1',
    workloads,
  };
}
