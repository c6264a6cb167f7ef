import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { aggregate, aggregateEvents, aggregateFlow } from './aggregate';
import { edgeSparkline, toMapView } from './map-view';
import { createServiceMapState, serviceMapStats } from './state';
import { isoAt, podEndpoint, tcpFlow } from './test-support/flow-builders';
import type { MapEdge, MapWindow } from './view-types';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 30);
const frontend = podEndpoint('shop', 'frontend-6d4b-x1');
const cart = podEndpoint('shop', 'cart-7f9c-y2');

function onlyEdge(window: MapWindow, state = createServiceMapState(), now = NOW): MapEdge {
  const edges = toMapView(state, { window }, now).edges;
  expect(edges).toHaveLength(1);
  return edges[0] as MapEdge;
}

function http(type: 'REQUEST' | 'RESPONSE', code?: number, latencyNs?: string): Partial<Flow> {
  return {
    Type: 'L7',
    l7: {
      type,
      ...(latencyNs === undefined ? {} : { latency_ns: latencyNs }),
      http: { method: 'GET', url: 'http://cart/', ...(code === undefined ? {} : { code }) },
    },
  };
}

describe('edge statistics', () => {
  it('counts verdicts, forwarded / dropped and drop reasons', () => {
    const state = createServiceMapState();
    const at = { time: NOW - 1000 };
    aggregate(
      state,
      [
        tcpFlow(frontend, cart, { ...at, verdict: 'FORWARDED' }),
        tcpFlow(frontend, cart, { ...at, verdict: 'FORWARDED' }),
        tcpFlow(frontend, cart, { ...at, verdict: 'REDIRECTED' }),
        tcpFlow(frontend, cart, { ...at, verdict: 'AUDIT' }),
        tcpFlow(frontend, cart, { ...at, verdict: 'DROPPED', extra: { drop_reason_desc: 'POLICY_DENIED' } }),
        tcpFlow(frontend, cart, { ...at, verdict: 'DROPPED', extra: { drop_reason_desc: 'POLICY_DENIED' } }),
        tcpFlow(frontend, cart, { ...at, verdict: 'DROPPED', extra: { drop_reason_desc: 'POLICY_DENY' } }),
        tcpFlow(frontend, cart, { ...at, verdict: 'DROPPED' }),
        tcpFlow(frontend, cart, { ...at, verdict: 'SOMETHING_NEW' }),
        { ...tcpFlow(frontend, cart, at), verdict: undefined },
      ],
      NOW,
    );
    for (const window of ['1m', 'all'] as const) {
      const edge = onlyEdge(window, state);
      expect(edge.flows).toBe(10);
      expect(edge.verdicts).toEqual({
        AUDIT: 1,
        DROPPED: 4,
        FORWARDED: 2,
        REDIRECTED: 1,
        SOMETHING_NEW: 1,
        VERDICT_UNKNOWN: 1,
      });
      expect(Object.keys(edge.verdicts)).toEqual([...Object.keys(edge.verdicts)].sort());
      expect(edge.forwarded).toBe(2);
      expect(edge.dropped).toBe(4);
      expect(edge.dropReasons).toEqual({ DROP_REASON_UNKNOWN: 1, POLICY_DENIED: 2, POLICY_DENY: 1 });
      expect(edge.lastSeen).toBe(isoAt(NOW - 1000));
    }
    const nodes = toMapView(state, { window: 'all' }, NOW).nodes;
    expect(nodes.map((n) => [n.id, n.flowsIn, n.flowsOut, n.drops])).toEqual([
      ['shop/cart', 10, 0, 4],
      ['shop/frontend', 0, 10, 4],
    ]);
    expect(nodes[0]).toMatchObject({ kind: 'workload', namespace: 'shop', name: 'cart', badges: [] });
  });

  it('computes HTTP requests, 4xx / 5xx and latency percentiles from responses', () => {
    const state = createServiceMapState();
    const flows: Flow[] = [];
    for (let i = 0; i < 20; i++)
      flows.push(tcpFlow(frontend, cart, { time: NOW, reply: false, extra: http('REQUEST') }));
    for (let i = 1; i <= 20; i++) {
      const code = i <= 2 ? 503 : i <= 5 ? 404 : 200;
      flows.push(
        tcpFlow(cart, frontend, {
          time: NOW,
          sport: 8080,
          dport: 40000,
          reply: true,
          extra: http('RESPONSE', code, String(i * 1_000_000)),
        }),
      );
    }
    flows.push(
      tcpFlow(cart, frontend, { time: NOW, sport: 8080, reply: true, extra: http('RESPONSE', 200) }),
    );
    aggregate(state, flows, NOW);
    const edge = onlyEdge('5m', state);
    expect(edge.http.requests).toBe(20);
    expect(edge.http.errors4xx).toBe(3);
    expect(edge.http.errors5xx).toBe(2);
    // Exact nearest-rank p50 = 10 ms, p95 = 19 ms; the histogram is within one 26 % bucket.
    expect(edge.http.p50Ms as number).toBeGreaterThan(10 / 1.26);
    expect(edge.http.p50Ms as number).toBeLessThan(10 * 1.26);
    expect(edge.http.p95Ms as number).toBeGreaterThan(19 / 1.26);
    expect(edge.http.p95Ms as number).toBeLessThan(19 * 1.26);
    expect(edge.dns).toEqual({ queries: 0, errors: 0 });
  });

  it('reports null percentiles without latency samples', () => {
    const state = createServiceMapState();
    aggregate(state, [tcpFlow(frontend, cart, { time: NOW, extra: http('REQUEST') })], NOW);
    expect(onlyEdge('all', state).http).toEqual({
      requests: 1,
      errors4xx: 0,
      errors5xx: 0,
      p50Ms: null,
      p95Ms: null,
    });
  });

  it('counts DNS queries and responses with a non-zero rcode', () => {
    const state = createServiceMapState();
    const dns = podEndpoint('kube-system', 'coredns-55-abc', { labels: ['k8s:k8s-app=kube-dns'] });
    const query = (rcode?: number): Partial<Flow> => ({
      l7: {
        type: rcode === undefined ? 'REQUEST' : 'RESPONSE',
        dns: { query: 'x.', ...(rcode === undefined ? {} : { rcode }) },
      },
    });
    const udp = (reply: boolean, extra: Partial<Flow>): Flow => ({
      ...tcpFlow(reply ? dns : frontend, reply ? frontend : dns, { time: NOW, reply, extra }),
      l4: { UDP: { source_port: reply ? 53 : 5000, destination_port: reply ? 5000 : 53 } },
    });
    aggregate(
      state,
      [
        udp(false, query()),
        udp(false, query()),
        udp(true, query(0)),
        udp(true, query(3)),
        udp(true, { l7: { type: 'RESPONSE', dns: {} } }),
      ],
      NOW,
    );
    const edge = onlyEdge('all', state);
    expect(edge).toMatchObject({
      source: 'shop/frontend',
      target: 'kube-system/kube-dns',
      protocol: 'UDP',
      port: 53,
    });
    expect(edge.dns).toEqual({ queries: 2, errors: 1 });
  });

  it('counts malformed entries and never throws on flow content', () => {
    const state = createServiceMapState();
    const junk = [null, 42, 'flow', { l4: 'x', l7: 5, source: 7, IP: 'y', time: 3 }] as unknown as Flow[];
    expect(() => aggregate(state, junk, NOW)).not.toThrow();
    expect(state.counters.malformed).toBe(3);
    expect(state.counters.flows).toBe(1);
    expect(state.counters.invalidTime).toBe(1);
    expect(state.counters.missingTime).toBe(0);
    expect(() => aggregate(state, [], Number.NaN)).toThrow(RangeError);
  });
});

