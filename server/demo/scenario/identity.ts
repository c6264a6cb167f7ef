// Security identities and endpoint labels the way Cilium derives them: one numeric identity per
// distinct identity-relevant label set, endpoint IDs unique per node.
import { hashString } from './prng';

/** Reserved identities (pkg/identity/numericidentity.go). */
export const RESERVED = {
  host: 1,
  world: 2,
  health: 4,
  remoteNode: 6,
  kubeApiserver: 7,
  ingress: 8,
} as const;

/** First node-local identity (CIDR/FQDN-derived), with the 1<<24 scope bit. */
export const LOCAL_IDENTITY_BASE = 1 << 24;

const MIN_IDENTITY = 1000;
const IDENTITY_SPAN = 64_000;

/** Allocates identities deterministically: hash of the label set, linear probing on collision. */
export class IdentityRegistry {
  private readonly byKey = new Map<string, number>();
  private readonly used = new Set<number>();

  constructor(private readonly seed: number) {}

  identityFor(labels: readonly string[]): number {
    const key = labels.join('\n');
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let id = MIN_IDENTITY + (hashString(key, this.seed) % IDENTITY_SPAN);
    while (this.used.has(id)) id = id + 1 >= MIN_IDENTITY + IDENTITY_SPAN ? MIN_IDENTITY : id + 1;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }

  /** Every allocated identity and its labels, for CiliumIdentity objects. */
  entries(): { id: number; labels: string[] }[] {
    return [...this.byKey].map(([key, id]) => ({ id, labels: key.split('\n') }));
  }
}

/** Endpoint IDs are per node (1..4095 here), unique within the node. */
export class EndpointIdAllocator {
  private readonly usedByNode = new Map<string, Set<number>>();

  constructor(private readonly seed: number) {}

  allocate(nodeName: string, podKey: string, reserved?: Set<number>): number {
    let used = this.usedByNode.get(nodeName);
    if (!used) {
      used = new Set();
      this.usedByNode.set(nodeName, used);
    }
    let id = 1 + (hashString(podKey, this.seed) % 4000);
    while (used.has(id) || reserved?.has(id)) id = id >= 4095 ? 1 : id + 1;
    if (!reserved) used.add(id);
    else reserved.add(id);
    return id;
  }

  /** IDs taken by stable pods on a node; dynamic pods probe against a copy. */
  snapshot(nodeName: string): Set<number> {
    return new Set(this.usedByNode.get(nodeName) ?? []);
  }
}

/** Labels as Hubble prints them for a pod endpoint, sorted like Cilium's label array. */
export function podEndpointLabels(opts: {
  podLabels: Readonly<Record<string, string>>;
  namespace: string;
  namespaceLabels: Readonly<Record<string, string>>;
  serviceAccount: string;
  clusterName: string;
}): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(opts.podLabels)) out.push(`k8s:${k}=${v}`);
  const nsLabels = { 'kubernetes.io/metadata.name': opts.namespace, ...opts.namespaceLabels };
  for (const [k, v] of Object.entries(nsLabels)) out.push(`k8s:io.cilium.k8s.namespace.labels.${k}=${v}`);
  out.push(`k8s:io.cilium.k8s.policy.cluster=${opts.clusterName}`);
  out.push(`k8s:io.cilium.k8s.policy.serviceaccount=${opts.serviceAccount}`);
  out.push(`k8s:io.kubernetes.pod.namespace=${opts.namespace}`);
  return out.sort();
}
