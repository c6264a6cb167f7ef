import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { compileRelayFilter, compileRelayLists, matchRelayFilter, matchRelayLists } from './relay-filter';
import type { RelayFlowFilter } from './types';

const web: Flow = {
  verdict: 'DROPPED',
  drop_reason_desc: 'POLICY_DENIED',
  IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
  l4: { TCP: { source_port: 1234, destination_port: 80 } },
  source: { identity: 300, namespace: 'shop', pod_name: 'web-1', labels: ['k8s:app=web'] },
  destination: { identity: 301, namespace: 'shop', pod_name: 'db-1', labels: ['k8s:app=db'] },
  node_name: 'worker-1',
  event_type: { type: 1, sub_type: 133 },
};

describe('matchRelayFilter (Hubble semantics for one FlowFilter)', () => {
  it('ANDs fields and ORs values', () => {
    expect(matchRelayFilter({ source_pod: ['shop/web'], destination_port: ['80', '443'] }, web)).toBe(true);
    expect(matchRelayFilter({ source_pod: ['shop/web'], destination_port: ['443'] }, web)).toBe(false);
    expect(matchRelayFilter({}, web)).toBe(true);
    expect(matchRelayFilter({ verdict: [] }, web)).toBe(true);
  });

  it('reads a pod without namespace as default/<prefix>, like hubble observe --pod', () => {
    expect(matchRelayFilter({ source_pod: ['web'] }, web)).toBe(false);
    expect(
      matchRelayFilter({ source_pod: ['web'] }, { source: { namespace: 'default', pod_name: 'web-2' } }),
    ).toBe(true);
  });

  it('matches drop_reason_desc only on DROPPED flows', () => {
    expect(matchRelayFilter({ drop_reason_desc: ['POLICY_DENIED'] }, web)).toBe(true);
    expect(matchRelayFilter({ drop_reason_desc: ['POLICY_DENIED'] }, { ...web, verdict: 'AUDIT' })).toBe(
      false,
    );
  });

  it('compares event sub-types only when match_sub_type is set', () => {
    expect(matchRelayFilter({ event_type: [{ type: 1 }] }, web)).toBe(true);
    expect(matchRelayFilter({ event_type: [{ type: 1, sub_type: 5 }] }, web)).toBe(true);
    expect(matchRelayFilter({ event_type: [{ type: 1, match_sub_type: true, sub_type: 5 }] }, web)).toBe(
      false,
    );
    expect(matchRelayFilter({ event_type: [{ type: 0 }] }, web)).toBe(true);
    expect(matchRelayFilter({ event_type: [{ type: 0 }] }, { verdict: 'FORWARDED' })).toBe(false);
  });

  it('handles enums printed as numbers and omitted zero values', () => {
    expect(matchRelayFilter({ verdict: ['DROPPED'] }, { verdict: 2 as unknown as string })).toBe(true);
    expect(matchRelayFilter({ verdict: ['VERDICT_UNKNOWN'] }, {})).toBe(true);
    expect(matchRelayFilter({ traffic_direction: ['TRAFFIC_DIRECTION_UNKNOWN'] }, {})).toBe(true);
  });

  it('needs an endpoint for identity filters, even identity 0', () => {
    expect(matchRelayFilter({ source_identity: [0] }, {})).toBe(false);
    expect(matchRelayFilter({ source_identity: [0] }, { source: {} })).toBe(true);
  });

  it('matches Go-canonical exact IPs as strings and CIDRs numerically', () => {
    expect(matchRelayFilter({ source_ip: ['10.0.0.1'] }, web)).toBe(true);
    expect(matchRelayFilter({ source_ip: ['10.0.0.0/31'] }, web)).toBe(true);
    expect(matchRelayFilter({ source_ip: ['10.0.0.2/32'] }, web)).toBe(false);
    expect(matchRelayFilter({ source_ip: ['::ffff:10.0.0.0/120'] }, web)).toBe(true);
    expect(matchRelayFilter({ source_ip: ['::/0'] }, web)).toBe(false);
  });

  it('evaluates label selectors with Cilium sources', () => {
    expect(matchRelayFilter({ source_label: ['app=web'] }, web)).toBe(true);
    expect(matchRelayFilter({ source_label: ['k8s:app=web'] }, web)).toBe(true);
    expect(matchRelayFilter({ source_label: ['container:app=web'] }, web)).toBe(false);
    expect(matchRelayFilter({ source_label: ['app!=web'] }, web)).toBe(false);
    expect(matchRelayFilter({ source_label: ['!tier'] }, web)).toBe(true);
    expect(matchRelayFilter({ source_label: ['k8s:app in (db, web), !reserved:host'] }, web)).toBe(true);
  });

  it('treats the cluster-less node name as cluster "default"', () => {
    expect(matchRelayFilter({ node_name: ['default/worker-*'] }, web)).toBe(true);
    expect(matchRelayFilter({ node_name: ['prod/worker-*'] }, web)).toBe(false);
    expect(matchRelayFilter({ node_name: ['prod/'] }, { node_name: 'prod/worker-1' })).toBe(true);
  });

  it('matches nothing for a filter Hubble would reject', () => {
    expect(matchRelayFilter({ source_port: ['http'] }, web)).toBe(false);
  });
});

