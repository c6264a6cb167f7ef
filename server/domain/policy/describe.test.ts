import { describe, expect, it } from 'vitest';
import { describeEndpoint, describeRule, describeSelector, describeTraffic, listSome } from './describe';
import { endpointView } from './drop-group';
import { flowView } from './evaluate';
import { toPolicyRecords } from './policy-records';
import { group, host, world, xwing } from './test-support/endpoints';
import { ciliumListItems } from './test-support/fixtures';

describe('describe helpers', () => {
  it('lists a few items then counts the rest', () => {
    expect(listSome(['a', 'b'])).toBe('a, b');
    expect(listSome(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });

  it('describes selectors', () => {
    expect(describeSelector({})).toBe('{} (everything in scope)');
    expect(
      describeSelector({
        matchLabels: { app: 'x' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'tmp', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('{app=x, env In (a, b), no tmp}');
  });

  it('describes endpoints and traffic', () => {
    expect(describeEndpoint(endpointView(xwing))).toBe('pod default/xwing (class=xwing, org=alliance)');
    expect(describeEndpoint(endpointView(world(['1.2.3.4'], ['example.com'])))).toBe(
      'example.com (outside the cluster)',
    );
    expect(describeEndpoint(endpointView(host))).toBe('the host entity (192.168.49.2)');
    expect(describeTraffic(flowView(group({ key: 'g' }), 'ingress'))).toBe('80/TCP');
    expect(describeTraffic(flowView(group({ key: 'g', protocol: 'ICMPv6', icmpType: 128 }), 'ingress'))).toBe(
      'ICMPv6 type 128',
    );
  });

  it('describes the fixture rules', () => {
    const [cnp, , np] = toPolicyRecords(ciliumListItems()).records;
    const spec = cnp?.specs[0];
    expect(spec?.egress.map((rule) => describeRule(rule, 'egress'))).toEqual([
      'to {k8s:io.kubernetes.pod.namespace=kube-system, k8s:k8s-app=kube-dns} on 53/ANY',
      'to api.github.com, *.s3.amazonaws.com on 443/TCP',
      'to entity kube-apiserver, any port',
    ]);
    expect(describeRule(np?.specs[0]?.egress[0] ?? { peers: {} as never, l4: {} as never }, 'egress')).toBe(
      'any peer, any port',
    );
  });
});