describe('windows', () => {
  it('drops flows out of 1m while 5m / 15m / 1h / all keep them', () => {
    const state = createServiceMapState();
    const t0 = NOW - 30_000;
    aggregate(state, [tcpFlow(frontend, cart, { time: t0 })], t0);
    aggregate(
      state,
      [tcpFlow(frontend, cart, { time: t0 + 1000 }), tcpFlow(frontend, cart, { time: t0 + 2000 })],
      t0 + 2000,
    );
    const flowsAt = (now: number) =>
      Object.fromEntries(
        (['1m', '5m', '15m', '1h', 'all'] as const).map((w) => [
          w,
          toMapView(state, { window: w }, now).edges[0]?.flows ?? 0,
        ]),
      );
    expect(flowsAt(t0 + 5_000)).toEqual({ '1m': 3, '5m': 3, '15m': 3, '1h': 3, all: 3 });
    expect(flowsAt(t0 + 2 * 60_000)).toEqual({ '1m': 0, '5m': 3, '15m': 3, '1h': 3, all: 3 });
    expect(flowsAt(t0 + 10 * 60_000)).toEqual({ '1m': 0, '5m': 0, '15m': 3, '1h': 3, all: 3 });
    expect(flowsAt(t0 + 30 * 60_000)).toEqual({ '1m': 0, '5m': 0, '15m': 0, '1h': 3, all: 3 });
    expect(flowsAt(t0 + 2 * 3_600_000)).toEqual({ '1m': 0, '5m': 0, '15m': 0, '1h': 0, all: 3 });
    // Nodes without flows in a window are not shown.
    expect(toMapView(state, { window: '1m' }, t0 + 2 * 60_000).nodes).toEqual([]);
  });

  it('buckets by flow time, mixing old and new flows', () => {
    const state = createServiceMapState();
    aggregate(
      state,
      [
        tcpFlow(frontend, cart, { time: NOW - 10 * 60_000, verdict: 'DROPPED' }),
        tcpFlow(frontend, cart, { time: NOW - 3 * 60_000 }),
        tcpFlow(frontend, cart, { time: NOW - 10_000 }),
        tcpFlow(frontend, cart, { time: NOW - 2 * 3_600_000 }),
      ],
      NOW,
    );
    expect(onlyEdge('1m', state).flows).toBe(1);
    expect(onlyEdge('5m', state).flows).toBe(2);
    expect(onlyEdge('15m', state)).toMatchObject({ flows: 3, dropped: 1 });
    expect(onlyEdge('1h', state).flows).toBe(3);
    expect(onlyEdge('all', state).flows).toBe(4);
  });

  it('clamps future flow times to now and uses now for missing times', () => {
    const state = createServiceMapState();
    aggregate(state, [tcpFlow(frontend, cart, { time: NOW + 3_600_000 }), tcpFlow(frontend, cart)], NOW);
    const edge = onlyEdge('1m', state);
    expect(edge.flows).toBe(2);
    expect(edge.lastSeen).toBe(isoAt(NOW));
  });

  it('reports the per-second rate over the last minute on request', () => {
    const state = createServiceMapState();
    const start = Date.UTC(2024, 4, 1, 12, 0, 0);
    for (let s = 0; s < 60; s++) {
      const flows = Array.from({ length: 3 }, () => tcpFlow(frontend, cart, { time: start + s * 1000 }));
      aggregate(state, flows, start + s * 1000);
    }
    const now = start + 60_000;
    expect(toMapView(state, { window: '1m', withRates: true }, now).edges[0]?.rate).toBe(3);
    expect(toMapView(state, { window: '1m' }, now).edges[0]).not.toHaveProperty('rate');
    expect(
      edgeSparkline(
        state,
        { source: 'shop/frontend', target: 'shop/cart', protocol: 'TCP', port: 8080 },
        now,
      ),
    ).toEqual(new Array(12).fill(15));
    expect(
      edgeSparkline(
        state,
        { source: 'shop/frontend', target: 'shop/cart', protocol: 'UDP', port: 8080 },
        now,
      ),
    ).toBeNull();
  });

  it('aggregateEvents takes the flows of FlowEvents and ignores the other kinds', () => {
    const state = createServiceMapState();
    aggregateEvents(
      state,
      [
        { kind: 'flow', flow: tcpFlow(frontend, cart, { time: NOW }) },
        { kind: 'lost', lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '3' } },
        { kind: 'node-status', status: { state_change: 'NODE_CONNECTED', node_names: ['a'] } },
      ],
      NOW,
    );
    expect(serviceMapStats(state)).toMatchObject({ nodes: 2, edges: 1, maxNodes: 5000, maxEdges: 20000 });
    expect(serviceMapStats(state).counters.flows).toBe(1);
  });

  it('aggregateFlow is aggregate for one flow', () => {
    const a = createServiceMapState();
    const b = createServiceMapState();
    const flows = [
      tcpFlow(frontend, cart, { time: NOW }),
      tcpFlow(cart, frontend, { time: NOW, reply: true }),
    ];
    aggregate(a, flows, NOW);
    for (const f of flows) aggregateFlow(b, f, NOW);
    expect(toMapView(b, { window: 'all' }, NOW)).toEqual(toMapView(a, { window: 'all' }, NOW));
  });
});
