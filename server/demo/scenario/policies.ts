// Network policies of the demo cluster. The same definitions render the Kubernetes objects and the
// policy attribution (`*_allowed_by` / `*_denied_by`) that Hubble puts on policy-verdict events.
import type { PolicyRef } from '../../domain/flow';
import { uuidFor } from './prng';
import type { ScenarioPhase } from './types';

export type PolicyKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy' | 'NetworkPolicy';

export interface PolicyDef {
  readonly kind: PolicyKind;
  readonly name: string;
  readonly namespace?: string;
  readonly spec: Readonly<Record<string, unknown>>;
  readonly description: string;
  /** Offset into the cycle when it exists; undefined = always. */
  readonly appearsWith?: (phase: ScenarioPhase) => boolean;
}

const ns = (name: string) => ({ 'k8s:io.kubernetes.pod.namespace': name });
const tcpPort = (port: number) => ({ port: String(port), protocol: 'TCP' });

export const POLICY = {
  paymentsIngress: 'payments-ingress',
  paymentsEgress: 'payments-egress',
  backendIngress: 'backend-ingress-l7',
  denyMetadata: 'deny-metadata-egress',
  denyBatchToPostgres: 'deny-batch-to-postgres',
  dnsVisibility: 'dns-visibility',
  redisAllowCart: 'redis-allow-cart',
} as const;

export const POLICIES: readonly PolicyDef[] = [
  {
    kind: 'CiliumNetworkPolicy',
    name: POLICY.paymentsIngress,
    namespace: 'payments',
    description:
      'Only checkout may call the payments API; Prometheus may scrape; ingress-nginx may deliver webhooks.',
    spec: {
      endpointSelector: { matchLabels: { app: 'payments' } },
      ingress: [
        {
          fromEndpoints: [{ matchLabels: { app: 'checkout', ...ns('shop') } }],
          toPorts: [
            {
              ports: [tcpPort(50051)],
              rules: { http: [{ method: 'POST', path: '/payments\\.v1\\.Payments/.*' }] },
            },
          ],
        },
        {
          fromEndpoints: [{ matchLabels: { 'app.kubernetes.io/name': 'prometheus', ...ns('monitoring') } }],
          toPorts: [{ ports: [tcpPort(9090)] }],
        },
        {
          fromEndpoints: [
            { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', ...ns('ingress-nginx') } },
          ],
          toPorts: [{ ports: [tcpPort(8080)] }],
        },
      ],
    },
  },
  {
    kind: 'CiliumNetworkPolicy',
    name: POLICY.paymentsEgress,
    namespace: 'payments',
    description: 'payments talks to its database, DNS and Stripe only.',
    spec: {
      endpointSelector: { matchLabels: { app: 'payments' } },
      egress: [
        { toEndpoints: [{ matchLabels: { app: 'postgres' } }], toPorts: [{ ports: [tcpPort(5432)] }] },
        {
          toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', ...ns('kube-system') } }],
          toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
        },
        { toFQDNs: [{ matchName: 'api.stripe.com' }], toPorts: [{ ports: [tcpPort(443)] }] },
      ],
    },
  },
  {
    kind: 'CiliumNetworkPolicy',
    name: POLICY.backendIngress,
    namespace: 'shop',
    description:
      'Shop backends accept HTTP from the frontend and the gateway (with L7 visibility) and scrapes.',
    spec: {
      endpointSelector: {
        matchExpressions: [{ key: 'app', operator: 'In', values: ['cart', 'catalog', 'checkout'] }],
      },
      ingress: [
        {
          fromEndpoints: [{ matchLabels: { app: 'frontend' } }, { matchLabels: { app: 'checkout' } }],
          toPorts: [{ ports: [tcpPort(8080)], rules: { http: [{}] } }],
        },
        { fromEntities: ['ingress'], toPorts: [{ ports: [tcpPort(8080)], rules: { http: [{}] } }] },
        {
          fromEndpoints: [{ matchLabels: { 'app.kubernetes.io/name': 'prometheus', ...ns('monitoring') } }],
          toPorts: [{ ports: [tcpPort(8080)] }],
        },
      ],
    },
  },
  {
    kind: 'CiliumNetworkPolicy',
    name: POLICY.denyMetadata,
    namespace: 'shop',
    description: 'No shop workload may reach the cloud metadata endpoint.',
    spec: {
      endpointSelector: {},
      enableDefaultDeny: { egress: false, ingress: false },
      egressDeny: [{ toCIDR: ['169.254.169.254/32'] }],
    },
  },
  {
    kind: 'CiliumNetworkPolicy',
    name: POLICY.denyBatchToPostgres,
    namespace: 'payments',
    description: 'Batch jobs must use the reporting replica, not the payments primary.',
    spec: {
      endpointSelector: { matchLabels: { app: 'postgres' } },
      enableDefaultDeny: { egress: false, ingress: false },
      ingressDeny: [{ fromEndpoints: [{ matchLabels: ns('batch') }], toPorts: [{ ports: [tcpPort(5432)] }] }],
    },
    appearsWith: (phase) => phase.denyPolicyActive,
  },
  {
    kind: 'CiliumClusterwideNetworkPolicy',
    name: POLICY.dnsVisibility,
    description: 'DNS visibility for every pod through the DNS proxy, without default deny.',
    spec: {
      endpointSelector: {},
      enableDefaultDeny: { egress: false, ingress: false },
      egress: [
        {
          toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', ...ns('kube-system') } }],
          toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
        },
      ],
    },
  },
  {
    kind: 'NetworkPolicy',
    name: POLICY.redisAllowCart,
    namespace: 'shop',
    description: 'Only cart may use redis.',
    spec: {
      podSelector: { matchLabels: { app: 'redis' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: 'cart' } } }],
          ports: [{ protocol: 'TCP', port: 6379 }],
        },
      ],
    },
  },
];

export function policyUid(seed: number, def: Pick<PolicyDef, 'kind' | 'name' | 'namespace'>): string {
  return uuidFor(seed, `${def.kind}/${def.namespace ?? ''}/${def.name}`);
}

/** The `flow.Policy` Hubble attaches, built from the policy's derived labels. */
export function policyRef(seed: number, name: string, revision: number): PolicyRef {
  const def = POLICIES.find((p) => p.name === name);
  if (!def) throw new Error(`unknown policy ${name}`);
  const labels = [
    `k8s:io.cilium.k8s.policy.derived-from=${def.kind}`,
    `k8s:io.cilium.k8s.policy.name=${def.name}`,
  ];
  if (def.namespace) labels.push(`k8s:io.cilium.k8s.policy.namespace=${def.namespace}`);
  labels.push(`k8s:io.cilium.k8s.policy.uid=${policyUid(seed, def)}`);
  const rev = String(revision);
  return def.namespace
    ? { name: def.name, namespace: def.namespace, labels, revision: rev, kind: def.kind }
    : { name: def.name, labels, revision: rev, kind: def.kind };
}
