// The four cluster endpoints' bodies from a Hub fed the demo scenario (real objects, real flows).
import { describe, expect, it } from 'vitest';
import { type ApiResult, certificatesBody, nodesBody, overviewBody, volumesBody } from './cluster-api';
import { scenarioHub } from './cluster-test-support';
import type { KubeStatusInput } from './kube-status';

const q = (s = '') => new URLSearchParams(s);

function ok<T>(result: ApiResult<T>): T {
  if (result.status !== 200) throw new Error(`expected 200, got 400: ${result.body.error}`);
  return result.body;
}

describe('cluster API bodies on the demo scenario (start of the cycle)', () => {
  // 22 s: not on a 5 s boundary, so "traffic now" must not depend on clock-aligned buckets.
  const { hub } = scenarioHub(22_000);
  const rt = { hub };

  it('certificates come sorted by urgency with what they protect and live traffic', () => {
    const body = ok(certificatesBody(rt, q()));
    expect(body.installed).toBe(true);
    expect(body.certificates.map((c) => c.status)).toEqual([
      'expired',
      'failed',
      'expiring',
      'pending',
      'ok',
    ]);
    const shop = body.certificates.find((c) => c.name === 'shop-example-com-tls');
    expect(shop?.usedBy).toEqual([{ kind: 'Ingress', namespace: 'shop', name: 'storefront' }]);
    expect(shop?.services).toEqual(['shop/frontend']);
    expect(shop?.traffic.window).toBe('5m');
    expect(shop?.traffic.flows).toBeGreaterThan(0);
    expect(shop?.traffic.flowsPerSecond).toBeGreaterThan(0);
    expect(shop?.traffic.services[0]?.id).toBe('shop/frontend');
    expect(body.kube).toEqual({ configured: false, synced: false, errors: [] });
  });

  it('rejects a bad window and unknown parameters with a clear 400', () => {
    const badWindow = certificatesBody(rt, q('window=2d'));
    expect(badWindow.status).toBe(400);
    expect(badWindow.body).toEqual({ error: 'invalid window "2d": expected one of 1m, 5m, 15m, 1h' });
    const typo = volumesBody(rt, q('namespce=shop'));
    expect(typo.status).toBe(400);
    expect((typo.body as { error: string }).error).toMatch(/unknown query parameter "namespce"/);
    expect(overviewBody(rt, q('x=1')).status).toBe(400);
    expect(nodesBody(rt, q('x=1'), {}).status).toBe(400);
    expect(certificatesBody(rt, q('window=1m')).status).toBe(200);
  });

  it('volumes report the faulted Longhorn volume and Ceph HEALTH_WARN with its details', () => {
    const body = ok(volumesBody(rt, q()));
    expect(body.longhorn.installed).toBe(true);
    const loki = body.longhorn.volumes.find((v) => v.pvc?.name === 'storage-loki-0');
    expect(loki?.robustness).toBe('faulted');
    expect(body.ceph.clusters[0]?.health).toBe('HEALTH_WARN');
    expect(body.ceph.clusters[0]?.details.map((d) => d.code)).toContain('OSD_NEARFULL');
    expect(body.ceph.pools.length).toBeGreaterThan(0);
  });

  it('nodes carry OS versions, workloads, Hubble agent versions and the Talos notice', () => {
    const body = ok(nodesBody(rt, q(), {}));
    const byName = new Map(body.nodes.map((n) => [n.name, n]));
    expect(byName.get('talos-cp-1')?.os).toMatchObject({ family: 'talos', version: 'v1.11.2' });
    expect(byName.get('nixos-worker-1')?.os).toMatchObject({ family: 'nixos', version: '24.11' });
    expect(byName.get('talos-worker-1')?.workloads.length).toBeGreaterThan(0);
    expect(byName.get('talos-worker-1')?.hubbleVersion).toMatch(/\d+\.\d+/);
    expect(byName.get('talos-worker-1')?.flowsPerSecond).toBeGreaterThan(0);
    expect(body.versions.nixos.map((g) => g.version).sort()).toEqual(['24.11', '25.05']);
    expect(body.versions.kubelet.length).toBe(2);
    expect(body.problems.map((p) => p.message).join('\n')).toMatch(/Mixed NixOS releases/);
    expect(body.talos).toEqual({
      configured: false,
      message: 'Talos API not configured: set TALOSCONFIG. Kubernetes data is shown.',
    });
    expect(ok(nodesBody(rt, q(), { TALOSCONFIG: '/etc/talos/config' })).talos.configured).toBe(true);
  });

  it('overview counts match the pages and the attention list links to them', () => {
    const body = ok(overviewBody(rt, q()));
    expect(body.certificates).toMatchObject({ installed: true, expired: 1, failed: 1, expiring: 1 });
    expect(body.volumes).toMatchObject({ faulted: 1, cephHealth: 'HEALTH_WARN' });
    expect(body.nodes).toMatchObject({ total: 4, notReady: 0 });
    // The scenario hub ingests exactly 300 flows in each second.
    expect(body.traffic.flowsPerSecond).toBeCloseTo(300, 0);
    expect(body.traffic.forwardedPerSecond + body.traffic.droppedPerSecond).toBeLessThanOrEqual(300);
    expect(body.hubble).toMatchObject({ relay: 'connected', nodesUnavailable: 0 });
    const titles = body.attention.map((a) => `${a.severity} ${a.title} → ${a.href}`);
    expect(titles).toContain('critical 1 certificate expired → /certificates');
    expect(titles).toContain('critical 1 Longhorn volume faulted → /volumes');
    expect(titles).toContain('warning Ceph rook-ceph/rook-ceph: HEALTH_WARN → /volumes#ceph');
    const firstWarning = body.attention.findIndex((a) => a.severity === 'warning');
    expect(body.attention.slice(firstWarning).every((a) => a.severity === 'warning')).toBe(true);
  });
});

