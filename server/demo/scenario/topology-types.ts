// Spec types of the demo cluster's topology (data lives in topology-apps.ts / topology-system.ts).

export interface NamespaceSpec {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export const BASE_NAMESPACES: readonly NamespaceSpec[] = [
  { name: 'batch', labels: { team: 'data' } },
  { name: 'cert-manager', labels: {} },
  { name: 'default', labels: {} },
  { name: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  { name: 'kube-system', labels: {} },
  { name: 'longhorn-system', labels: {} },
  { name: 'monitoring', labels: { team: 'platform' } },
  { name: 'payments', labels: { team: 'payments', 'compliance/pci': 'true' } },
  { name: 'rook-ceph', labels: {} },
  { name: 'shop', labels: { team: 'storefront' } },
];

export interface PortSpec {
  readonly name: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

export interface VolumeSpec {
  /** Volume name inside the pod (and the StatefulSet claim template name). */
  readonly name: string;
  /** Deployments: the PVC name; StatefulSets: derived as <name>-<sts>-<ordinal>. */
  readonly claimName?: string;
  readonly storageClass: 'longhorn' | 'rook-ceph-block' | 'rook-cephfs';
  readonly size: string;
  readonly mountPath: string;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob';

export interface WorkloadSpec {
  readonly ns: string;
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly replicas: number;
  /** Node per replica; DaemonSets run on every node they tolerate instead. */
  readonly placement: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly selectorKeys: readonly string[];
  readonly serviceAccount: string;
  readonly image: string;
  readonly ports: readonly PortSpec[];
  readonly probePort?: number;
  readonly metricsPort?: number;
  readonly hostNetwork?: boolean;
  readonly volume?: VolumeSpec;
  /** The pod never starts (its volume is faulted). */
  readonly pending?: boolean;
  readonly daemonOn?: 'all' | 'workers';
  readonly schedule?: string;
}

export const tcp = (name: string, port: number): PortSpec => ({ name, port, protocol: 'TCP' });

export const shopApp = (name: string, tier: string): Record<string, string> => ({
  app: name,
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': 'shop',
  tier,
});
