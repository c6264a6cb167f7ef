import { describe, expect, it } from 'vitest';
import { endpointView } from './drop-group';
import {
  allowDecision,
  enforcingSpecs,
  entityMatches,
  flowView,
  matchingDenyRules,
  specSelects,
} from './evaluate';
import { toPolicyRecord, toPolicyRecords } from './policy-records';
import type { PolicyRecord } from './policy-types';
import { cart, deathstar, group, host, postgres, tiefighter, world, xwing } from './test-support/endpoints';
import { ciliumListItems, starWarsPolicy } from './test-support/fixtures';

const records = toPolicyRecords(ciliumListItems()).records;
const named = (name: string): PolicyRecord => {
  const record = records.find((r) => r.name === name);
  if (record === undefined) throw new Error(name);
  return record;
};
const cnp = named('deathstar-api-protection');
const ccnp = named('deny-external-to-db');
const np = named('tiefighter-egress-policy');

describe('which fixture policies select which endpoints', () => {
  const selects = (policy: PolicyRecord, endpoint: typeof deathstar) =>
    policy.specs.some((spec) => specSelects(policy, spec, endpointView(endpoint)));

  it('matches the table', () => {
    const table = [deathstar, tiefighter, xwing, postgres, cart, world(['1.1.1.1']), host].map((endpoint) => [
      selects(cnp, endpoint),
      selects(ccnp, endpoint),
      selects(np, endpoint),
    ]);
    expect(table).toEqual([
      [true, false, false], // deathstar
      [false, false, true], // tiefighter
      [false, false, false], // xwing
      [false, true, false], // postgres (CCNP, any namespace)
      [false, false, false], // cart
      [false, false, false], // world
      [false, false, false], // host
    ]);
  });

  it('the verbatim rule1 (namespace default) selects deathstar but not tiefighter', () => {
    const rule1 = toPolicyRecord(starWarsPolicy());
    if (rule1 === undefined) throw new Error('rule1');
    expect(selects(rule1, deathstar)).toBe(true);
    expect(selects(rule1, tiefighter)).toBe(false);
  });

  it('enforcingSpecs respects the direction', () => {
    const ingressView = flowView(group({ key: 'g' }), 'ingress');
    expect(enforcingSpecs(cnp, ingressView)).toHaveLength(1);
    const tieEgress = flowView(group({ key: 'g', source: tiefighter, destination: xwing }), 'egress');
    expect(enforcingSpecs(np, tieEgress)).toHaveLength(1);
    const tieIngress = flowView(group({ key: 'g', source: xwing, destination: tiefighter }), 'ingress');
    expect(enforcingSpecs(np, tieIngress)).toHaveLength(0);
  });

  it('a host policy (nodeSelector) selects only the host', () => {
    const hostPolicy = toPolicyRecord({
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'host-fw' },
      spec: { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }] },
    });
    if (hostPolicy === undefined) throw new Error('host-fw');
    expect(selects(hostPolicy, host)).toBe(true);
    expect(selects(hostPolicy, deathstar)).toBe(false);
  });
});

