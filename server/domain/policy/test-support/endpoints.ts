/*
 * Test-only endpoints and groups shaped like the fixture flows (Star Wars demo + postgres).
 */

import type { DropEndpointInput, DropGroupInput } from '../drop-group';

export const deathstar: DropEndpointInput = {
  namespace: 'default',
  identity: 47286,
  labels: [
    'k8s:app.kubernetes.io/name=deathstar',
    'k8s:class=deathstar',
    'k8s:io.kubernetes.pod.namespace=default',
    'k8s:org=empire',
  ],
  podNames: ['deathstar-6fb5694d48-5hmds'],
  ips: ['10.0.1.146'],
};

export const xwing: DropEndpointInput = {
  namespace: 'default',
  identity: 18001,
  labels: ['k8s:class=xwing', 'k8s:io.kubernetes.pod.namespace=default', 'k8s:org=alliance'],
  podNames: ['xwing'],
  ips: ['10.0.1.77'],
};

export const tiefighter: DropEndpointInput = {
  namespace: 'default',
  identity: 9142,
  labels: [
    'k8s:app.kubernetes.io/name=tiefighter',
    'k8s:class=tiefighter',
    'k8s:io.kubernetes.pod.namespace=default',
    'k8s:org=empire',
  ],
  podNames: ['tiefighter'],
  ips: ['10.0.1.20'],
};

export const postgres: DropEndpointInput = {
  namespace: 'db',
  identity: 31877,
  labels: ['k8s:app=postgres', 'k8s:io.kubernetes.pod.namespace=db'],
  podNames: ['postgres-0'],
  ips: ['10.0.2.31'],
};

export const cart: DropEndpointInput = {
  namespace: 'shop',
  identity: 50001,
  labels: [
    'k8s:app.kubernetes.io/name=cart',
    'k8s:io.kubernetes.pod.namespace=shop',
    'k8s:pod-template-hash=7d9f8c',
  ],
  podNames: ['cart-7d9f8c-abcde'],
  ips: ['10.0.3.10'],
};

export const world = (ips: string[], fqdns: string[] = []): DropEndpointInput => ({
  identity: 2,
  labels: ['reserved:world'],
  ips,
  fqdns,
});

export const host: DropEndpointInput = { identity: 1, labels: ['reserved:host'], ips: ['192.168.49.2'] };

export function group(overrides: Partial<DropGroupInput> & Pick<DropGroupInput, 'key'>): DropGroupInput {
  return {
    reason: 'POLICY_DENIED',
    direction: 'ingress',
    source: xwing,
    destination: deathstar,
    protocol: 'TCP',
    port: 80,
    ...overrides,
  };
}
