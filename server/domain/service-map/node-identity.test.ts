import { describe, expect, it } from 'vitest';
import type { Endpoint, Flow } from '../flow';
import { aggregate } from './aggregate';
import { toMapView } from './map-view';
import { classifyEndpoint, nodeIdentity } from './node-identity';
import { createServiceMapState } from './state';
import { identifyingLabels } from './workload-labels';

function idOf(
  ep: Endpoint,
  extra: Partial<Flow> = {},
  side: 'source' | 'destination' = 'destination',
): string {
  const flow: Flow = {
    IP: { source: '192.0.2.1', destination: '198.51.100.7' },
    source: side === 'source' ? ep : {},
    destination: side === 'destination' ? ep : {},
    ...extra,
  };
  return nodeIdentity(flow, side).id;
}

describe('nodeIdentity: pods', () => {
  it('uses workloads[0].name first', () => {
    const ep: Endpoint = {
      namespace: 'shop',
      pod_name: 'cart-7d9f-abcde',
      workloads: [{ name: 'cart-deploy', kind: 'Deployment' }],
      labels: ['k8s:app.kubernetes.io/name=cart-app', 'k8s:app=cart'],
    };
    expect(idOf(ep)).toBe('shop/cart-deploy');
  });

  it('falls back to app.kubernetes.io/name, then app, then k8s-app, then the pod name', () => {
    const base = { namespace: 'ns', pod_name: 'p-1' };
    expect(idOf({ ...base, labels: ['k8s:k8s-app=c', 'k8s:app=b', 'k8s:app.kubernetes.io/name=a'] })).toBe(
      'ns/a',
    );
    expect(idOf({ ...base, labels: ['k8s:k8s-app=c', 'k8s:app=b'] })).toBe('ns/b');
    expect(idOf({ ...base, labels: ['k8s:k8s-app=c'] })).toBe('ns/c');
    expect(idOf({ ...base, labels: ['k8s:version=v1'] })).toBe('ns/p-1');
    expect(idOf({ ...base, workloads: [{ name: '' }], labels: [] })).toBe('ns/p-1');
  });

  it('treats a pod with only reserved:world (IP cache lag) as a pod', () => {
    const ep: Endpoint = {
      identity: 2,
      namespace: 'kube-system',
      labels: ['reserved:world'],
      pod_name: 'kube-dns-b4f5c58c7-7qmtw',
    };
    const id = nodeIdentity({ destination: ep, destination_names: ['x.example.com'] }, 'destination');
    expect(id).toEqual({
      id: 'kube-system/kube-dns-b4f5c58c7-7qmtw',
      kind: 'workload',
      namespace: 'kube-system',
      name: 'kube-dns-b4f5c58c7-7qmtw',
      labels: [],
    });
  });

  it('keeps identifying k8s: labels and drops pod-specific ones', () => {
    expect(
      identifyingLabels([
        'k8s:pod-template-hash=7d9f',
        'k8s:app=reviews',
        'k8s:io.kubernetes.pod.namespace=bookinfo',
        'k8s:io.cilium.k8s.policy.serviceaccount=bookinfo-reviews',
        'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=bookinfo',
        'k8s:controller-revision-hash=1',
        'k8s:statefulset.kubernetes.io/pod-name=db-0',
        'reserved:world',
        'container:foo=bar',
      ]),
    ).toEqual([
      'k8s:app=reviews',
      'k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=bookinfo',
      'k8s:io.cilium.k8s.policy.serviceaccount=bookinfo-reviews',
    ]);
  });

  it('gives a workload the labels all of its pods share', () => {
    const state = createServiceMapState();
    const now = Date.UTC(2024, 0, 1);
    const pod = (name: string, version: string): Endpoint => ({
      identity: version === 'v1' ? 501 : 502,
      namespace: 'bookinfo',
      pod_name: name,
      labels: ['k8s:app=reviews', `k8s:version=${version}`, 'k8s:io.kubernetes.pod.namespace=bookinfo'],
    });
    const client: Endpoint = { namespace: 'bookinfo', pod_name: 'pp-1', labels: ['k8s:app=productpage'] };
    aggregate(
      state,
      [
        { source: client, destination: pod('reviews-v1-a', 'v1') },
        { source: client, destination: pod('reviews-v2-b', 'v2') },
        {
          source: client,
          destination: {
            namespace: 'bookinfo',
            pod_name: 'reviews-v3-c',
            identity: 2,
            labels: ['reserved:world'],
            workloads: [{ name: 'reviews' }],
          },
        },
      ],
      now,
    );
    const node = toMapView(state, { window: 'all' }, now).nodes.find((n) => n.id === 'bookinfo/reviews');
    expect(node?.labels).toEqual(['k8s:app=reviews']);
  });
});

