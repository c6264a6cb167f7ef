import { describe, expect, it } from 'vitest';
import { parsePolicyObject, policyLabel, toPolicyRecord, toPolicyRecords } from './policy-records';
import type { PolicyRecord } from './policy-types';
import { ciliumListItems, starWarsPolicy } from './test-support/fixtures';

function fixtureRecords(): PolicyRecord[] {
  return toPolicyRecords(ciliumListItems()).records;
}

function byName(name: string): PolicyRecord {
  const record = fixtureRecords().find((r) => r.name === name);
  if (record === undefined) throw new Error(`no record ${name}`);
  return record;
}

describe('toPolicyRecords on the fixture list', () => {
  it('keeps the three policies and rejects the endpoint and identity objects', () => {
    const { records, rejected } = toPolicyRecords(ciliumListItems());
    expect(records.map((r) => `${r.kind}/${r.namespace ?? '-'}/${r.name}`)).toEqual([
      'CiliumNetworkPolicy/default/deathstar-api-protection',
      'CiliumClusterwideNetworkPolicy/-/deny-external-to-db',
      'NetworkPolicy/default/tiefighter-egress-policy',
    ]);
    expect(rejected).toEqual(['unsupported kind CiliumEndpoint', 'unsupported kind CiliumIdentity']);
  });
});

describe('CiliumNetworkPolicy record', () => {
  const cnp = byName('deathstar-api-protection');
  const spec = cnp.specs[0];

  it('keeps identity fields and the endpoint selector', () => {
    expect(cnp.uid).toBe('04efc4d2-6d0a-45f2-ae5e-225864ca0c4e');
    expect(cnp.specs).toHaveLength(1);
    expect(spec?.subject).toEqual({
      kind: 'endpoints',
      selector: { matchLabels: { org: 'empire', class: 'deathstar' }, matchExpressions: [] },
    });
    expect(cnp.issues).toEqual([]);
  });

  it('enforces both directions (ingress rules, egress + egressDeny rules)', () => {
    expect(spec?.enforces).toEqual({ ingress: true, egress: true });
  });

  it('summarises the ingress rule with its port and HTTP rule', () => {
    const rule = spec?.ingress[0];
    expect(rule?.peers.all).toBe(false);
    expect(rule?.peers.endpoints).toEqual([{ matchLabels: { org: 'empire' }, matchExpressions: [] }]);
    expect(rule?.l4.portRules).toEqual([
      {
        ports: [{ port: '80', endPort: undefined, protocol: 'TCP' }],
        http: [{ method: 'POST', path: '/v1/request-landing', host: undefined }],
        hasDnsRules: false,
        hasOtherL7: false,
      },
    ]);
  });

  it('summarises DNS, FQDN and entity egress rules and the CIDR deny rule', () => {
    const [dns, fqdn, apiserver] = spec?.egress ?? [];
    expect(dns?.l4.portRules[0]?.hasDnsRules).toBe(true);
    expect(dns?.l4.portRules[0]?.ports).toEqual([{ port: '53', endPort: undefined, protocol: 'ANY' }]);
    expect(fqdn?.peers.fqdns).toEqual([
      { matchName: 'api.github.com', matchPattern: undefined },
      { matchName: undefined, matchPattern: '*.s3.amazonaws.com' },
    ]);
    expect(apiserver?.peers.entities).toEqual(['kube-apiserver']);
    expect(apiserver?.l4.all).toBe(true);
    expect(spec?.egressDeny[0]?.peers.cidrs).toEqual([{ cidr: '169.254.169.254/32', except: [] }]);
  });

  it('never keeps the raw object', () => {
    const json = JSON.stringify(cnp);
    expect(json).not.toContain('Policy validation succeeded');
    expect(json).not.toContain('generation');
  });
});

describe('CiliumClusterwideNetworkPolicy record', () => {
  const ccnp = byName('deny-external-to-db');

  it('has no namespace and enforces ingress only (ingressDeny)', () => {
    expect(ccnp.namespace).toBeUndefined();
    expect(ccnp.specs[0]?.enforces).toEqual({ ingress: true, egress: false });
    const deny = ccnp.specs[0]?.ingressDeny[0];
    expect(deny?.peers.entities).toEqual(['world']);
    expect(deny?.l4.portRules[0]?.ports).toEqual([{ port: '5432', endPort: undefined, protocol: 'TCP' }]);
  });

  it('ignores a namespace in the metadata of a cluster-scoped object', () => {
    const record = toPolicyRecord({
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'x', namespace: 'oops' },
      spec: { endpointSelector: {}, ingress: [{}] },
    });
    expect(record?.namespace).toBeUndefined();
  });
});

