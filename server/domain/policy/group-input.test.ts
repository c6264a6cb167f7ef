import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { dropGroupInputFromFlows } from './group-input';
import { attributionFlows, jsonLineFlows } from './test-support/fixtures';

describe('dropGroupInputFromFlows', () => {
  const flows = attributionFlows();

  it('reads the explicit-deny fixture flow', () => {
    const input = dropGroupInputFromFlows('g', [flows[2] ?? {}]);
    expect(input).toMatchObject({
      key: 'g',
      reason: 'POLICY_DENY',
      direction: 'ingress',
      protocol: 'TCP',
      port: 5432,
      source: { identity: 2, labels: ['reserved:world'], ips: ['203.0.113.50'] },
      destination: { namespace: 'db', podNames: ['postgres-0'], ips: ['10.0.2.31'] },
    });
    expect(input?.deniedBy?.map((ref) => ref.name)).toEqual(['deny-external-to-db']);
  });

  it('reads the default-deny fixture flow (no attribution)', () => {
    const input = dropGroupInputFromFlows('g', [flows[3] ?? {}]);
    expect(input?.reason).toBe('POLICY_DENIED');
    expect(input?.deniedBy).toEqual([]);
    expect(input?.source.labels).toEqual([
      'k8s:class=xwing',
      'k8s:io.kubernetes.pod.namespace=default',
      'k8s:org=alliance',
    ]);
  });

  it('intersects labels and unions pods across flows', () => {
    const a: Flow = {
      drop_reason_desc: 'POLICY_DENIED',
      source: { pod_name: 'a-1', labels: ['k8s:app=a', 'k8s:pod-template-hash=1'] },
    };
    const b: Flow = { source: { pod_name: 'a-2', labels: ['k8s:app=a', 'k8s:pod-template-hash=2'] } };
    const input = dropGroupInputFromFlows('g', [a, b]);
    expect(input?.source.labels).toEqual(['k8s:app=a']);
    expect(input?.source.podNames).toEqual(['a-1', 'a-2']);
    expect(input?.direction).toBeUndefined();
    expect(input?.protocol).toBe('UNKNOWN');
  });

  it('collects HTTP requests, DNS names and ICMP types', () => {
    const http = dropGroupInputFromFlows(
      'h',
      jsonLineFlows('cilium-hubble-otel/basic-sample-5-http-flows.json'),
    );
    expect(http?.http?.length).toBeGreaterThan(0);
    expect(http?.http?.[0]).toEqual({ method: 'GET', path: 'http://10.128.0.4:9990/metrics' });
    const icmp = dropGroupInputFromFlows('i', [{ l4: { ICMPv4: { type: 8 } }, destination_names: ['x.io'] }]);
    expect(icmp).toMatchObject({ protocol: 'ICMPv4', icmpType: 8, destination: { fqdns: ['x.io'] } });
  });

  it('uses the direction of the denied_by side and the numeric reason as fallbacks', () => {
    const input = dropGroupInputFromFlows('g', [{ drop_reason: 181, egress_denied_by: [{ name: 'p' }] }]);
    expect(input?.direction).toBe('egress');
    expect(input?.reason).toBe('181');
  });

  it('returns undefined for no flows', () => {
    expect(dropGroupInputFromFlows('g', [])).toBeUndefined();
  });
});
