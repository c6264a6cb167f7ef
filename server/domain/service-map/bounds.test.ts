import { describe, expect, it } from 'vitest';
import type { Endpoint, Flow } from '../flow';
import { aggregate } from './aggregate';
import { toMapView } from './map-view';
import { allEdges, createServiceMapState } from './state';
import { isoAt } from './test-support/flow-builders';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

function pod(namespace: string, app: string, identity = 5000): Endpoint {
  return { identity, namespace, pod_name: `${app}-abc-123`, labels: [`k8s:app=${app}`] };
}

function flow(source: Endpoint, destination: Endpoint, extra: Partial<Flow> = {}): Flow {
  return {
    time: isoAt(NOW),
    verdict: 'FORWARDED',
    IP: { source: '10.0.0.1', destination: '10.0.0.2' },
    l4: { TCP: { source_port: 40000, destination_port: 80 } },
    source,
    destination,
    ...extra,
  };
}

function sumFlows(state: ReturnType<typeof createServiceMapState>): number {
  return toMapView(state, { window: 'all' }, NOW).edges.reduce((n, e) => n + e.flows, 0);
}

describe('node cap: folding', () => {
  it('folds the smallest workloads of a namespace into <namespace>/other, keeping every flow', () => {
    const state = createServiceMapState({ maxNodes: 20 });
    const api = pod('shop', 'api');
    const flows: Flow[] = [];
    // A big caller and 30 callees of different sizes in one namespace: 31 workloads > cap 20.
    // Every callee is seen once first (so all compete for a node), then gets the rest of its flows.
    const svc = (i: number) => pod('shop', `svc${String(i).padStart(2, '0')}`, 6000 + i);
    for (let i = 0; i < 30; i++) flows.push(flow(api, svc(i)));
    for (let i = 0; i < 30; i++) for (let k = 0; k < i * 3; k++) flows.push(flow(api, svc(i)));
    aggregate(state, flows, NOW);
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(state.nodes.size).toBeLessThanOrEqual(20);
    expect(state.counters.nodesFolded).toBeGreaterThan(0);
    const other = view.nodes.find((n) => n.id === 'shop/other');
    expect(other).toMatchObject({ kind: 'workload', namespace: 'shop', name: 'other', labels: [] });
    // The callees seen before the cap keep their nodes; the fold took the smallest ones.
    const ids = view.nodes.map((n) => n.id);
    expect(ids).toContain('shop/svc18');
    expect(ids).not.toContain('shop/svc00');
    expect(ids).not.toContain('shop/svc29');
    expect(sumFlows(state)).toBe(flows.length);
    expect(view.edges.find((e) => e.target === 'shop/other')?.flows).toBeGreaterThan(0);
  });

  it('sends later flows of a folded workload to its fold target', () => {
    const state = createServiceMapState({ maxNodes: 20 });
    const api = pod('shop', 'api');
    const flows: Flow[] = [];
    for (let i = 0; i < 25; i++)
      for (let k = 0; k <= i; k++) flows.push(flow(api, pod('shop', `svc${i}`, 6000 + i)));
    aggregate(state, flows, NOW);
    const before =
      toMapView(state, { window: 'all' }, NOW).edges.find((e) => e.target === 'shop/other')?.flows ?? 0;
    aggregate(state, [flow(api, pod('shop', 'svc0', 6000))], NOW);
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.nodes.map((n) => n.id)).not.toContain('shop/svc0');
    expect(view.edges.find((e) => e.target === 'shop/other')?.flows).toBe(before + 1);
  });

  it('sends new nodes straight to the fold target while full, and makes room again each minute', () => {
    const state = createServiceMapState({ maxNodes: 20 });
    const api = pod('shop', 'api');
    const flows: Flow[] = [];
    for (let i = 0; i < 40; i++)
      for (let k = 0; k <= i % 5; k++) flows.push(flow(api, pod('shop', `s${i}`, 6000 + i)));
    aggregate(state, flows, NOW);
    expect(state.nodes.size).toBeLessThanOrEqual(20);
    const admitted = state.counters.nodesFolded;
    aggregate(state, [flow(api, pod('shop', 'late', 7777))], NOW);
    expect(state.counters.nodesFolded).toBe(admitted + 1);
    expect(state.nodes.has('shop/late')).toBe(false);
    // A minute later the sweep folds back to 90 %: a brand-new workload gets its own node again.
    aggregate(state, [flow(api, pod('shop', 'newer', 8888), { time: isoAt(NOW + 61_000) })], NOW + 61_000);
    expect(state.nodes.size).toBeLessThanOrEqual(20);
    expect(state.nodes.has('shop/newer')).toBe(true);
    // A folded workload stays folded (no flicker).
    aggregate(state, [flow(api, pod('shop', 'late', 7777), { time: isoAt(NOW + 62_000) })], NOW + 62_000);
    expect(state.nodes.has('shop/late')).toBe(false);
    expect(sumFlows(state)).toBe(flows.length + 3);
  });

  it('folds external IPs into ip:other', () => {
    const state = createServiceMapState({ maxNodes: 16 });
    const client = pod('shop', 'api');
    const flows: Flow[] = [];
    for (let i = 0; i < 100; i++) {
      flows.push(flow(client, {}, { IP: { source: '10.0.0.1', destination: `203.0.113.${i}` } }));
    }
    aggregate(state, flows, NOW);
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.nodes.length).toBeLessThanOrEqual(16);
    expect(view.nodes.find((n) => n.id === 'ip:other')).toMatchObject({
      kind: 'ip',
      namespace: null,
      name: 'other',
    });
    expect(sumFlows(state)).toBe(100);
  });

  it('merges windowed data when folding, so windows stay consistent with totals', () => {
    const state = createServiceMapState({ maxNodes: 16 });
    const client = pod('shop', 'api');
    const flows: Flow[] = [];
    for (let i = 0; i < 40; i++)
      flows.push(flow(client, pod('shop', `w${i}`, 7000 + i), { time: isoAt(NOW - 1000) }));
    aggregate(state, flows, NOW);
    for (const window of ['1m', '5m', '15m', '1h', 'all'] as const) {
      expect(
        toMapView(state, { window }, NOW).edges.reduce((n, e) => n + e.flows, 0),
        window,
      ).toBe(40);
    }
  });

  it('evicts nodes when folding cannot meet the cap (one pod per namespace)', () => {
    const state = createServiceMapState({ maxNodes: 16 });
    const flows: Flow[] = [];
    for (let i = 0; i < 60; i++) flows.push(flow(pod(`ns${i}`, 'a', 8000 + i), pod(`ns${i}`, 'b', 9000 + i)));
    aggregate(state, flows, NOW);
    expect(state.nodes.size).toBeLessThanOrEqual(16);
    expect(state.counters.nodesEvicted).toBeGreaterThan(0);
  });
});

