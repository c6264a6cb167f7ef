import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { aggregate, createServiceMapState, nodeIdentity, toMapView } from '../service-map';
import { windowCount } from './drop-counts';
import { DropGroups } from './drop-groups';
import { dropKey } from './drop-key';
import { fixtureFlows, pod, tcpDrop } from './test-support/flows';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 30);
const FILES = [
  'cilium-docs-export/export-rst-dropped-fieldmasked.json',
  'cilium-hubble-otel/basic-sample-400-tcp-flows.json',
  'cilium-hubble-otel/basic-sample-400-icmpv4-flows.json',
];

describe('DropGroups on real fixture flows', () => {
  const flows = FILES.flatMap(fixtureFlows);
  const dropped = flows.filter((f) => f.verdict === 'DROPPED');
  const state = new DropGroups();
  for (const flow of flows) state.record(flow, Date.parse(flow.time ?? '') + 1000);

  it('counts only DROPPED flows', () => {
    expect(dropped.length).toBe(2);
    expect(state.stats.drops).toBe(dropped.length);
  });

  it('groups the field-masked drops by map node, protocol, port and reason', () => {
    const groups = [...state.groups()].map((g) => ({
      source: g.source,
      target: g.target,
      protocol: g.protocol,
      port: g.port,
      reason: g.reason,
      total: g.counts.total,
      nodes: [...g.nodes.keys()],
    }));
    expect(groups).toEqual([
      {
        source: 'ip:fe80::64d8:8aff:fe72:fc14',
        target: 'ip:ff02::2',
        protocol: 'ICMPv6',
        port: null,
        reason: 'INVALID_SOURCE_IP',
        total: 1,
        nodes: ['kind-kind/kind-worker'],
      },
      {
        source: 'default/xwing',
        target: 'default/deathstar-7848d6c4d5-th9v2',
        protocol: 'TCP',
        port: 80,
        reason: 'POLICY_DENIED',
        total: 1,
        nodes: ['kind-kind/kind-worker'],
      },
    ]);
  });

  it('uses the same node ids and edge as the service map', () => {
    const map = createServiceMapState();
    const last = Math.max(...dropped.map((f) => Date.parse(f.time ?? '')));
    aggregate(map, dropped, last + 1000);
    const view = toMapView(map, { window: 'all' }, last + 1000);
    const mapEdges = view.edges
      .filter((e) => e.dropped > 0)
      .map((e) => `${e.source}|${e.target}|${e.protocol}|${e.port ?? ''}`)
      .sort();
    const groupEdges = [...state.groups()]
      .map((g) => `${g.source}|${g.target}|${g.protocol}|${g.port ?? ''}`)
      .sort();
    expect(groupEdges).toEqual(mapEdges);
    for (const flow of dropped) {
      const key = [...state.groups()].find((g) => g.reason === flow.drop_reason_desc);
      expect(key?.source).toBe(nodeIdentity(flow, 'source').id);
      expect(key?.target).toBe(nodeIdentity(flow, 'destination').id);
    }
  });
});

