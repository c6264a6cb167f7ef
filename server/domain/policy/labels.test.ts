import { describe, expect, it } from 'vitest';
import {
  endpointNamespace,
  formatLabels,
  identifyingLabelCandidates,
  identifyingLabels,
  isPodSpecificKey,
  labelValues,
  parseEndpointLabels,
  parseLabel,
  reservedKindOf,
  splitLabelKey,
  workloadLabels,
} from './labels';
import { deathstarEndpointLabels } from './test-support/fixtures';

describe('parseLabel', () => {
  it('splits source, key and value as Hubble writes them', () => {
    expect(parseLabel('k8s:app=web')).toEqual({ source: 'k8s', key: 'app', value: 'web' });
    expect(parseLabel('reserved:world')).toEqual({ source: 'reserved', key: 'world', value: '' });
    expect(parseLabel('k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default')).toEqual({
      source: 'k8s',
      key: 'io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name',
      value: 'default',
    });
  });

  it('keeps colons and equals signs inside values', () => {
    expect(parseLabel('k8s:url=http://x/?a=b')).toEqual({
      source: 'k8s',
      key: 'url',
      value: 'http://x/?a=b',
    });
    expect(parseLabel('app=a:b')).toEqual({ source: 'unspec', key: 'app', value: 'a:b' });
  });

  it('rejects empty input and empty keys', () => {
    expect(parseLabel('')).toBeUndefined();
    expect(parseLabel('   ')).toBeUndefined();
    expect(parseLabel('k8s:=x')).toBeUndefined();
  });
});

describe('parseEndpointLabels', () => {
  it('builds a source:key map and counts what it skipped', () => {
    const result = parseEndpointLabels(['k8s:app=web', 'reserved:host', 42, '', null]);
    expect([...result.labels]).toEqual([
      ['k8s:app', 'web'],
      ['reserved:host', ''],
    ]);
    expect(result.invalid).toBe(3);
  });

  it('reads the namespace from the real CiliumEndpoint identity labels', () => {
    const { labels } = parseEndpointLabels(deathstarEndpointLabels());
    expect(endpointNamespace(labels)).toBe('default');
    expect(labels.get('k8s:org')).toBe('empire');
  });

  it('accepts undefined', () => {
    expect(parseEndpointLabels(undefined).labels.size).toBe(0);
  });
});

describe('label lookup', () => {
  const { labels } = parseEndpointLabels(['k8s:app=web', 'container:app=other', 'reserved:world']);

  it('splitLabelKey uses the default source when there is none', () => {
    expect(splitLabelKey('app', 'any')).toEqual({ source: 'any', key: 'app' });
    expect(splitLabelKey('k8s:app', 'any')).toEqual({ source: 'k8s', key: 'app' });
  });

  it('reads one source or, for any, all of them', () => {
    expect(labelValues(labels, 'k8s', 'app')).toEqual(['web']);
    expect(labelValues(labels, 'any', 'app').sort()).toEqual(['other', 'web']);
    expect(labelValues(labels, 'k8s', 'missing')).toEqual([]);
  });
});

describe('reservedKindOf', () => {
  it('reads reserved labels, preferring the narrower kube-apiserver over host', () => {
    const both = parseEndpointLabels(['reserved:host', 'reserved:kube-apiserver']).labels;
    expect(reservedKindOf(both)).toBe('kube-apiserver');
    expect(reservedKindOf(parseEndpointLabels(['reserved:world-ipv6']).labels)).toBe('world');
    expect(reservedKindOf(parseEndpointLabels(['k8s:app=x']).labels)).toBeUndefined();
  });

  it('falls back to the identity number only when there are no labels', () => {
    expect(reservedKindOf(new Map(), 2)).toBe('world');
    expect(reservedKindOf(new Map(), 6)).toBe('remote-node');
    expect(reservedKindOf(new Map(), 47286)).toBeUndefined();
    expect(reservedKindOf(parseEndpointLabels(['k8s:app=x']).labels, 1)).toBeUndefined();
  });
});

describe('identifying labels', () => {
  const pod = parseEndpointLabels([
    'k8s:app.kubernetes.io/name=cart',
    'k8s:app.kubernetes.io/instance=shop',
    'k8s:pod-template-hash=6fb5694d48',
    'k8s:controller-revision-hash=abc',
    'k8s:statefulset.kubernetes.io/pod-name=cart-0',
    'k8s:io.cilium.k8s.policy.serviceaccount=cart',
    'k8s:io.cilium.k8s.policy.cluster=default',
    'k8s:io.kubernetes.pod.namespace=shop',
    'k8s:tier=backend',
    'container:foo=bar',
  ]).labels;

  it('drops pod-specific, Cilium-attached and non-k8s labels', () => {
    expect(isPodSpecificKey('pod-template-hash')).toBe(true);
    expect(isPodSpecificKey('io.cilium.k8s.policy.serviceaccount')).toBe(true);
    expect(isPodSpecificKey('app')).toBe(false);
    expect(formatLabels(workloadLabels(pod))).toBe(
      'app.kubernetes.io/instance=shop, app.kubernetes.io/name=cart, tier=backend',
    );
  });

  it('orders candidates smallest first: primary, refined, all', () => {
    const candidates = identifyingLabelCandidates(pod).map((c) => formatLabels(c));
    expect(candidates).toEqual([
      'app.kubernetes.io/name=cart',
      'app.kubernetes.io/instance=shop, app.kubernetes.io/name=cart, tier=backend',
    ]);
    expect(formatLabels(identifyingLabels(pod))).toBe('app.kubernetes.io/name=cart');
  });

  it('uses every workload label when there is no conventional name label', () => {
    const xwing = parseEndpointLabels([
      'k8s:class=xwing',
      'k8s:org=alliance',
      'k8s:io.kubernetes.pod.namespace=default',
    ]);
    expect(identifyingLabelCandidates(xwing.labels).map((c) => formatLabels(c))).toEqual([
      'class=xwing, org=alliance',
    ]);
  });

  it('has no candidate for an endpoint without workload labels', () => {
    expect(identifyingLabelCandidates(parseEndpointLabels(['reserved:world']).labels)).toEqual([]);
  });
});