describe('edge cap', () => {
  it('evicts idle edges first, then the least active ones, and counts them', () => {
    const state = createServiceMapState({ maxEdges: 20 });
    const client = pod('shop', 'api');
    const old = NOW - 3 * 3_600_000;
    const flows: Flow[] = [];
    for (let port = 1; port <= 10; port++) {
      flows.push(
        flow(client, pod('shop', 'db'), { time: isoAt(old), l4: { TCP: { destination_port: port } } }),
      );
    }
    aggregate(state, flows, old);
    const busy: Flow[] = [];
    for (let port = 100; port < 115; port++) {
      for (let k = 0; k < 3; k++)
        busy.push(flow(client, pod('shop', 'db'), { l4: { TCP: { destination_port: port } } }));
    }
    aggregate(state, busy, NOW);
    expect(state.edgeCount).toBeLessThanOrEqual(20);
    const ports = toMapView(state, { window: 'all' }, NOW).edges.map((e) => e.port);
    // All 15 busy edges survive; idle ones made room.
    for (let port = 100; port < 115; port++) expect(ports).toContain(port);
    expect(state.counters.edgesEvicted).toBeGreaterThan(0);

    // A port scan: many single-flow edges push out each other, not the busy edges.
    const scan: Flow[] = [];
    for (let port = 1000; port < 1500; port++)
      scan.push(flow(client, pod('shop', 'db'), { l4: { TCP: { destination_port: port } } }));
    aggregate(state, scan, NOW);
    expect(state.edgeCount).toBeLessThanOrEqual(20);
    const after = toMapView(state, { window: 'all' }, NOW).edges.map((e) => e.port);
    for (let port = 100; port < 115; port++) expect(after).toContain(port);
  });

  it('releases ring data of edges idle for more than an hour but keeps their totals', () => {
    const state = createServiceMapState();
    aggregate(state, [flow(pod('shop', 'a'), pod('shop', 'b'))], NOW);
    expect(allEdges(state)[0]?.rings).not.toBeNull();
    const later = NOW + 2 * 3_600_000;
    aggregate(state, [], later);
    expect(allEdges(state)[0]?.rings).toBeNull();
    expect(toMapView(state, { window: 'all' }, later).edges[0]?.flows).toBe(1);
    expect(toMapView(state, { window: '1h' }, later).edges).toEqual([]);
  });
});