describe('NetworkPolicy record', () => {
  const np = byName('tiefighter-egress-policy');

  it('reads podSelector and policyTypes', () => {
    expect(np.specs[0]?.subject.selector.matchLabels).toEqual({ class: 'tiefighter', org: 'empire' });
    expect(np.specs[0]?.enforces).toEqual({ ingress: false, egress: true });
  });

  it('an empty egress rule allows every peer and port', () => {
    const rule = np.specs[0]?.egress[0];
    expect(rule?.peers.all).toBe(true);
    expect(rule?.l4.all).toBe(true);
  });

  it('defaults policyTypes like Kubernetes: Ingress always, Egress when egress rules exist', () => {
    const base = { kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'a' } };
    const ingressOnly = toPolicyRecord({ ...base, spec: { podSelector: {} } });
    expect(ingressOnly?.specs[0]?.enforces).toEqual({ ingress: true, egress: false });
    const both = toPolicyRecord({
      ...base,
      spec: { podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] },
    });
    expect(both?.specs[0]?.enforces).toEqual({ ingress: true, egress: true });
  });

  it('reads from peers and ports with TCP as the default protocol', () => {
    const record = toPolicyRecord({
      kind: 'NetworkPolicy',
      metadata: { name: 'n', namespace: 'a' },
      spec: {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: 'x' } },
                podSelector: { matchLabels: { app: 'api' } },
              },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
            ],
            ports: [{ port: 5432 }, { protocol: 'UDP', port: 53, endPort: 60 }],
          },
        ],
      },
    });
    const rule = record?.specs[0]?.ingress[0];
    expect(rule?.peers.all).toBe(false);
    expect(rule?.peers.k8sPeers).toHaveLength(2);
    expect(rule?.peers.k8sPeers[1]?.ipBlock).toEqual({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] });
    expect(rule?.l4.portRules[0]?.ports).toEqual([
      { port: '5432', endPort: undefined, protocol: 'TCP' },
      { port: '53', endPort: 60, protocol: 'UDP' },
    ]);
  });
});

describe('parsePolicyObject edge cases', () => {
  it('the verbatim Star Wars policy lands in "default" with a note', () => {
    const record = toPolicyRecord(starWarsPolicy());
    expect(record?.namespace).toBe('default');
    expect(record?.issues).toEqual(['metadata.namespace missing, assumed "default"']);
    expect(record?.specs[0]?.enforces).toEqual({ ingress: true, egress: false });
  });

  it('reads spec and specs[] together', () => {
    const record = toPolicyRecord({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'multi', namespace: 'a' },
      spec: { endpointSelector: { matchLabels: { app: 'one' } }, ingress: [{}] },
      specs: [
        { endpointSelector: { matchLabels: { app: 'two' } }, egress: [{ toEntities: ['world'] }] },
        { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }] },
      ],
    });
    expect(record?.specs.map((s) => [s.subject.kind, s.enforces.ingress, s.enforces.egress])).toEqual([
      ['endpoints', true, false],
      ['endpoints', false, true],
      ['nodes', true, false],
    ]);
  });

  it('uses the kind hint for informer items without kind', () => {
    const item = { metadata: { name: 'p', namespace: 'a' }, spec: { endpointSelector: {} } };
    expect(toPolicyRecord(item)).toBeUndefined();
    expect(toPolicyRecord(item, 'CiliumNetworkPolicy')?.kind).toBe('CiliumNetworkPolicy');
  });

  it('reads rule shapes: {} allows nothing, toPorts-only is an L3 wildcard, [] selects nothing', () => {
    const record = toPolicyRecord({
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'shapes', namespace: 'a' },
      spec: {
        endpointSelector: {},
        enableDefaultDeny: { ingress: false },
        ingress: [{}, { toPorts: [{ ports: [{ port: '80' }] }] }, { fromEndpoints: [] }],
      },
    });
    const [empty, portsOnly, emptyList] = record?.specs[0]?.ingress ?? [];
    expect(empty?.peers.all).toBe(false);
    expect(empty?.peers.endpoints).toEqual([]);
    expect(portsOnly?.peers.all).toBe(true);
    expect(portsOnly?.l4.portRules[0]?.ports).toEqual([{ port: '80', endPort: undefined, protocol: 'ANY' }]);
    expect(emptyList?.peers.all).toBe(false);
    expect(record?.specs[0]?.enforces.ingress).toBe(false);
  });

  it('records unsupported peer kinds', () => {
    const record = toPolicyRecord({
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'u', namespace: 'a' },
      spec: {
        endpointSelector: {},
        egress: [{ toServices: [{ k8sService: { serviceName: 'x' } }], toCIDRSet: [{ cidrGroupRef: 'g' }] }],
      },
    });
    expect([...(record?.specs[0]?.egress[0]?.peers.unsupported ?? [])].sort()).toEqual([
      'toCIDRSet (CIDR group)',
      'toServices',
    ]);
  });

  it('rejects or notes malformed input without throwing', () => {
    expect(parsePolicyObject(null)).toEqual({ error: 'not an object' });
    expect(parsePolicyObject({ kind: 'CiliumNetworkPolicy', metadata: {} })).toEqual({
      error: 'CiliumNetworkPolicy without metadata.name',
    });
    expect('error' in parsePolicyObject({ kind: 'CiliumNetworkPolicy', metadata: { name: 'x' } })).toBe(true);
    const record = toPolicyRecord({
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'bad', namespace: 'a' },
      spec: {
        endpointSelector: { matchLabels: { app: { nested: true } }, matchExpressions: [{ key: 'x' }] },
        ingress: 'nope',
        egress: [42, { toEndpoints: 'x' }],
      },
    });
    expect(record?.issues.length).toBeGreaterThanOrEqual(4);
    expect(record?.specs[0]?.ingress).toEqual([]);
    expect(record?.specs[0]?.egress).toHaveLength(1);
  });

  it('policyLabel formats namespaced and cluster-wide refs', () => {
    expect(policyLabel({ kind: 'NetworkPolicy', namespace: 'a', name: 'n' })).toBe('NetworkPolicy a/n');
    expect(policyLabel({ kind: 'CiliumClusterwideNetworkPolicy', name: 'c' })).toBe(
      'CiliumClusterwideNetworkPolicy c',
    );
  });
});