describe('cluster API bodies during the node outage', () => {
  // 200 s into the cycle: nixos-worker-2 is Unknown, its Hubble agent unavailable, a volume degraded.
  const { hub } = scenarioHub(200_000);
  const failing: KubeStatusInput = {
    synced: () => true,
    status: () => [
      { resource: 'nodes/v1', state: 'synced' },
      {
        resource: 'certificates.cert-manager.io/v1',
        state: 'error',
        lastError: 'certificates.cert-manager.io/v1: HTTP 403 forbidden',
      },
    ],
  };
  const rt = { hub, cluster: failing };

  it('overview flags the unreachable node, the unavailable agent and the degraded volume', () => {
    const body = ok(overviewBody(rt, q()));
    expect(body.nodes.notReady).toBe(1);
    expect(body.volumes.degraded).toBe(1);
    expect(body.hubble.unavailableNodes).toEqual(['nixos-worker-2']);
    const byArea = (area: string) => body.attention.filter((a) => a.area === area);
    expect(byArea('nodes')[0]).toMatchObject({ severity: 'critical', href: '/nodes#node-nixos-worker-2' });
    expect(byArea('hubble')[0]?.title).toBe('1 Hubble agent unavailable: their flows are missing');
    expect(byArea('volumes').map((a) => a.title)).toContain('1 Longhorn volume degraded');
    expect(byArea('kubernetes')[0]?.detail).toMatch(/403 forbidden/);
    expect(body.kube.errors).toHaveLength(1);
  });

  it('each page only reports watch errors of its own resources', () => {
    expect(ok(certificatesBody(rt, q())).kube.errors).toHaveLength(1);
    expect(ok(volumesBody(rt, q())).kube.errors).toHaveLength(0);
    const nodes = ok(nodesBody(rt, q(), {}));
    expect(nodes.kube).toEqual({ configured: true, synced: true, errors: [] });
    expect(nodes.nodes.find((n) => n.name === 'nixos-worker-2')).toMatchObject({
      ready: false,
      hubble: { state: 'unavailable' },
    });
  });
});