describe('allowDecision', () => {
  const tieToDeathstar = (http?: { method?: string; path?: string }[]) =>
    flowView(group({ key: 'g', source: tiefighter, http }), 'ingress');

  it('admits only what the L3/L4/L7 rule allows', () => {
    expect(allowDecision(cnp, tieToDeathstar([{ method: 'POST', path: '/v1/request-landing' }]))).toBe(
      'allowed',
    );
    expect(allowDecision(cnp, tieToDeathstar([{ method: 'GET', path: '/v1/request-landing' }]))).toBe(
      'not-allowed',
    );
    expect(allowDecision(cnp, tieToDeathstar())).toBe('unknown');
    expect(allowDecision(cnp, flowView(group({ key: 'g' }), 'ingress'))).toBe('not-allowed');
    expect(allowDecision(cnp, flowView(group({ key: 'g', source: tiefighter, port: 443 }), 'ingress'))).toBe(
      'not-allowed',
    );
  });

  it('evaluates FQDN, entity and endpoint egress peers', () => {
    const egress = (destination: typeof deathstar, port: number, protocol = 'TCP') =>
      allowDecision(
        cnp,
        flowView(group({ key: 'g', source: deathstar, destination, port, protocol }), 'egress'),
      );
    expect(egress(world(['140.82.112.6'], ['api.github.com']), 443)).toBe('allowed');
    expect(egress(world(['52.1.1.1'], ['bucket.s3.amazonaws.com']), 443)).toBe('allowed');
    expect(egress(world(['93.184.216.34'], ['example.com']), 443)).toBe('not-allowed');
    expect(egress(world(['140.82.112.6'], ['api.github.com']), 80)).toBe('not-allowed');
    const apiserver = { identity: 7, labels: ['reserved:kube-apiserver'] };
    expect(egress(apiserver, 6443)).toBe('allowed');
    const dns = {
      namespace: 'kube-system',
      labels: ['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system'],
    };
    expect(egress(dns, 53, 'UDP')).toBe('allowed');
    expect(egress(dns, 53, 'TCP')).toBe('allowed');
    expect(egress(dns, 54, 'UDP')).toBe('not-allowed');
  });

  it('a NetworkPolicy with an empty egress rule allows everything', () => {
    const view = flowView(
      group({ key: 'g', source: tiefighter, destination: world(['8.8.8.8']), port: 53, protocol: 'UDP' }),
      'egress',
    );
    expect(allowDecision(np, view)).toBe('allowed');
  });

  it('evaluates NetworkPolicy namespaceSelector/podSelector/ipBlock peers', () => {
    const policy = toPolicyRecord({
      kind: 'NetworkPolicy',
      metadata: { name: 'db', namespace: 'db' },
      spec: {
        podSelector: { matchLabels: { app: 'postgres' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
                podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cart' } },
              },
              { ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.99/32'] } },
            ],
            ports: [{ port: 5432 }],
          },
        ],
      },
    });
    if (policy === undefined) throw new Error('np');
    const from = (source: typeof cart) =>
      allowDecision(
        policy,
        flowView(group({ key: 'g', source, destination: postgres, port: 5432 }), 'ingress'),
      );
    expect(from(cart)).toBe('allowed');
    expect(from(xwing)).toBe('not-allowed');
    expect(from(world(['203.0.113.50']))).toBe('allowed');
    expect(from(world(['203.0.113.99']))).toBe('not-allowed');
  });

  it('named ports resolve through the destination named ports, else unknown', () => {
    const policy = toPolicyRecord({
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'named', namespace: 'default' },
      spec: {
        endpointSelector: {},
        ingress: [{ toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] }],
      },
    });
    if (policy === undefined) throw new Error('named');
    const withPorts = { ...deathstar, namedPorts: [{ name: 'http', port: 80, protocol: 'TCP' }] };
    expect(allowDecision(policy, flowView(group({ key: 'g', destination: withPorts }), 'ingress'))).toBe(
      'allowed',
    );
    expect(
      allowDecision(policy, flowView(group({ key: 'g', destination: withPorts, port: 81 }), 'ingress')),
    ).toBe('not-allowed');
    expect(allowDecision(policy, flowView(group({ key: 'g' }), 'ingress'))).toBe('unknown');
  });

  it('ICMP rules match family and type names', () => {
    const policy = toPolicyRecord({
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'icmp', namespace: 'default' },
      spec: {
        endpointSelector: {},
        ingress: [{ icmps: [{ fields: [{ type: 'EchoRequest', family: 'IPv4' }] }] }],
      },
    });
    if (policy === undefined) throw new Error('icmp');
    const ping = (icmpType: number, protocol = 'ICMPv4') =>
      allowDecision(policy, flowView(group({ key: 'g', protocol, port: undefined, icmpType }), 'ingress'));
    expect(ping(8)).toBe('allowed');
    expect(ping(0)).toBe('not-allowed');
    expect(ping(128, 'ICMPv6')).toBe('not-allowed');
  });
});

describe('matchingDenyRules and entities', () => {
  it('the CCNP deny rule matches world → postgres:5432 only', () => {
    const view = (source: typeof cart, port: number) =>
      flowView(group({ key: 'g', reason: 'POLICY_DENY', source, destination: postgres, port }), 'ingress');
    expect(matchingDenyRules(ccnp, view(world(['203.0.113.50']), 5432))).toHaveLength(1);
    expect(matchingDenyRules(ccnp, view(world(['203.0.113.50']), 5433))).toHaveLength(0);
    expect(matchingDenyRules(ccnp, view(cart, 5432))).toHaveLength(0);
  });

  it('the CNP egressDeny CIDR rule matches the metadata address', () => {
    const view = flowView(
      group({ key: 'g', source: deathstar, destination: world(['169.254.169.254']) }),
      'egress',
    );
    expect(matchingDenyRules(cnp, view)).toHaveLength(1);
  });

  it('entities map to reserved labels; cluster excludes world', () => {
    const w = endpointView(world(['1.1.1.1']));
    const h = endpointView(host);
    const pod = endpointView(deathstar);
    expect(entityMatches('world', w)).toBe(true);
    expect(entityMatches('world', pod)).toBe(false);
    expect(entityMatches('host', h)).toBe(true);
    expect(entityMatches('cluster', pod)).toBe(true);
    expect(entityMatches('cluster', h)).toBe(true);
    expect(entityMatches('cluster', w)).toBe(false);
    expect(entityMatches('all', w)).toBe(true);
    expect(entityMatches('none', w)).toBe(false);
    expect(entityMatches('remote-node', endpointView({ identity: 6 }))).toBe(true);
  });
});
