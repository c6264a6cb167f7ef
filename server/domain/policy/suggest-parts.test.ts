import { describe, expect, it } from 'vitest';
import { endpointView } from './drop-group';
import { flowView } from './evaluate';
import { buildPeer, buildPorts, chooseSelector, endpointShortName, policyName } from './suggest-parts';
import { cart, deathstar, group, world, xwing } from './test-support/endpoints';

describe('policyName', () => {
  it('produces DNS-1123 names of at most 63 characters', () => {
    expect(policyName(['allow', 'Web_App', 'to', '10.0.0.1/32', '80-tcp'])).toBe(
      'allow-web-app-to-10-0-0-1-32-80-tcp',
    );
    expect(policyName(['x'.repeat(100)])).toHaveLength(63);
    expect(policyName(['--'])).toBe('skymap-allow');
  });
});

describe('chooseSelector / endpointShortName', () => {
  it('starts from the primary identifying label', () => {
    const view = endpointView(deathstar);
    expect(chooseSelector(view, [], { role: 'subject', policyNamespace: 'default' })).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'deathstar' },
    });
    expect(endpointShortName(view)).toBe('deathstar');
    expect(endpointShortName(endpointView({ namespace: 'a', podNames: ['p-1'] }))).toBe('p-1');
  });

  it('returns undefined when there are no workload labels', () => {
    expect(
      chooseSelector(endpointView({ namespace: 'a' }), [], { role: 'subject', policyNamespace: 'a' }),
    ).toBe(undefined);
  });
});

describe('buildPeer / buildPorts', () => {
  it('builds entity, CIDR and endpoint peers', () => {
    const egressWorld = flowView(
      group({ key: 'g', direction: 'egress', source: deathstar, destination: world(['1.1.1.1']) }),
      'egress',
    );
    expect(buildPeer(egressWorld, [], 'default')).toMatchObject({
      value: { fields: { toCIDR: ['1.1.1.1/32'] } },
    });
    const cross = flowView(group({ key: 'g', source: cart }), 'ingress');
    expect(buildPeer(cross, [], 'default')).toMatchObject({
      value: {
        fields: {
          fromEndpoints: [
            { matchLabels: { 'app.kubernetes.io/name': 'cart', 'k8s:io.kubernetes.pod.namespace': 'shop' } },
          ],
        },
      },
    });
    const unknownPeer = flowView(group({ key: 'g', source: {} }), 'ingress');
    expect('error' in buildPeer(unknownPeer, [], 'default')).toBe(true);
  });

  it('refuses protocols without ports', () => {
    expect(buildPorts(flowView(group({ key: 'g', protocol: 'VRRP' }), 'ingress'))).toEqual({
      error: 'protocol VRRP cannot be expressed as a port rule',
    });
    expect('error' in buildPorts(flowView(group({ key: 'g', protocol: 'ICMPv4' }), 'ingress'))).toBe(true);
  });

  it('adds no L7 rule for HTTP over UDP', () => {
    const result = buildPorts(
      flowView(group({ key: 'g', protocol: 'UDP', source: xwing, http: [{ method: 'GET' }] }), 'ingress'),
    );
    expect(result).toMatchObject({
      value: { fields: { toPorts: [{ ports: [{ port: '80', protocol: 'UDP' }] }] } },
    });
    expect('value' in result && result.value.notes.length).toBe(1);
  });
});
