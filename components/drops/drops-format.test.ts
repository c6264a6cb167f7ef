import { describe, expect, it } from 'vitest';
import {
  ago,
  type DropGroupWire,
  explanationSentences,
  matchesSearch,
  nodesText,
  portText,
} from './drops-format';
import { dropsUrlSearch, parseDropsUrlState } from './drops-url-state';
import { sparklinePath } from './sparkline';

const group = {
  key: 'shop/web|data/db|TCP|5432|POLICY_DENIED',
  source: 'shop/web',
  target: 'data/db',
  protocol: 'TCP',
  port: 5432,
  reason: 'POLICY_DENIED',
  nodes: [
    { name: 'node-a', count: 3 },
    { name: 'node-b', count: 2 },
    { name: 'node-c', count: 1 },
  ],
  otherNodeDrops: 0,
} as unknown as DropGroupWire;

describe('drops formatting', () => {
  it('formats ports, ages and node lists', () => {
    expect(portText(group)).toBe('5432/TCP');
    expect(portText({ protocol: 'ICMPv6', port: null })).toBe('ICMPv6');
    const now = '2026-01-01T12:00:00.000Z';
    expect(ago('2026-01-01T11:59:58.000Z', now)).toBe('2s ago');
    expect(ago('2026-01-01T11:55:00.000Z', now)).toBe('5m ago');
    expect(ago('2026-01-01T09:00:00.000Z', now)).toBe('3h ago');
    expect(ago('2025-12-25T12:00:00.000Z', now)).toBe('7d ago');
    expect(ago('garbage', now)).toBe('—');
    expect(nodesText(group)).toBe('node-a, node-b +1');
    expect(nodesText(group, 1)).toBe('node-a +2');
    expect(nodesText({ nodes: group.nodes.slice(0, 1), otherNodeDrops: 0 })).toBe('node-a');
    expect(nodesText({ nodes: [], otherNodeDrops: 0 })).toBe('—');
  });

  it('filters by any shown text, case-insensitively', () => {
    expect(matchesSearch(group, '')).toBe(true);
    expect(matchesSearch(group, 'DATA/')).toBe(true);
    expect(matchesSearch(group, 'denied')).toBe(true);
    expect(matchesSearch(group, '5432/tcp')).toBe(true);
    expect(matchesSearch(group, 'node-c')).toBe(true);
    expect(matchesSearch(group, 'payments')).toBe(false);
  });

  it('draws one bar per non-zero point, scaled to the peak', () => {
    expect(sparklinePath([0, 0], 100, 20)).toBe('');
    const d = sparklinePath([1, 0, 2], 90, 20);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).toContain('M60.0 20v-18.0');
  });
});

describe('drops URL state', () => {
  it('round-trips through the URL and keeps the theme', () => {
    const state = parseDropsUrlState(new URLSearchParams('window=1h&group=a%7Cb&q=web&policy=1&theme=light'));
    expect(state).toEqual({ window: '1h', group: 'a|b', search: 'web', policyOnly: true, paused: false });
    expect(dropsUrlSearch(state, new URLSearchParams('theme=light'))).toBe(
      '?theme=light&window=1h&q=web&policy=1&group=a%7Cb',
    );
  });

  it('falls back to defaults for bad values', () => {
    expect(parseDropsUrlState(new URLSearchParams('window=7d'))).toMatchObject({
      window: '15m',
      group: undefined,
    });
    expect(dropsUrlSearch(parseDropsUrlState(new URLSearchParams('')), new URLSearchParams())).toBe('');
  });
});

describe('explanationSentences', () => {
  it('splits sentences but keeps label keys and regexes whole', () => {
    expect(
      explanationSentences(
        'Ingress to pod a (app.kubernetes.io/name=x) is denied. CiliumNetworkPolicy p allows /a\\.v1/.* only.  Done.',
      ),
    ).toEqual([
      'Ingress to pod a (app.kubernetes.io/name=x) is denied.',
      'CiliumNetworkPolicy p allows /a\\.v1/.* only.',
      'Done.',
    ]);
  });
});
