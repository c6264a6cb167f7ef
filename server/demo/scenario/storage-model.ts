// Persistent volumes of the scenario: which PVC belongs to which pod, which backend serves it, and
// what happens to it during the cycle.
import type { PodModel } from './cluster-model';
import { uuidFor } from './prng';
import type { RenderContext } from './render-context';
import { BASE_WORKLOADS } from './topology-workloads';

export type LonghornRole = 'healthy' | 'flaky' | 'faulted' | 'detached';

export interface ClaimModel {
  readonly ns: string;
  readonly name: string;
  readonly uid: string;
  readonly pvName: string;
  readonly storageClass: 'longhorn' | 'rook-ceph-block' | 'rook-cephfs';
  readonly size: string;
  readonly accessMode: 'ReadWriteOnce' | 'ReadWriteMany';
  readonly workloadKey: string;
  /** The pod mounting it now (undefined once its workload is scaled to zero). */
  readonly pod?: PodModel;
  /** Pod name for history (`lastPodRefAt` volumes). */
  readonly historicPod: string;
  readonly longhorn?: { role: LonghornRole; replicaNodes: readonly string[] };
}

const LONGHORN_PLAN: Record<string, { role: LonghornRole; replicaNodes: string[] }> = {
  'shop/redis': { role: 'healthy', replicaNodes: ['talos-worker-1', 'nixos-worker-1'] },
  'payments/postgres': { role: 'flaky', replicaNodes: ['talos-worker-1', 'nixos-worker-2'] },
  'monitoring/loki': { role: 'faulted', replicaNodes: ['talos-worker-1', 'nixos-worker-1'] },
  'monitoring/alertmanager': { role: 'detached', replicaNodes: ['nixos-worker-1', 'nixos-worker-2'] },
};

export function claims(ctx: RenderContext): ClaimModel[] {
  const seed = ctx.model.seed;
  const out: ClaimModel[] = [];
  for (const spec of BASE_WORKLOADS) {
    const v = spec.volume;
    if (!v) continue;
    const key = `${spec.ns}/${spec.name}`;
    const pod = ctx.pods.byWorkload.get(key)?.[0];
    const historicPod = spec.kind === 'StatefulSet' ? `${spec.name}-0` : (pod?.name ?? spec.name);
    const name = v.claimName ?? `${v.name}-${historicPod}`;
    const uid = uuidFor(seed, `PersistentVolumeClaim/${spec.ns}/${name}`);
    const lh = LONGHORN_PLAN[key];
    out.push({
      ns: spec.ns,
      name,
      uid,
      pvName: `pvc-${uid}`,
      storageClass: v.storageClass,
      size: v.size,
      accessMode: v.storageClass === 'rook-cephfs' ? 'ReadWriteMany' : 'ReadWriteOnce',
      workloadKey: key,
      pod,
      historicPod,
      longhorn: v.storageClass === 'longhorn' && lh ? lh : undefined,
    });
  }
  return out;
}

export function sizeBytes(size: string): number {
  const m = /^(\d+)(Gi|Mi)$/.exec(size);
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 ** 3 : 1024 ** 2);
}
