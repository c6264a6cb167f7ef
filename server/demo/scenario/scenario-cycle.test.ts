import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../domain/flow';
import { byKind, conditionOf, find, flowsOf, get, scenario, T0, windowFlows } from './test-support';
import type { KubeObject } from './types';

const s = scenario();
const at = (sec: number) => s.objectsAt(T0 + sec * 1000);
const DAY = 86_400_000;

function catalogCodes(fromSec: number, toSec: number): number[] {
  return flowsOf(windowFlows(s, fromSec, toSec, 300)).flatMap((f) =>
    f.l7?.type === 'RESPONSE' && f.source?.workloads?.[0]?.name === 'catalog' ? [f.l7.http?.code ?? 0] : [],
  );
}

function healthyReplicas(objects: readonly KubeObject[], volume: string): number {
  return byKind(objects, 'Replica').filter(
    (r) =>
      get(r, 'spec', 'volumeName') === volume &&
      get(r, 'status', 'currentState') === 'running' &&
      get(r, 'spec', 'healthyAt') !== '',
  ).length;
}

describe('the ten-minute cycle', () => {
  it('repeats', () => {
    expect(s.cycleMs).toBe(600_000);
    const a = s.phaseAt(T0 + 123_000);
    const b = s.phaseAt(T0 + 723_000);
    expect({ ...b, cycleIndex: 0, cycleStartMs: 0, catalogRevision: 0 }).toEqual({
      ...a,
      cycleIndex: 0,
      cycleStartMs: 0,
      catalogRevision: 0,
    });
    expect(b.catalogRevision).toBe(a.catalogRevision + 1);
  });

  it('rolls out catalog and serves 5xx for about a minute', () => {
    const before = byKind(at(30), 'Pod')
      .filter((p) => p.metadata.labels?.app === 'catalog')
      .map((p) => p.metadata.name);
    const after = byKind(at(50), 'Pod')
      .filter((p) => p.metadata.labels?.app === 'catalog')
      .map((p) => p.metadata.name);
    expect(after).toHaveLength(2);
    expect(after.some((n) => before.includes(n))).toBe(false);
    const rev = (objects: readonly KubeObject[]) =>
      Number(
        find(objects, 'Deployment', 'catalog', 'shop').metadata.annotations?.[
          'deployment.kubernetes.io/revision'
        ],
      );
    expect(rev(at(50))).toBe(rev(at(30)) + 1);
    expect(
      byKind(at(50), 'ReplicaSet')
        .filter((r) => r.metadata.labels?.app === 'catalog')
        .map((r) => get(r, 'spec', 'replicas')),
    ).toEqual(expect.arrayContaining([0, 2]));
    const errorRate = (codes: number[]) => codes.filter((c) => c >= 500).length / Math.max(1, codes.length);
    const during = catalogCodes(50, 100);
    const calm = catalogCodes(120, 170);
    expect(during.length).toBeGreaterThan(30);
    expect(errorRate(during)).toBeGreaterThan(0.2);
    expect(errorRate(calm)).toBeLessThan(0.05);
  });

  it('takes a node NotReady and back, with its Hubble peer unavailable meanwhile', () => {
    const node = (sec: number) => {
      const n = byKind(at(sec), 'Node', 'v1').find((o) => o.metadata.name === 'nixos-worker-2');
      if (!n) throw new Error('node missing');
      return n;
    };
    expect(get(conditionOf(node(100), 'Ready'), 'status')).toBe('True');
    expect(get(conditionOf(node(200), 'Ready'), 'status')).toBe('Unknown');
    expect(get(conditionOf(node(200), 'Ready'), 'reason')).toBe('NodeStatusUnknown');
    expect(get(node(200), 'spec', 'taints')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }),
      ]),
    );
    expect(get(conditionOf(node(300), 'Ready'), 'status')).toBe('True');
    expect(get(node(300), 'status', 'nodeInfo', 'bootID')).not.toBe(
      get(node(100), 'status', 'nodeInfo', 'bootID'),
    );
    const podsOnNode = byKind(at(200), 'Pod').filter(
      (p) => get(p, 'spec', 'nodeName') === 'nixos-worker-2' && get(p, 'spec', 'hostNetwork') !== true,
    );
    expect(podsOnNode.length).toBeGreaterThan(0);
    for (const p of podsOnNode) expect(get(conditionOf(p, 'Ready'), 'status')).toBe('False');

    const state = (sec: number) =>
      s.hubbleNodesAt(T0 + sec * 1000).find((n) => n.name === 'nixos-worker-2')?.state;
    expect([state(100), state(160), state(300)]).toEqual([
      'NODE_CONNECTED',
      'NODE_UNAVAILABLE',
      'NODE_CONNECTED',
    ]);
    const status = s.serverStatusAt(T0 + 160_000);
    expect(status.numUnavailableNodes).toBe(1);
    expect(status.unavailableNodes).toEqual(['nixos-worker-2']);
    expect(
      s.streamStartEventsAt(T0 + 160_000).map((e) => (e.kind === 'node-status' ? e.status.state_change : '')),
    ).toEqual(['NODE_CONNECTED', 'NODE_UNAVAILABLE']);

    const statusEvents = (fromSec: number, toSec: number) =>
      windowFlows(s, fromSec, toSec).filter(
        (e): e is Extract<FlowEvent, { kind: 'node-status' }> => e.kind === 'node-status',
      );
    expect(statusEvents(140, 160).map((e) => [e.status.state_change, e.status.node_names])).toEqual([
      ['NODE_UNAVAILABLE', ['nixos-worker-2']],
    ]);
    expect(statusEvents(265, 275).map((e) => e.status.state_change)).toEqual(['NODE_CONNECTED']);
    expect(statusEvents(100, 140)).toEqual([]);
  });

  it('renews the expiring certificate: notAfter jumps and revision increments', () => {
    const cert = (sec: number) => find(at(sec), 'Certificate', 'shop-example-com-tls', 'shop');
    const notAfter = (o: KubeObject) => Date.parse(String(get(o, 'status', 'notAfter')));
    const before = cert(100);
    expect(notAfter(before) - (T0 + 100_000)).toBeLessThan(7 * DAY);
    expect(get(conditionOf(before, 'Ready'), 'status')).toBe('True');
    expect(get(conditionOf(cert(295), 'Issuing'), 'reason')).toBe('Renewing');
    const after = cert(310);
    expect(notAfter(after) - (T0 + 310_000)).toBeGreaterThan(80 * DAY);
    expect(get(after, 'status', 'revision')).toBe(Number(get(before, 'status', 'revision')) + 1);
    expect(conditionOf(after, 'Issuing')).toBeUndefined();
  });

  it('has certificates in every state a dashboard must tell apart', () => {
    const objects = at(100);
    const cert = (name: string, ns: string) => find(objects, 'Certificate', name, ns);
    const daysLeft = (o: KubeObject) =>
      (Date.parse(String(get(o, 'status', 'notAfter'))) - (T0 + 100_000)) / DAY;
    expect(daysLeft(cert('api-shop-tls', 'shop'))).toBeGreaterThan(55);
    const expired = cert('grafana-example-com-tls', 'monitoring');
    expect(get(conditionOf(expired, 'Ready'), 'reason')).toBe('Expired');
    expect(get(conditionOf(expired, 'Ready'), 'status')).toBe('False');
    expect(daysLeft(expired)).toBeLessThan(0);
    const failing = cert('hooks-pay-example-com-tls', 'payments');
    expect(get(conditionOf(failing, 'Issuing'), 'status')).toBe('False');
    expect(get(failing, 'status', 'failedIssuanceAttempts')).toBeGreaterThan(0);
    expect(get(failing, 'status', 'lastFailureTime')).toMatch(/Z$/);
    const pending = cert('partners-shop-tls', 'shop');
    expect(get(pending, 'status', 'notAfter')).toBeUndefined();
    expect(get(conditionOf(pending, 'Issuing'), 'status')).toBe('True');
    const listener = (
      get(find(objects, 'Gateway', 'shop-gateway', 'shop'), 'status', 'listeners') as unknown[]
    ).find((l) => get(l, 'name') === 'https-partners');
    expect(get(listener, 'conditions', 0, 'reason')).toBe('InvalidCertificateRef');
  });

  it('degrades a Longhorn volume while the node is gone and rebuilds it afterwards', () => {
    const volume = (objects: readonly KubeObject[]) =>
      byKind(objects, 'Volume').find(
        (v) => get(v, 'status', 'kubernetesStatus', 'pvcName') === 'data-postgres-0',
      );
    const sample = [100, 200, 300, 400].map((sec) => {
      const objects = at(sec);
      const v = volume(objects);
      return [get(v, 'status', 'robustness'), healthyReplicas(objects, v?.metadata.name ?? '')];
    });
    expect(sample).toEqual([
      ['healthy', 2],
      ['degraded', 1],
      ['degraded', 1],
      ['healthy', 2],
    ]);
    const states = new Set(
      byKind(at(100), 'Volume').map((v) => `${get(v, 'status', 'state')}/${get(v, 'status', 'robustness')}`),
    );
    expect(states).toEqual(new Set(['attached/healthy', 'detached/faulted', 'detached/unknown']));
  });

  it('changes the Ceph health details through the cycle while staying HEALTH_WARN', () => {
    const ceph = (sec: number) =>
      get(find(at(sec), 'CephCluster', 'rook-ceph', 'rook-ceph'), 'status', 'ceph');
    const codes = (sec: number) => Object.keys(get(ceph(sec), 'details') as object).sort();
    expect(codes(100)).toEqual(['OSD_NEARFULL', 'POOL_NEARFULL']);
    expect(codes(200)).toEqual(expect.arrayContaining(['OSD_DOWN', 'OSD_HOST_DOWN', 'PG_DEGRADED']));
    expect(codes(300)).toContain('PG_DEGRADED');
    expect(codes(300)).not.toContain('OSD_DOWN');
    expect(codes(500)).toContain('RECENT_CRASH');
    for (const sec of [100, 200, 500]) expect(get(ceph(sec), 'health')).toBe('HEALTH_WARN');
    expect(get(ceph(500), 'lastChecked')).not.toBe(get(ceph(100), 'lastChecked'));
    expect(get(ceph(100), 'capacity', 'bytesTotal')).toBeGreaterThan(
      Number(get(ceph(100), 'capacity', 'bytesUsed')),
    );
  });

  it('reports lost events with a node name', () => {
    const lost = windowFlows(s, 415, 425).filter((e) => e.kind === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    const burst = lost.find((e) => e.kind === 'lost' && e.lost.source === 'HUBBLE_RING_BUFFER');
    expect(burst?.nodeName).toBe('talos-worker-1');
    expect(burst?.kind === 'lost' ? burst.lost.num_events_lost : '').toMatch(/^\d+$/);
  });

  it('lists the namespaces that have traffic', () => {
    const ns = s.namespacesAt(T0);
    expect(ns).toEqual([...ns].sort());
    for (const n of ['shop', 'payments', 'kube-system', 'monitoring', 'batch', 'ingress-nginx'])
      expect(ns).toContain(n);
  });
});
