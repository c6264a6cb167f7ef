import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate';
import { parseMapQuery, toMapView } from './map-view';
import { createServiceMapState } from './state';
import { podEndpoint, reserved, tcpFlow } from './test-support/flow-builders';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

describe('toMapView', () => {
  const state = createServiceMapState();
  const front = podEndpoint('shop', 'frontend-1-a');
  const pay = podEndpoint('payments', 'payments-1-b');
  const db = podEndpoint('data', 'postgres-1-c');
  const world = reserved('reserved:world', 2);
  aggregate(
    state,
    [
      tcpFlow(front, pay, { time: NOW, dport: 50051 }),
      tcpFlow(pay, db, {
        time: NOW,
        dport: 5432,
        verdict: 'DROPPED',
        extra: { drop_reason_desc: 'POLICY_DENY' },
      }),
      tcpFlow(db, db, { time: NOW, dport: 5432 }),
      tcpFlow(front, world, { time: NOW, dport: 443, extra: { destination_names: ['api.stripe.com'] } }),
    ],
    NOW,
  );

  it('keeps edges with either end in the namespaces, and the nodes they touch', () => {
    const view = toMapView(state, { window: 'all', namespaces: ['payments'] }, NOW);
    expect(view.edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      'payments/payments>data/postgres',
      'shop/frontend>payments/payments',
    ]);
    expect(view.nodes.map((n) => n.id)).toEqual(['data/postgres', 'payments/payments', 'shop/frontend']);
    // Node totals count every edge of the window, not only the filtered ones.
    expect(view.nodes.find((n) => n.id === 'shop/frontend')).toMatchObject({ flowsOut: 2, flowsIn: 0 });
    expect(view.nodes.find((n) => n.id === 'data/postgres')).toMatchObject({
      flowsIn: 2,
      flowsOut: 1,
      drops: 1,
    });
  });

  it('sorts nodes by id and edges by source / target / protocol / port', () => {
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.nodes.map((n) => n.id)).toEqual([
      'data/postgres',
      'fqdn:api.stripe.com',
      'payments/payments',
      'shop/frontend',
    ]);
    expect(view.edges.map((e) => `${e.source}>${e.target}:${e.port}`)).toEqual([
      'data/postgres>data/postgres:5432',
      'payments/payments>data/postgres:5432',
      'shop/frontend>fqdn:api.stripe.com:443',
      'shop/frontend>payments/payments:50051',
    ]);
    expect(view.nodes[1]).toEqual({
      id: 'fqdn:api.stripe.com',
      kind: 'fqdn',
      namespace: null,
      name: 'api.stripe.com',
      labels: [],
      flowsIn: 1,
      flowsOut: 0,
      drops: 0,
      badges: [],
    });
  });

  it('emits exactly the documented edge keys', () => {
    const edge = toMapView(state, { window: '5m' }, NOW).edges[1];
    expect(Object.keys(edge ?? {})).toEqual([
      'source',
      'target',
      'protocol',
      'port',
      'flows',
      'verdicts',
      'forwarded',
      'dropped',
      'dropReasons',
      'http',
      'dns',
      'lastSeen',
    ]);
    expect(edge).toMatchObject({ verdicts: { DROPPED: 1 }, dropped: 1, dropReasons: { POLICY_DENY: 1 } });
  });

  it('returns the same JSON for the same state (deterministic)', () => {
    expect(JSON.stringify(toMapView(state, { window: 'all' }, NOW))).toBe(
      JSON.stringify(toMapView(state, { window: 'all' }, NOW)),
    );
  });
});

describe('parseMapQuery', () => {
  it('parses window and namespace list', () => {
    expect(parseMapQuery({ window: '15m', namespace: 'b, a,,b' })).toEqual({
      ok: true,
      query: { window: '15m', namespaces: ['a', 'b'] },
    });
    expect(parseMapQuery({})).toEqual({ ok: true, query: { window: '5m' } });
    expect(parseMapQuery({ window: null, namespace: '' })).toEqual({ ok: true, query: { window: '5m' } });
    const params = new URLSearchParams('window=all&namespace=shop');
    expect(parseMapQuery({ window: params.get('window'), namespace: params.get('namespace') })).toEqual({
      ok: true,
      query: { window: 'all', namespaces: ['shop'] },
    });
  });

  it('rejects unknown windows with a clear error', () => {
    const parsed = parseMapQuery({ window: '2m' });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain('window must be one of 1m, 5m, 15m, 1h, all');
  });
});

describe('the seconds a window covers', () => {
  const front = podEndpoint('shop', 'frontend-1-a');
  const pay = podEndpoint('payments', 'payments-1-b');
  // Ten flows per second between two pods, from `fromMs` up to (not including) `untilMs`.
  const steady = (fromMs: number, untilMs: number, startedMs = fromMs) => {
    const state = createServiceMapState({ startedMs });
    for (let t = fromMs; t < untilMs; t += 1000) {
      const batch = Array.from({ length: 10 }, (_, i) =>
        tcpFlow(front, pay, { time: t + i * 100, dport: 50051 }),
      );
      aggregate(state, batch, t + 999);
    }
    return state;
  };

  it('gives counts ÷ seconds the true rate anywhere within a minute, not up to 20 % more', () => {
    // An hour of traffic, then every second from 12:00:00 to 12:00:59 checked as it ends.
    const state = steady(NOW - 3_600_000, NOW);
    for (let s = 0; s < 60; s++) {
      const t = NOW + s * 1000;
      aggregate(
        state,
        Array.from({ length: 10 }, (_, i) => tcpFlow(front, pay, { time: t + i * 100, dport: 50051 })),
        t + 999,
      );
      for (const window of ['1m', '5m', '15m', '1h'] as const) {
        const view = toMapView(state, { window }, t + 1000);
        const rate = view.edges[0]!.flows / view.seconds!;
        expect(rate, `${window} at 12:00:${s}`).toBeCloseTo(10, 5);
      }
    }
    // The 5m window spans its five full minutes plus the current one.
    expect(toMapView(state, { window: '5m' }, NOW + 45_000).seconds).toBe(345);
  });

  it('is the time since start-up while that is shorter than the window, and never 0', () => {
    const state = steady(NOW - 40_000, NOW, NOW - 40_000);
    expect(toMapView(state, { window: '5m' }, NOW).seconds).toBe(40);
    expect(toMapView(state, { window: 'all' }, NOW).seconds).toBe(40);
    expect(toMapView(state, { window: '1m' }, NOW).seconds).toBe(40);
    expect(toMapView(createServiceMapState({ startedMs: NOW }), { window: '5m' }, NOW).seconds).toBe(1);
  });

  it('reaches back to a flow older than start-up (a back-fill)', () => {
    const state = createServiceMapState({ startedMs: NOW });
    aggregate(state, [tcpFlow(front, pay, { time: NOW - 90_000, dport: 50051 })], NOW);
    expect(toMapView(state, { window: '5m' }, NOW + 10_000).seconds).toBe(100);
  });

  it('ignores a flow older than the rings reach (a node clock far behind)', () => {
    const state = createServiceMapState({ startedMs: NOW });
    aggregate(state, [tcpFlow(front, pay, { time: NOW - 365 * 86_400_000, dport: 50051 })], NOW);
    expect(toMapView(state, { window: 'all' }, NOW + 10_000).seconds).toBe(10);
  });

  it('is the nominal length before anything was seen', () => {
    expect(toMapView(createServiceMapState(), { window: '15m' }, NOW).seconds).toBe(900);
  });
});
