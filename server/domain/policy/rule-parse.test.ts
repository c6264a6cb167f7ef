import { describe, expect, it } from 'vitest';
import { parseCiliumRule, parseK8sRule, parseSelector } from './rule-parse';

describe('parseSelector', () => {
  it('coerces scalar label values to strings and keeps valid expressions', () => {
    const issues: string[] = [];
    const selector = parseSelector(
      {
        matchLabels: { version: 2, enabled: true },
        matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 1] }],
      },
      'sel',
      issues,
    );
    expect(selector).toEqual({
      matchLabels: { version: '2', enabled: 'true' },
      matchExpressions: [{ key: 'a', operator: 'In', values: ['x', '1'] }],
    });
    expect(issues).toEqual([]);
  });

  it('reports malformed parts', () => {
    const issues: string[] = [];
    expect(parseSelector('x', 'sel', issues)).toBeUndefined();
    parseSelector({ matchLabels: [], matchExpressions: [{ operator: 'In' }] }, 'sel', issues);
    expect(issues).toEqual([
      'sel: expected a label selector object',
      'sel.matchLabels: expected a map',
      'sel.matchExpressions[0]: needs key and operator',
    ]);
  });
});

describe('parseCiliumRule', () => {
  it('does not read toFQDNs in deny rules and ignores FQDNs on ingress', () => {
    const issues: string[] = [];
    const deny = parseCiliumRule({ toFQDNs: [{ matchName: 'a.io' }] }, 'egress', true, 'r', issues);
    expect(deny?.peers.fqdns).toEqual([]);
    const ingress = parseCiliumRule({ fromCIDR: ['10.0.0.0/8'] }, 'ingress', false, 'r', issues);
    expect(ingress?.peers.cidrs).toEqual([{ cidr: '10.0.0.0/8', except: [] }]);
  });

  it('reads ICMP fields with IPv4 as the default family', () => {
    const rule = parseCiliumRule(
      { icmps: [{ fields: [{ type: 8 }, { type: 128, family: 'IPv6' }] }] },
      'ingress',
      false,
      'r',
      [],
    );
    expect(rule?.l4.icmps).toEqual([
      { family: 'IPv4', type: '8' },
      { family: 'IPv6', type: '128' },
    ]);
    expect(rule?.peers.all).toBe(true);
  });

  it('rejects a non-object rule', () => {
    const issues: string[] = [];
    expect(parseCiliumRule(null, 'ingress', false, 'r', issues)).toBeUndefined();
    expect(issues).toEqual(['r: expected a rule object']);
  });
});

describe('parseK8sRule', () => {
  it('skips empty peers and reads ports', () => {
    const issues: string[] = [];
    const rule = parseK8sRule({ from: [{}], ports: [{ port: 'http' }] }, 'ingress', 'r', issues);
    expect(rule?.peers.all).toBe(false);
    expect(rule?.peers.k8sPeers).toEqual([]);
    expect(rule?.l4.portRules[0]?.ports).toEqual([{ port: 'http', endPort: undefined, protocol: 'TCP' }]);
    expect(issues).toEqual(['r.from[0]: peer names no podSelector, namespaceSelector or ipBlock']);
  });
});
