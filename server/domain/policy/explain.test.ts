import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Flow } from '../flow';
import type { DropGroupInput } from './drop-group';
import { explainDrop, policyRefFromFlow } from './explain';
import { dropGroupInputFromFlows } from './group-input';
import { toPolicyRecord, toPolicyRecords } from './policy-records';
import type { PolicyRecord } from './policy-types';
import { cart, deathstar, group, host, postgres, tiefighter, world, xwing } from './test-support/endpoints';
import { attributionFlows, ciliumListItems, jsonLineFlows } from './test-support/fixtures';

const records = toPolicyRecords(ciliumListItems()).records;
const flows = attributionFlows();

function inputOf(key: string, flow: Flow | undefined): DropGroupInput {
  const input = dropGroupInputFromFlows(key, flow === undefined ? [] : [flow]);
  if (input === undefined) throw new Error('no input');
  return input;
}

describe('explicit deny (POLICY_DENY, 181)', () => {
  const input = inputOf('world->postgres', flows[2]);

  it('names the policy from the flow and says an allow rule cannot override it', () => {
    const result = explainDrop(input, records);
    expect(result.category).toBe('explicit-deny');
    expect(result.direction).toBe('ingress');
    expect(result.policies).toEqual([
      { name: 'deny-external-to-db', kind: 'CiliumClusterwideNetworkPolicy' },
    ]);
    expect(result.explanation).toContain('CiliumClusterwideNetworkPolicy deny-external-to-db');
    expect(result.explanation).toContain('ingressDeny rule (from entity world on 5432/TCP)');
    expect(result.explanation).toContain('will not admit this traffic');
    expect(result.explanation).toContain('the deny rule itself must be narrowed or removed');
    expect(result.suggestedPolicy).toBeUndefined();
  });

  it('still names the flow policy when Skymap has no copy of it', () => {
    const result = explainDrop(input, []);
    expect(result.policies).toEqual([
      { name: 'deny-external-to-db', kind: 'CiliumClusterwideNetworkPolicy' },
    ]);
    expect(result.explanation).toContain('Skymap has no copy of');
  });

  it('finds the matching deny rule when the flows carry no attribution', () => {
    const result = explainDrop({ ...input, deniedBy: [] }, records);
    expect(result.policies).toEqual([
      { name: 'deny-external-to-db', kind: 'CiliumClusterwideNetworkPolicy' },
    ]);
    expect(result.explanation).toContain('do not name the policy');
    const none = explainDrop({ ...input, deniedBy: [], port: 5433 }, records);
    expect(none.policies).toEqual([]);
    expect(none.explanation).toContain('No deny rule in the policies Skymap knows matches it');
  });

  it('policyRefFromFlow falls back to the policy labels', () => {
    expect(
      policyRefFromFlow({
        labels: [
          'k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy',
          'k8s:io.cilium.k8s.policy.name=p',
          'k8s:io.cilium.k8s.policy.namespace=ns',
          'k8s:io.cilium.k8s.policy.uid=u-1',
        ],
      }),
    ).toEqual({ name: 'p', namespace: 'ns', kind: 'CiliumNetworkPolicy', uid: 'u-1' });
    expect(policyRefFromFlow({ labels: ['reserved:io.cilium.policy.derived-from=allow-any-ingress'] })).toBe(
      undefined,
    );
  });
});

