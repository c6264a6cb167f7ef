import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { aggregate } from './aggregate';
import { applyDelta, applyDiff, createMapSequencer, diffViews, isEmptyDiff, jsonEqual } from './diff';
import { toMapView } from './map-view';
import { createServiceMapState } from './state';
import { podEndpoint, reserved, tcpFlow } from './test-support/flow-builders';
import { FIXTURE_FILES, loadFixtureFlows } from './test-support/load-fixture';
import type { MapView } from './view-types';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const EMPTY: MapView = { window: '1m', nodes: [], edges: [] };

function randomFlows(seed: number, count: number, at: number): Flow[] {
  let s = seed;
  const next = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 4294967296) * n);
  };
  const eps = [
    podEndpoint('shop', 'frontend-6d4b-x1'),
    podEndpoint('shop', 'cart-7f9c-y2'),
    podEndpoint('payments', 'payments-11-z'),
    podEndpoint('kube-system', 'coredns-55-abc'),
    reserved('reserved:world', 2),
    reserved('reserved:host', 1),
  ];
  return Array.from({ length: count }, () =>
    tcpFlow(eps[next(eps.length)] ?? {}, eps[next(eps.length)] ?? {}, {
      time: at - next(50_000),
      dport: [80, 443, 5432][next(3)],
      verdict: next(5) === 0 ? 'DROPPED' : 'FORWARDED',
      extra: next(4) === 0 ? { drop_reason_desc: 'POLICY_DENIED' } : {},
    }),
  );
}

describe('diffViews / applyDiff', () => {
  it('round-trips: applyDiff(prev, diffViews(prev, next)) deep-equals next, tick after tick', () => {
    const state = createServiceMapState();
    let prev = EMPTY;
    for (let tick = 0; tick < 30; tick++) {
      const now = NOW + tick * 7_000;
      aggregate(state, randomFlows(tick + 1, tick % 4 === 0 ? 0 : 40, now), now);
      const next = toMapView(state, { window: '1m' }, now);
      const diff = diffViews(prev, next);
      expect(applyDiff(prev, diff)).toEqual(next);
      prev = next;
    }
    // Flows aged out of the window: everything is removed.
    const later = toMapView(state, { window: '1m' }, NOW + 3_600_000);
    const diff = diffViews(prev, later);
    expect(diff.nodes.removed.length).toBe(prev.nodes.length);
    expect(applyDiff(prev, diff)).toEqual(later);
  });

  it('round-trips between fixture maps and with filters', () => {
    const views = FIXTURE_FILES.map((file) => {
      const state = createServiceMapState();
      aggregate(state, loadFixtureFlows(file), NOW + 10 * 365 * 86_400_000);
      return toMapView(state, { window: 'all' }, NOW);
    });
    for (const a of views) for (const b of views) expect(applyDiff(a, diffViews(a, b))).toEqual(b);
  });

  it('reports added, updated and removed items and nothing for equal views', () => {
    const state = createServiceMapState();
    const a = podEndpoint('shop', 'a-1-1');
    const b = podEndpoint('shop', 'b-1-1');
    const c = podEndpoint('shop', 'c-1-1');
    aggregate(state, [tcpFlow(a, b, { time: NOW }), tcpFlow(b, c, { time: NOW })], NOW);
    const v1 = toMapView(state, { window: 'all' }, NOW);
    expect(isEmptyDiff(diffViews(v1, v1))).toBe(true);
    aggregate(state, [tcpFlow(a, b, { time: NOW + 1 }), tcpFlow(a, c, { time: NOW + 1, dport: 9 })], NOW + 1);
    const v2 = toMapView(state, { window: 'all' }, NOW + 1);
    const diff = diffViews(v1, v2);
    expect(diff.edges.added.map((e) => `${e.source}>${e.target}:${e.port}`)).toEqual(['shop/a>shop/c:9']);
    expect(diff.edges.updated.map((e) => `${e.source}>${e.target}`)).toEqual(['shop/a>shop/b']);
    expect(diff.nodes.updated.map((n) => n.id)).toEqual(['shop/a', 'shop/b', 'shop/c']);
    expect(diff.edges.removed).toEqual([]);
    const back = diffViews(v2, v1);
    expect(back.edges.removed).toEqual([{ source: 'shop/a', target: 'shop/c', protocol: 'TCP', port: 9 }]);
  });

  it('compares JSON structurally', () => {
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(jsonEqual({ a: undefined, b: 1 }, { b: 1, c: undefined })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { b: 1 })).toBe(false);
    expect(jsonEqual({ a: 1 }, { b: 1 })).toBe(false);
  });
});

describe('sequencer', () => {
  it('numbers deltas, skips empty ticks and lets clients detect gaps', () => {
    const state = createServiceMapState();
    const client = podEndpoint('shop', 'a-1-1');
    const server = podEndpoint('shop', 'b-1-1');
    const view = (now: number) => toMapView(state, { window: '1m' }, now);
    const seq = createMapSequencer(view(NOW));
    expect(seq.snapshot().seq).toBe(0);
    expect(seq.publish(view(NOW))).toBeNull();

    aggregate(state, [tcpFlow(client, server, { time: NOW })], NOW);
    const d1 = seq.publish(view(NOW + 1000));
    expect(d1).toMatchObject({ seq: 1, baseSeq: 0 });
    aggregate(state, [tcpFlow(client, server, { time: NOW + 1500 })], NOW + 1500);
    const d2 = seq.publish(view(NOW + 2000));
    expect(d2).toMatchObject({ seq: 2, baseSeq: 1 });

    const browser0 = { seq: 0, view: EMPTY };
    const browser1 = applyDelta(browser0, d1 ?? expect.fail('delta expected'));
    expect(browser1?.seq).toBe(1);
    const browser2 = applyDelta(browser1 ?? expect.fail('applied'), d2 ?? expect.fail('delta expected'));
    expect(browser2).toEqual(seq.snapshot());
    // A missed delta is detected: the client must refetch the snapshot.
    expect(applyDelta(browser0, d2 as NonNullable<typeof d2>)).toBeNull();
  });
});
