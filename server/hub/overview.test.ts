import { describe, expect, it } from 'vitest';
import { buildClusterViews, emptyClusterSnapshot } from '../domain/cluster';
import type { SeriesPoint } from '../domain/traffic-series';
import { averagePoints, buildOverview, LOST_RECENT_MS, type OverviewInput } from './overview';

const NOW = Date.UTC(2026, 0, 12, 9, 0, 0);

function rates(partial: Partial<SeriesPoint> = {}): SeriesPoint {
  return {
    t: NOW,
    flows: 0,
    forwarded: 0,
    dropped: 0,
    other: 0,
    httpRequests: 0,
    http5xx: 0,
    http4xx: 0,
    dropReasons: {},
    ...partial,
  };
}

function input(partial: Partial<OverviewInput> = {}): OverviewInput {
  return {
    now: NOW,
    views: buildClusterViews(emptyClusterSnapshot(), { now: NOW }),
    kube: { configured: true, synced: true, errors: [] },
    rates: rates(),
    relay: { state: 'connected' },
    hubbleNodes: [],
    unavailableFromStatus: [],
    nodeStates: new Map(),
    lost: [],
    ...partial,
  };
}

describe('buildOverview', () => {
  it('is quiet for a healthy, idle cluster', () => {
    const body = buildOverview(input());
    expect(body.attention).toEqual([]);
    expect(body.traffic.dropRatio).toBeNull();
    expect(body.traffic.http5xxRatio).toBeNull();
    expect(body.generatedAt).toBe('2026-01-12T09:00:00.000Z');
  });

  it('computes drop and 5xx ratios and raises them past the thresholds', () => {
    const body = buildOverview(
      input({
        rates: rates({
          flows: 200,
          forwarded: 190,
          dropped: 10,
          httpRequests: 40,
          http5xx: 4,
          dropReasons: { POLICY_DENIED: 8, CT_MAP_INSERTION_FAILED: 2 },
        }),
      }),
    );
    expect(body.traffic).toMatchObject({ dropRatio: 0.05, http5xxRatio: 0.1, droppedPerSecond: 10 });
    expect(body.traffic.topDropReasons[0]).toEqual({ reason: 'POLICY_DENIED', perSecond: 8 });
    expect(body.attention.map((a) => [a.severity, a.title, a.href])).toEqual([
      ['critical', 'HTTP 5xx: 10% of requests', '/flows?http-status=5%2B'],
      ['warning', 'Dropped flows: 5.0% of traffic', '/drops'],
    ]);
    const mild = buildOverview(
      input({ rates: rates({ flows: 1000, dropped: 5, httpRequests: 1000, http5xx: 5 }) }),
    );
    expect(mild.attention).toEqual([]);
  });

  it('merges Relay GetNodes, node-status events and ServerStatus into one agent list', () => {
    const body = buildOverview(
      input({
        hubbleNodes: [
          { name: 'a', state: 'NODE_CONNECTED' },
          { name: 'b', state: 'NODE_UNAVAILABLE' },
        ],
        // GetNodes is fresher than the event stream for the nodes it lists.
        nodeStates: new Map([
          ['b', { state: 'NODE_CONNECTED' }],
          ['c', { state: 'NODE_GONE' }],
        ]),
        unavailableFromStatus: ['d', 'a'],
      }),
    );
    expect(body.hubble).toMatchObject({
      nodesTotal: 4,
      nodesUnavailable: 3,
      unavailableNodes: ['b', 'c', 'd'],
    });
    expect(body.attention[0]).toMatchObject({ severity: 'warning', area: 'hubble', detail: 'b, c, d' });
  });

  it('reports an unreachable Relay first, as critical', () => {
    const body = buildOverview(input({ relay: { state: 'unavailable', lastError: 'connect ECONNREFUSED' } }));
    expect(body.attention[0]).toMatchObject({ severity: 'critical', detail: 'connect ECONNREFUSED' });
    expect(body.hubble.relayError).toBe('connect ECONNREFUSED');
  });

  it('totals lost events and flags only sources that lost some recently', () => {
    const lost = new Map([
      ['old', { node: 'n1', source: 'HUBBLE_RING_BUFFER', count: 500, lastMs: NOW - LOST_RECENT_MS - 1 }],
      ['new', { node: 'n2', source: 'OBSERVER_EVENTS_QUEUE', count: 20, lastMs: NOW - 1000 }],
    ]);
    // An iterator, as the hub hands its Map values over: it must only be read once.
    const body = buildOverview(input({ lost: lost.values() }));
    expect(body.lostEvents.total).toBe(520);
    expect(body.lostEvents.recentSources).toBe(1);
    expect(body.lostEvents.sources.map((s) => s.node)).toEqual(['n2', 'n1']);
    expect(body.attention).toEqual([
      {
        severity: 'warning',
        area: 'hubble',
        title: 'Hubble lost events (520 in total)',
        detail: 'n2: 20 (OBSERVER_EVENTS_QUEUE)',
        href: '/flows',
      },
    ]);
    const stale = buildOverview(input({ lost: [...lost.values()].slice(0, 1) }));
    expect(stale.attention).toEqual([]);
  });

  it('summarises failing Kubernetes watches', () => {
    const body = buildOverview(
      input({
        kube: { configured: true, synced: false, errors: [{ resource: 'pods/v1', error: 'HTTP 403' }] },
      }),
    );
    expect(body.attention).toEqual([
      {
        severity: 'warning',
        area: 'kubernetes',
        title: '1 Kubernetes watch failing',
        detail: 'HTTP 403',
        href: '/nodes',
      },
    ]);
  });

  it('averages per-second points, drop reasons included', () => {
    const avg = averagePoints(
      [
        rates({ flows: 300, dropped: 4, dropReasons: { POLICY_DENIED: 4 } }),
        rates({ flows: 200, dropped: 2, dropReasons: { POLICY_DENIED: 1, CT_MAP_INSERTION_FAILED: 1 } }),
      ],
      NOW,
    );
    expect(avg).toMatchObject({ t: NOW, flows: 250, dropped: 3 });
    expect(avg.dropReasons).toEqual({ POLICY_DENIED: 2.5, CT_MAP_INSERTION_FAILED: 0.5 });
    expect(averagePoints([], NOW).flows).toBe(0);
  });
});
