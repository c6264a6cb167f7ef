// Services of the base cluster (ClusterIPs from 10.96.0.0/12).

export interface ServicePortSpec {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
  readonly protocol: 'TCP' | 'UDP';
}

export interface ServiceSpec {
  readonly ns: string;
  readonly name: string;
  /** The workload whose pods back it (undefined for selector-less Services). */
  readonly workload?: string;
  readonly selector?: Readonly<Record<string, string>>;
  readonly clusterIP: string;
  readonly ports: readonly ServicePortSpec[];
  readonly type?: 'ClusterIP' | 'LoadBalancer';
  readonly loadBalancerIp?: string;
}

const port = (name: string, p: number, target = p, protocol: 'TCP' | 'UDP' = 'TCP'): ServicePortSpec => ({
  name,
  port: p,
  targetPort: target,
  protocol,
});

export const BASE_SERVICES: readonly ServiceSpec[] = [
  { ns: 'default', name: 'kubernetes', clusterIP: '10.96.0.1', ports: [port('https', 443, 6443)] },
  {
    ns: 'shop',
    name: 'frontend',
    workload: 'frontend',
    clusterIP: '10.96.12.40',
    ports: [port('http', 80, 8080)],
  },
  { ns: 'shop', name: 'cart', workload: 'cart', clusterIP: '10.96.12.41', ports: [port('http', 8080)] },
  { ns: 'shop', name: 'catalog', workload: 'catalog', clusterIP: '10.96.12.42', ports: [port('http', 8080)] },
  {
    ns: 'shop',
    name: 'checkout',
    workload: 'checkout',
    clusterIP: '10.96.12.43',
    ports: [port('http', 8080)],
  },
  {
    ns: 'shop',
    name: 'recommender',
    workload: 'recommender',
    clusterIP: '10.96.12.44',
    ports: [port('http', 8080)],
  },
  { ns: 'shop', name: 'redis', workload: 'redis', clusterIP: '10.96.12.50', ports: [port('redis', 6379)] },
  {
    ns: 'payments',
    name: 'payments',
    workload: 'payments',
    clusterIP: '10.96.20.10',
    ports: [port('grpc', 50051), port('http', 8080), port('metrics', 9090)],
  },
  {
    ns: 'payments',
    name: 'postgres',
    workload: 'postgres',
    clusterIP: '10.96.20.20',
    ports: [port('postgres', 5432)],
  },
  {
    ns: 'monitoring',
    name: 'prometheus',
    workload: 'prometheus',
    clusterIP: '10.96.30.10',
    ports: [port('web', 9090)],
  },
  {
    ns: 'monitoring',
    name: 'grafana',
    workload: 'grafana',
    clusterIP: '10.96.30.11',
    ports: [port('http', 80, 3000)],
  },
  { ns: 'monitoring', name: 'loki', workload: 'loki', clusterIP: '10.96.30.12', ports: [port('http', 3100)] },
  {
    ns: 'kube-system',
    name: 'kube-dns',
    workload: 'coredns',
    clusterIP: '10.96.0.10',
    ports: [port('dns', 53, 53, 'UDP'), port('dns-tcp', 53), port('metrics', 9153)],
  },
  {
    ns: 'kube-system',
    name: 'hubble-relay',
    workload: 'hubble-relay',
    clusterIP: '10.96.0.60',
    ports: [port('grpc', 80, 4245)],
  },
  {
    ns: 'ingress-nginx',
    name: 'ingress-nginx-controller',
    workload: 'ingress-nginx-controller',
    clusterIP: '10.96.40.10',
    ports: [port('http', 80), port('https', 443)],
    type: 'LoadBalancer',
    loadBalancerIp: '192.168.10.240',
  },
  {
    ns: 'cert-manager',
    name: 'cert-manager',
    workload: 'cert-manager',
    clusterIP: '10.96.50.10',
    ports: [port('tcp-prometheus-servicemonitor', 9402)],
  },
  {
    ns: 'cert-manager',
    name: 'cert-manager-webhook',
    workload: 'cert-manager-webhook',
    clusterIP: '10.96.50.11',
    ports: [port('https', 443, 10250)],
  },
  {
    ns: 'longhorn-system',
    name: 'longhorn-backend',
    workload: 'longhorn-manager',
    clusterIP: '10.96.60.10',
    ports: [port('manager', 9500)],
  },
  ...(['a', 'b', 'c'] as const).map(
    (id, i): ServiceSpec => ({
      ns: 'rook-ceph',
      name: `rook-ceph-mon-${id}`,
      workload: `rook-ceph-mon-${id}`,
      clusterIP: `10.96.70.${10 + i}`,
      ports: [port('tcp-msgr1', 6789), port('tcp-msgr2', 3300)],
    }),
  ),
  {
    ns: 'rook-ceph',
    name: 'rook-ceph-mgr',
    workload: 'rook-ceph-mgr-a',
    clusterIP: '10.96.70.20',
    ports: [port('http-metrics', 9283)],
  },
];
