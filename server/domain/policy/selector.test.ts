import { describe, expect, it } from 'vitest';
import { parseEndpointLabels } from './labels';
import { namespaceLabelMap, type SelectorContext, selectorMatches } from './selector';
import { deathstarEndpointLabels } from './test-support/fixtures';

const labels = (raw: string[]) => parseEndpointLabels(raw).labels;

const deathstar = labels(deathstarEndpointLabels());
const tiefighter = labels([
  'k8s:class=tiefighter',
  'k8s:org=empire',
  'k8s:io.kubernetes.pod.namespace=default',
]);
const kubeDns = labels(['k8s:k8s-app=kube-dns', 'k8s:io.kubernetes.pod.namespace=kube-system']);
const world = labels(['reserved:world']);
const host = labels(['reserved:host']);

describe('selectorMatches: label semantics', () => {
  it('matchLabels with plain, k8s: and any: keys', () => {
    expect(selectorMatches({ matchLabels: { org: 'empire', class: 'deathstar' } }, deathstar)).toBe(true);
    expect(selectorMatches({ matchLabels: { 'k8s:org': 'empire' } }, deathstar)).toBe(true);
    expect(selectorMatches({ matchLabels: { 'any:org': 'empire' } }, deathstar)).toBe(true);
    expect(selectorMatches({ matchLabels: { org: 'empire', class: 'deathstar' } }, tiefighter)).toBe(false);
  });

  it('a k8s: key does not match a label from another source', () => {
    const container = labels(['container:org=empire']);
    expect(selectorMatches({ matchLabels: { 'k8s:org': 'empire' } }, container)).toBe(false);
    expect(selectorMatches({ matchLabels: { org: 'empire' } }, container)).toBe(true);
  });

  it('matchExpressions In, NotIn, Exists, DoesNotExist', () => {
    const sel = (operator: string, values?: string[]) => ({
      matchExpressions: [{ key: 'class', operator, values }],
    });
    expect(selectorMatches(sel('In', ['deathstar', 'x']), deathstar)).toBe(true);
    expect(selectorMatches(sel('In', ['x']), deathstar)).toBe(false);
    expect(selectorMatches(sel('NotIn', ['tiefighter']), deathstar)).toBe(true);
    expect(selectorMatches(sel('NotIn', ['deathstar']), deathstar)).toBe(false);
    expect(selectorMatches(sel('NotIn', ['x']), world)).toBe(true);
    expect(selectorMatches(sel('Exists'), deathstar)).toBe(true);
    expect(selectorMatches(sel('Exists'), world)).toBe(false);
    expect(selectorMatches(sel('DoesNotExist'), world)).toBe(true);
    expect(selectorMatches(sel('DoesNotExist'), deathstar)).toBe(false);
  });

  it('an unknown operator matches nothing', () => {
    expect(
      selectorMatches({ matchExpressions: [{ key: 'class', operator: 'Gt', values: ['1'] }] }, deathstar),
    ).toBe(false);
  });

  it('the empty selector selects everything when unscoped', () => {
    for (const endpoint of [deathstar, world, host]) expect(selectorMatches({}, endpoint)).toBe(true);
  });

  it('reserved labels are selectable', () => {
    expect(selectorMatches({ matchLabels: { 'reserved:host': '' } }, host)).toBe(true);
    expect(selectorMatches({ matchLabels: { 'reserved:host': '' } }, world)).toBe(false);
  });
});

describe('selectorMatches: CiliumNetworkPolicy scoping', () => {
  const subject: SelectorContext = { role: 'subject', policyNamespace: 'default' };
  const peer: SelectorContext = { role: 'peer', policyNamespace: 'default' };
  const other = labels(['k8s:org=empire', 'k8s:class=deathstar', 'k8s:io.kubernetes.pod.namespace=prod']);

  it('the endpointSelector only applies in the policy namespace, even when it names another', () => {
    expect(selectorMatches({ matchLabels: { org: 'empire' } }, deathstar, subject)).toBe(true);
    expect(selectorMatches({ matchLabels: { org: 'empire' } }, other, subject)).toBe(false);
    const namesProd = { matchLabels: { org: 'empire', 'k8s:io.kubernetes.pod.namespace': 'prod' } };
    expect(selectorMatches(namesProd, other, subject)).toBe(false);
    expect(selectorMatches(namesProd, deathstar, subject)).toBe(true);
    expect(selectorMatches({}, deathstar, subject)).toBe(true);
    expect(selectorMatches({}, world, subject)).toBe(false);
  });

  it('fromEndpoints is scoped to the policy namespace unless it names the namespace', () => {
    expect(selectorMatches({ matchLabels: { org: 'empire' } }, other, peer)).toBe(false);
    expect(selectorMatches({ matchLabels: { org: 'empire' } }, tiefighter, peer)).toBe(true);
    const dnsSel = {
      matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' },
    };
    expect(selectorMatches(dnsSel, kubeDns, peer)).toBe(true);
    const anyNs = {
      matchLabels: { org: 'empire' },
      matchExpressions: [{ key: 'io.kubernetes.pod.namespace', operator: 'Exists' }],
    };
    expect(selectorMatches(anyNs, other, peer)).toBe(true);
  });

  it('an empty fromEndpoints selector means every pod of the policy namespace', () => {
    expect(selectorMatches({}, tiefighter, peer)).toBe(true);
    expect(selectorMatches({}, kubeDns, peer)).toBe(false);
    expect(selectorMatches({}, world, peer)).toBe(false);
  });

  it('reserved peer selectors are not namespace-scoped', () => {
    expect(selectorMatches({ matchLabels: { 'reserved:host': '' } }, host, peer)).toBe(true);
  });

  it('cluster-wide: endpointSelector unscoped, peers need a namespace', () => {
    const ccnpSubject: SelectorContext = { role: 'subject' };
    const ccnpPeer: SelectorContext = { role: 'peer' };
    expect(selectorMatches({ matchLabels: { org: 'empire' } }, other, ccnpSubject)).toBe(true);
    expect(selectorMatches({}, kubeDns, ccnpPeer)).toBe(true);
    expect(selectorMatches({}, world, ccnpPeer)).toBe(false);
  });
});

describe('selectorMatches: NetworkPolicy dialect', () => {
  const ctx: SelectorContext = { dialect: 'kubernetes', role: 'subject', policyNamespace: 'default' };

  it('podSelector keys are k8s pod labels in the policy namespace', () => {
    expect(selectorMatches({ matchLabels: { class: 'tiefighter', org: 'empire' } }, tiefighter, ctx)).toBe(
      true,
    );
    expect(selectorMatches({ matchLabels: { class: 'tiefighter' } }, deathstar, ctx)).toBe(false);
    expect(selectorMatches({}, kubeDns, ctx)).toBe(false);
    const containerOnly = labels(['container:class=tiefighter', 'k8s:io.kubernetes.pod.namespace=default']);
    expect(selectorMatches({ matchLabels: { class: 'tiefighter' } }, containerOnly, ctx)).toBe(false);
  });

  it('namespaceSelector evaluates namespace labels', () => {
    const nsLabels = namespaceLabelMap({ 'kubernetes.io/metadata.name': 'kube-system', team: 'infra' });
    const nsCtx: SelectorContext = { dialect: 'kubernetes' };
    expect(selectorMatches({ matchLabels: { team: 'infra' } }, nsLabels, nsCtx)).toBe(true);
    expect(selectorMatches({ matchLabels: { team: 'apps' } }, nsLabels, nsCtx)).toBe(false);
  });
});
