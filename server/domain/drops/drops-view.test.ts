import { describe, expect, it } from 'vitest';
import { parseFlowQuery } from '../flow-filter';
import { DropGroups } from './drop-groups';
import { flowsQueryFor, mapQueryFor } from './drop-links';
import { dropGroupsView, parseDropsLimit, parseDropsWindow } from './drops-view';
import { pod, tcpDrop } from './test-support/flows';

const NOW = Date.UTC(2026, 0, 1, 12, 30, 0);
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

describe('dropGroupsView', () => {
  const web = pod('shop', 'web');
  const db = pod('data', 'db');
  const api = pod('shop', 'api');
  const state = new DropGroups();
  state.record(tcpDrop(web, db, { time: at(10), node: 'n1' }), NOW);
  state.record(tcpDrop(web, db, { time: at(20), node: 'n2' }), NOW);
  state.record(tcpDrop(web, db, { time: at(25), node: 'n2' }), NOW);
  state.record(tcpDrop(api, db, { time: at(5) }), NOW);
  state.record(tcpDrop(api, web, { time: at(600), reason: 'POLICY_DENY', code: 181 }), NOW);

  it('returns only groups with drops in the window, most drops first', () => {
    const view = dropGroupsView(state, '1m', NOW);
    expect(view.groups.map((g) => [g.source, g.target, g.count])).toEqual([
      ['shop/web', 'data/db', 3],
      ['shop/api', 'data/db', 1],
    ]);
    expect(view.matching).toBe(2);
    expect(view.drops).toBe(4);
    expect(view.tracked).toEqual({ groups: 3, evicted: 0, drops: 5 });
    const all = dropGroupsView(state, '15m', NOW);
    expect(all.groups).toHaveLength(3);
    expect(all.groups[2]).toMatchObject({ reason: 'POLICY_DENY', reasonClass: 'explicit-deny', count: 1 });
  });

  it('reports first/last seen, nodes (most drops first) and a sparkline per group', () => {
    const [top] = dropGroupsView(state, '5m', NOW).groups;
    expect(top).toMatchObject({
      reasonClass: 'default-deny',
      total: 3,
      firstSeen: at(25),
      lastSeen: at(10),
      nodes: [
        { name: 'n2', count: 2 },
        { name: 'n1', count: 1 },
      ],
      otherNodeDrops: 0,
    });
    expect(top?.sparkline.stepSeconds).toBe(10);
    expect(top?.sparkline.points).toHaveLength(30);
    expect(top?.sparkline.points.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('applies the limit after counting every matching group', () => {
    const view = dropGroupsView(state, 'all', NOW, 1);
    expect(view.groups).toHaveLength(1);
    expect(view.matching).toBe(3);
  });
});

describe('query parsing', () => {
  it('accepts the documented windows and defaults to 15m', () => {
    expect(parseDropsWindow(null)).toEqual({ ok: true, value: '15m' });
    for (const w of ['1m', '5m', '15m', '1h', 'all'])
      expect(parseDropsWindow(w)).toEqual({ ok: true, value: w });
    expect(parseDropsWindow('2h')).toEqual({
      ok: false,
      error: 'window must be one of 1m, 5m, 15m, 1h, all',
    });
  });

  it('accepts limits from 1 to 5000', () => {
    expect(parseDropsLimit('10')).toEqual({ ok: true, value: 10 });
    for (const bad of ['0', '5001', '-1', '1.5', 'ten', '1e3']) expect(parseDropsLimit(bad).ok).toBe(false);
  });
});

describe('links', () => {
  const parts = {
    source: 'shop/web',
    target: 'data/db',
    protocol: 'TCP',
    port: 5432,
    reason: 'POLICY_DENIED',
  };

  it('builds a flows-explorer query that the flow-filter parser accepts', () => {
    const query = flowsQueryFor(parts);
    expect(query).toBe(
      'from-pod=shop%2Fweb&to-pod=data%2Fdb&protocol=tcp&to-port=5432&verdict=DROPPED&drop-reason=POLICY_DENIED',
    );
    for (const p of [
      parts,
      { ...parts, source: 'world', target: 'fqdn:api.example.com', protocol: 'UDP', port: 53, reason: '133' },
      { ...parts, source: 'ip:fe80::1', target: 'host', protocol: 'ICMPv6', port: null, reason: 'UNKNOWN' },
      { ...parts, source: 'unknown', target: 'remote-node', protocol: 'unknown', port: null },
    ]) {
      const parsed = parseFlowQuery(new URLSearchParams(flowsQueryFor(p)), NOW);
      expect('query' in parsed, `${flowsQueryFor(p)}: ${JSON.stringify(parsed)}`).toBe(true);
    }
    expect(flowsQueryFor({ ...parts, source: 'world', target: 'fqdn:api.example.com' })).toContain(
      'from-label=reserved%3Aworld&to-fqdn=api.example.com',
    );
  });

  it('selects the same edge id the map page uses', () => {
    const params = new URLSearchParams(mapQueryFor(parts, '1h'));
    expect(params.get('sel')).toBe('edge:shop/web|data/db|TCP|5432');
    expect(params.get('window')).toBe('1h');
    expect(new URLSearchParams(mapQueryFor(parts, '5m')).has('window')).toBe(false);
  });
});