describe('default deny (POLICY_DENIED, 133)', () => {
  const input = inputOf('xwing->deathstar', flows[3]);
  const others: DropGroupInput[] = [
    group({ key: 'xwing2->deathstar', source: { ...xwing, podNames: ['xwing-2'] } }),
    group({ key: 'xwing->deathstar:443', port: 443 }),
    group({ key: 'tiefighter->deathstar', source: tiefighter }),
    group({ key: 'xwing->deathstar:deny', reason: 'POLICY_DENY' }),
  ];
  const result = explainDrop(input, records, { otherGroups: [input, ...others] });

  it('names the policies that select the destination for ingress', () => {
    expect(result.category).toBe('default-deny');
    expect(result.direction).toBe('ingress');
    expect(result.policies).toEqual([
      { name: 'deathstar-api-protection', namespace: 'default', kind: 'CiliumNetworkPolicy' },
    ]);
    expect(result.explanation).toContain(
      'is in default deny because CiliumNetworkPolicy default/deathstar-api-protection selects it and enforces ingress',
    );
    expect(result.explanation).toContain('pod default/xwing (class=xwing, org=alliance) on 80/TCP');
    expect(result.explanation).toContain(
      'allows from {org=empire} on 80/TCP (HTTP POST /v1/request-landing)',
    );
    expect(result.explanation).not.toContain('However');
  });

  it('suggests the smallest allow rule and lists the other groups it admits', () => {
    const cnp = parse(result.suggestedPolicy ?? '') as { spec: { endpointSelector: unknown } };
    expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'deathstar' } });
    expect(result.alsoAdmits).toEqual(['xwing2->deathstar']);
  });

  it('warns when an existing policy seems to allow the traffic', () => {
    const allowed = explainDrop(
      group({ key: 't', source: tiefighter, http: [{ method: 'POST', path: '/v1/request-landing' }] }),
      records,
    );
    expect(allowed.explanation).toContain('appears to allow this traffic');
  });

  it('warns when a deny rule also matches', () => {
    const result = explainDrop(
      group({ key: 'w', source: world(['203.0.113.50']), destination: postgres, port: 5432 }),
      records,
    );
    expect(result.policies).toEqual([
      { name: 'deny-external-to-db', kind: 'CiliumClusterwideNetworkPolicy' },
    ]);
    expect(result.explanation).toContain('deny wins');
    expect(result.suggestedPolicy).toBeUndefined();
  });

  it('works out the direction when the flows carry none', () => {
    const result = explainDrop({ ...input, direction: undefined }, records);
    expect(result.direction).toBe('ingress');
    expect(result.explanation).toContain('carry no traffic direction');
  });

  it('explains egress default deny and suggests toFQDNs', () => {
    const result = explainDrop(
      group({
        key: 'e',
        direction: 'egress',
        source: deathstar,
        destination: world(['93.184.216.34'], ['example.com']),
        port: 443,
      }),
      records,
    );
    expect(result.explanation).toContain('Egress from pod default/deathstar-6fb5694d48-5hmds');
    expect(result.suggestedPolicy).toContain('matchName: example.com');
  });
});

describe('nothing selects the endpoint', () => {
  it('says so plainly, lists what to check, and suggests a posture-neutral rule', () => {
    const result = explainDrop(group({ key: 'c', destination: cart, port: 8080 }), records);
    expect(result.category).toBe('default-deny');
    expect(result.policies).toEqual([]);
    expect(result.explanation).toContain(
      'No CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or NetworkPolicy',
    );
    expect(result.explanation).toContain('(3 checked)');
    expect(result.explanation).toContain('does not come from a namespaced or cluster-wide endpoint policy');
    expect(result.explanation).toContain('enable-policy=always');
    const cnp = parse(result.suggestedPolicy ?? '') as { spec: { enableDefaultDeny?: unknown } };
    expect(cnp.spec.enableDefaultDeny).toEqual({ ingress: false });
  });

  it('points at host firewall policies for the host', () => {
    const hostPolicy = toPolicyRecord({
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: 'host-fw' },
      spec: { nodeSelector: { matchLabels: { role: 'edge' } }, ingress: [{ fromEntities: ['cluster'] }] },
    });
    const all: PolicyRecord[] = hostPolicy === undefined ? records : [...records, hostPolicy];
    const result = explainDrop(
      group({ key: 'h', source: world(['1.2.3.4']), destination: host, port: 22 }),
      all,
    );
    expect(result.explanation).toContain('host firewall policies');
    expect(result.policies).toEqual([{ name: 'host-fw', kind: 'CiliumClusterwideNetworkPolicy' }]);
    expect(result.suggestedPolicy).toBeUndefined();
    expect(result.explanation).toContain('No allow rule is suggested');
  });

  it('says the labels are missing for field-masked flows', () => {
    const masked = jsonLineFlows('cilium-docs-export/export-rst-dropped-fieldmasked.json');
    const input = inputOf('masked', masked[1]);
    const result = explainDrop(input, records);
    expect(result.policies).toEqual([]);
    expect(result.explanation).toContain('carry no labels');
  });

  it('flags a peer without an identity', () => {
    const result = explainDrop(group({ key: 'p', source: {}, destination: cart, port: 8080 }), records);
    expect(result.explanation).toContain("peer's identity is missing");
  });
});

describe('other drop reasons', () => {
  it('are not policy decisions', () => {
    const masked = jsonLineFlows('cilium-docs-export/export-rst-dropped-fieldmasked.json');
    const result = explainDrop(inputOf('invalid', masked[0]), records);
    expect(result.category).toBe('not-policy');
    expect(result.policies).toEqual([]);
    expect(result.explanation).toContain('INVALID_SOURCE_IP');
    expect(result.suggestedPolicy).toBeUndefined();
  });
});