describe('nodeIdentity: reserved identities', () => {
  it('maps each reserved label in the documented order', () => {
    expect(idOf({ labels: ['reserved:world'] })).toBe('world');
    expect(idOf({ labels: ['reserved:world-ipv4'] })).toBe('world');
    expect(idOf({ labels: ['reserved:world-ipv6'] })).toBe('world');
    expect(idOf({ labels: ['reserved:host'] })).toBe('host');
    expect(idOf({ labels: ['reserved:remote-node'] })).toBe('remote-node');
    expect(idOf({ labels: ['reserved:kube-apiserver'] })).toBe('kube-apiserver');
    expect(idOf({ labels: ['reserved:health'] })).toBe('health');
    expect(idOf({ labels: ['reserved:ingress'] })).toBe('ingress');
    // Order: world > host > remote-node > kube-apiserver > health > ingress.
    expect(idOf({ labels: ['reserved:kube-apiserver', 'reserved:remote-node'] })).toBe('remote-node');
    expect(idOf({ labels: ['reserved:kube-apiserver', 'reserved:host'] })).toBe('host');
    expect(idOf({ labels: ['reserved:health', 'reserved:world'] })).toBe('world');
    expect(idOf({ labels: ['reserved:ingress', 'reserved:health'] })).toBe('health');
  });

  it('turns world into fqdn:<first name> when the flow names that side', () => {
    const ep: Endpoint = { identity: 2, labels: ['reserved:world'] };
    expect(idOf(ep, { destination_names: ['api.stripe.com', 'x.stripe.com'] })).toBe('fqdn:api.stripe.com');
    expect(idOf(ep, { source_names: ['api.stripe.com'] })).toBe('world');
    expect(idOf(ep, { source_names: ['github.com'] }, 'source')).toBe('fqdn:github.com');
    expect(idOf(ep, { destination_names: [] })).toBe('world');
    const fqdn = nodeIdentity({ destination: ep, destination_names: ['github.com'] }, 'destination');
    expect(fqdn).toEqual({
      id: 'fqdn:github.com',
      kind: 'fqdn',
      namespace: null,
      name: 'github.com',
      labels: [],
    });
  });

  it('describes reserved nodes with their canonical label', () => {
    expect(nodeIdentity({ source: { labels: ['reserved:world-ipv6'] } }, 'source')).toEqual({
      id: 'world',
      kind: 'world',
      namespace: null,
      name: 'world',
      labels: ['reserved:world'],
    });
  });

  it('uses reserved identity numbers when a field mask removed the labels', () => {
    expect(idOf({ identity: 1 })).toBe('host');
    expect(idOf({ identity: 2 })).toBe('world');
    expect(idOf({ identity: 6 })).toBe('remote-node');
    expect(idOf({ identity: 7 })).toBe('kube-apiserver');
    expect(idOf({ identity: 25339 })).toBe('unknown');
  });

  it('maps an endpoint with only an IP to ip:<address> of its side', () => {
    expect(idOf({})).toBe('ip:198.51.100.7');
    expect(idOf({}, {}, 'source')).toBe('ip:192.0.2.1');
    expect(nodeIdentity({ source: {} }, 'source').id).toBe('unknown');
    expect(nodeIdentity({ IP: { destination: 'fe80::1' } }, 'destination')).toEqual({
      id: 'ip:fe80::1',
      kind: 'ip',
      namespace: null,
      name: 'fe80::1',
      labels: [],
    });
  });

  it('maps a labelled endpoint without pod name to its workload (rule 3)', () => {
    const remote: Endpoint = {
      identity: 3418,
      labels: ['k8s:app=productpage', 'k8s:io.kubernetes.pod.namespace=bookinfo', 'k8s:version=v1'],
    };
    expect(nodeIdentity({ source: remote }, 'source')).toEqual({
      id: 'bookinfo/productpage',
      kind: 'workload',
      namespace: 'bookinfo',
      name: 'productpage',
      labels: ['k8s:app=productpage', 'k8s:version=v1'],
    });
    expect(idOf({ namespace: 'shop', labels: ['k8s:k8s-app=cart'] })).toBe('shop/cart');
    expect(idOf({ labels: ['k8s:app=x'] })).toBe('unknown');
    expect(idOf({ labels: ['k8s:io.kubernetes.pod.namespace=shop'] })).toBe('unknown');
    // Reserved labels still win.
    expect(idOf({ labels: ['reserved:host', 'k8s:app=x', 'k8s:io.kubernetes.pod.namespace=shop'] })).toBe(
      'host',
    );
  });

  it('maps anything else to unknown', () => {
    expect(idOf({ labels: ['reserved:unmanaged'] })).toBe('unknown');
    expect(idOf({ labels: ['cidr:10.0.0.0/8'] })).toBe('unknown');
    expect(idOf({ namespace: 'shop' })).toBe('unknown');
    expect(classifyEndpoint({ labels: ['reserved:init'] })).toBe('unknown');
  });

  it('survives malformed endpoints', () => {
    const bad = { labels: 'reserved:host', workloads: 'x', namespace: 5 } as unknown as Endpoint;
    // No usable label, namespace, pod or identity: only the address identifies it.
    expect(idOf(bad)).toBe('ip:198.51.100.7');
    expect(nodeIdentity({ destination: null as unknown as Endpoint }, 'destination').id).toBe('unknown');
  });
});