describe('bounded memory under cardinality', () => {
  it('keeps nodes and edges under the caps with 10k pods and 50k external IPs (200k flows)', () => {
    const state = createServiceMapState();
    const flows: Flow[] = [];
    const batch = 5_000;
    let seed = 1;
    const random = (n: number) => {
      // mulberry32: deterministic and well spread.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const pods: Endpoint[] = Array.from({ length: 10_000 }, (_, i) => ({
      identity: 10_000 + i,
      namespace: `ns${i % 20}`,
      pod_name: `app${i}-5f6d7-x${i}`,
      labels: [`k8s:app=app${i}`, `k8s:io.kubernetes.pod.namespace=ns${i % 20}`],
    }));
    const world: Endpoint = { identity: 2, labels: ['reserved:world'] };
    let total = 0;
    for (let i = 0; i < 200_000; i++) {
      const src = pods[random(pods.length)] as Endpoint;
      const toIp = random(2) === 0;
      const dst = toIp ? world : (pods[random(pods.length)] as Endpoint);
      const ip = `198.18.${random(200)}.${random(250)}`;
      flows.push({
        time: isoAt(NOW - random(3_000_000)),
        verdict: random(10) === 0 ? 'DROPPED' : 'FORWARDED',
        IP: { source: '10.1.0.1', destination: toIp ? ip : '10.2.0.2' },
        l4: { TCP: { source_port: 30000 + random(30000), destination_port: toIp ? 443 : 8080 } },
        source: src,
        destination: toIp ? {} : dst,
      });
      if (flows.length === batch) {
        aggregate(state, flows, NOW);
        total += flows.length;
        flows.length = 0;
        expect(state.nodes.size).toBeLessThanOrEqual(5_000);
        expect(state.edgeCount).toBeLessThanOrEqual(20_000);
      }
    }
    expect(total).toBe(200_000);
    expect(state.counters.flows).toBe(200_000);
    expect(state.nodes.size).toBeLessThanOrEqual(5_000);
    expect(state.edgeCount).toBeLessThanOrEqual(20_000);
    expect(state.podCache.size).toBeLessThanOrEqual(state.podCacheSize);
    expect(state.ipIndex.size).toBeLessThanOrEqual(5 * state.maxNodes);
    expect(state.foldedIds.size).toBeLessThanOrEqual(4 * state.maxNodes);
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.nodes.some((n) => n.id === 'ip:other')).toBe(true);
    expect(view.nodes.some((n) => n.id.endsWith('/other'))).toBe(true);
    // Every flow is either still on the map or counted as evicted.
    const shown = view.edges.reduce((n, e) => n + e.flows, 0);
    expect(shown + state.counters.flowsEvicted).toBe(200_000);
  });
});