describe('compileRelayFilter validation (what Hubble answers INVALID_ARGUMENT to)', () => {
  const bad: [string, unknown][] = [
    ['port', { source_port: ['65536'] }],
    ['CIDR', { destination_ip: ['10.0.0.0/33'] }],
    ['IP', { destination_ip: ['10.0.0.256'] }],
    ['regex', { http_path: ['(unclosed'] }],
    ['selector', { source_label: ['app in ()'] }],
    ['status', { http_status_code: ['6+'] }],
    ['protocol', { protocol: ['quic'] }],
    ['pod', { source_pod: ['/'] }],
    ['verdict', { verdict: ['NOPE'] }],
    ['http next to a non-l7 event type', { event_type: [{ type: 4 }], http_method: ['GET'] }],
    ['unknown field', { tcp_flags: [{ SYN: true }] }],
    ['non-list', { verdict: 'DROPPED' }],
    ['non-object', 'verdict'],
    ['fqdn', { source_fqdn: ['bad name!'] }],
    ['node name', { node_name: ['a/b/c'] }],
  ];
  it.each(bad)('rejects a bad %s', (_, filter) => {
    expect(compileRelayFilter(filter)).toHaveProperty('error');
  });

  it('accepts HTTP filters together with the l7 event type', () => {
    expect(compileRelayFilter({ event_type: [{ type: 129 }], http_method: ['GET'] })).toHaveProperty('match');
  });

  it('reports which list entry is bad', () => {
    expect(compileRelayLists([{}], [{ verdict: ['X'] }])).toEqual({
      error: 'blacklist[0]: verdict: unknown value "X"',
    });
  });
});

describe('matchRelayLists', () => {
  const allowShop: RelayFlowFilter = { source_pod: ['shop/'] };
  it('is whitelist OR minus blacklist OR, empty whitelist meaning everything', () => {
    expect(matchRelayLists([], [], web)).toBe(true);
    expect(matchRelayLists([allowShop], [], web)).toBe(true);
    expect(matchRelayLists([{ source_pod: ['x/'] }, allowShop], [], web)).toBe(true);
    expect(matchRelayLists([allowShop], [{ verdict: ['FORWARDED'] }, { verdict: ['DROPPED'] }], web)).toBe(
      false,
    );
  });
});

describe('compileRelayFilter input shapes', () => {
  it('accepts lowerCamelCase names, numeric enums and empty unknown fields (ts-proto objects)', () => {
    const tsProto = {
      sourcePod: ['shop/web'],
      verdict: [2],
      eventType: [{ type: 1, matchSubType: true, subType: 133 }],
      tcpFlags: [],
      nodeLabels: [],
      experimental: { celExpression: [] },
      sourceIdentity: [],
    };
    const c = compileRelayFilter(tsProto);
    if ('error' in c) throw new Error(c.error);
    expect(c.match(web)).toBe(true);
    expect(c.match({ ...web, verdict: 'FORWARDED' })).toBe(false);
  });

  it('refuses CEL and non-empty fields it does not implement', () => {
    expect(compileRelayFilter({ experimental: { cel_expression: ['true'] } })).toEqual({
      error: 'unsupported FlowFilter field "experimental"',
    });
    expect(compileRelayFilter({ __proto__: ['x'] })).toHaveProperty('match');
    expect(compileRelayFilter(JSON.parse('{"__proto__":["x"]}'))).toEqual({
      error: 'unsupported FlowFilter field "__proto__"',
    });
  });
});
