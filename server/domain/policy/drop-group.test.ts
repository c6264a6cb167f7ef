import { describe, expect, it } from 'vitest';
import { classifyReason, endpointView, normalizeProtocol, requestPath } from './drop-group';
import { deathstarEndpointLabels } from './test-support/fixtures';

describe('endpointView', () => {
  it('parses labels and reads namespace and namespace labels from them', () => {
    const view = endpointView({
      labels: deathstarEndpointLabels(),
      podNames: ['deathstar-6fb5694d48-5hmds'],
    });
    expect(view.namespace).toBe('default');
    expect(view.reserved).toBeUndefined();
    expect(view.namespaceLabels.get('k8s:kubernetes.io/metadata.name')).toBe('default');
  });

  it('adds the namespace label when a field-masked flow only had the namespace field', () => {
    const view = endpointView({ namespace: 'default', podNames: ['xwing'] });
    expect(view.labels.get('k8s:io.kubernetes.pod.namespace')).toBe('default');
  });

  it('adds the reserved label when only the identity was known', () => {
    const view = endpointView({ identity: 2 });
    expect(view.reserved).toBe('world');
    expect(view.labels.has('reserved:world')).toBe(true);
    expect(view.namespace).toBeUndefined();
  });

  it('merges namespace labels given by the caller and counts invalid labels', () => {
    const view = endpointView({
      namespace: 'a',
      labels: ['k8s:x=y', ''],
      namespaceLabels: { team: 'infra' },
    });
    expect(view.namespaceLabels.get('k8s:team')).toBe('infra');
    expect(view.invalidLabels).toBe(1);
  });
});

describe('classifyReason / normalizeProtocol / requestPath', () => {
  it('classifies 181 as explicit deny and 133 as default deny, by name or number', () => {
    expect(classifyReason('POLICY_DENY')).toBe('explicit-deny');
    expect(classifyReason('181')).toBe('explicit-deny');
    expect(classifyReason('POLICY_DENIED')).toBe('default-deny');
    expect(classifyReason('133')).toBe('default-deny');
    expect(classifyReason('CT_MAP_INSERTION_FAILED')).toBe('other');
    expect(classifyReason('')).toBe('other');
  });

  it('normalizes protocols to Cilium tokens', () => {
    expect(normalizeProtocol('ICMPv4')).toBe('ICMP');
    expect(normalizeProtocol('ICMPv6')).toBe('ICMPV6');
    expect(normalizeProtocol('tcp')).toBe('TCP');
  });

  it('extracts path and query from URLs', () => {
    expect(requestPath('http://10.128.0.4:9990/metrics')).toBe('/metrics');
    expect(requestPath('http://host')).toBe('/');
    expect(requestPath('/a?b=1#frag')).toBe('/a?b=1');
    expect(requestPath('a')).toBe('/a');
    expect(requestPath(undefined)).toBeUndefined();
  });
});