describe('DropGroups with hand-built flows', () => {
  const web = pod('shop', 'web');
  const db = pod('data', 'db');

  it('counts a policy-verdict event and the drop event of one packet twice, as hubble observe does', () => {
    const state = new DropGroups();
    const verdict = tcpDrop(web, db, { eventType: 5, deniedBy: [{ name: 'deny-db', namespace: 'data' }] });
    const drop = tcpDrop(web, db, { eventType: 1 });
    state.record(verdict, NOW);
    state.record(drop, NOW);
    expect(state.size).toBe(1);
    const group = [...state.groups()][0];
    expect(group?.counts.total).toBe(2);
    expect(group && windowCount(group.counts, '1m', NOW)).toBe(2);
    expect(group && state.sampleOf(group)).toEqual([verdict, drop]);
  });

  it('separates groups by reason, port and direction of the nodes, not by node name', () => {
    const state = new DropGroups();
    state.record(tcpDrop(web, db, { node: 'a' }), NOW);
    state.record(tcpDrop(web, db, { node: 'b' }), NOW);
    state.record(tcpDrop(web, db, { port: 9090 }), NOW);
    state.record(tcpDrop(web, db, { reason: 'POLICY_DENY', code: 181 }), NOW);
    state.record(tcpDrop(db, web), NOW);
    expect(state.size).toBe(4);
    const key = dropKey({
      source: 'shop/web',
      target: 'data/db',
      protocol: 'TCP',
      port: 8080,
      reason: 'POLICY_DENIED',
    });
    const group = state.get(key);
    expect(group?.counts.total).toBe(2);
    expect([...(group?.nodes ?? new Map()).entries()]).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('orients a dropped reply onto the request edge, like the map', () => {
    const state = new DropGroups();
    const reply: Flow = {
      ...tcpDrop(db, web, { reason: 'CT_UNKNOWN', code: 999 }),
      is_reply: true,
      l4: { TCP: { source_port: 8080, destination_port: 40000 } },
    };
    state.record(reply, NOW);
    const group = [...state.groups()][0];
    expect(group).toMatchObject({ source: 'shop/web', target: 'data/db', port: 8080, reason: 'CT_UNKNOWN' });
  });

  it('keeps first/last seen from flow times, clamped to the ingest clock', () => {
    const state = new DropGroups();
    state.record(tcpDrop(web, db, { time: '2026-01-01T12:00:10.000Z' }), NOW);
    state.record(tcpDrop(web, db, { time: '2026-01-01T12:00:05.000Z' }), NOW);
    state.record(tcpDrop(web, db, { time: '2026-01-01T12:00:40.000Z' }), NOW); // node clock ahead
    const group = [...state.groups()][0];
    expect(group?.firstSeenMs).toBe(Date.UTC(2026, 0, 1, 12, 0, 5));
    expect(group?.lastSeenMs).toBe(NOW);
  });

  it('evicts the least recently seen group past maxGroups', () => {
    const state = new DropGroups({ maxGroups: 2 });
    const a = tcpDrop(web, db, { port: 1 });
    const b = tcpDrop(web, db, { port: 2 });
    const c = tcpDrop(web, db, { port: 3 });
    state.record(a, NOW);
    state.record(b, NOW);
    state.record(a, NOW); // a is now more recent than b
    state.record(c, NOW);
    expect([...state.groups()].map((g) => g.port).sort()).toEqual([1, 3]);
    expect(state.stats.evicted).toBe(1);
    expect(state.stats.drops).toBe(4);
  });

  it('bounds node names and the flow sample, keeping the newest attributed flow', () => {
    const state = new DropGroups({ maxNodes: 2, sampleSize: 3 });
    const attributed = tcpDrop(web, db, {
      eventType: 5,
      deniedBy: [{ name: 'p', namespace: 'data' }],
      node: 'n0',
    });
    state.record(attributed, NOW);
    for (let i = 1; i <= 5; i++) state.record(tcpDrop(web, db, { node: `n${i}` }), NOW);
    const group = [...state.groups()][0];
    if (group === undefined) throw new Error('no group');
    expect(group.nodes.size).toBe(2);
    expect(group.otherNodeDrops).toBe(4);
    const sample = state.sampleOf(group);
    expect(sample).toHaveLength(4);
    expect(sample[0]).toBe(attributed);
    expect(sample.slice(1).map((f) => f.node_name)).toEqual(['n3', 'n4', 'n5']);
  });

  it('skips malformed input and non-dropped flows without throwing', () => {
    const state = new DropGroups();
    const junk: unknown[] = [
      null,
      42,
      'x',
      {},
      { verdict: 'FORWARDED' },
      { verdict: 'DROPPED', l4: 'bad', source: 7, time: 'never' },
    ];
    const recorded = junk.map((j) => state.record(j as Flow, NOW));
    expect(recorded).toEqual([false, false, false, false, false, true]);
    const group = [...state.groups()][0];
    expect(group).toMatchObject({
      source: 'unknown',
      target: 'unknown',
      protocol: 'unknown',
      port: null,
      reason: 'UNKNOWN',
    });
    expect(group?.lastSeenMs).toBe(NOW);
  });

  it('escapes hostile names in the key so it stays one printable line', () => {
    const state = new DropGroups();
    const evil = pod('shop', 'a|b\nkind: Secret');
    state.record(tcpDrop(evil, db), NOW);
    const key = [...state.groups()][0]?.key ?? '';
    expect(key).not.toMatch(/[\n\r]/);
    expect(key.split('|')).toHaveLength(5);
    expect(key.startsWith('shop/a%7Cb%0Akind: Secret|')).toBe(true);
  });
});
