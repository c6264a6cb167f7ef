// JSON bodies of GET /api/certificates, /api/volumes and /api/nodes, built from the joins (the
// overview counts are in overview-counts.ts). Pure shape conversion: every rule lives in the joins.

import type { CephPoolRecord } from './ceph';
import type { CertificateStatus } from './certificates';
import type { CertificateJoin, CertificateUse } from './join-certificates';
import type { HubbleState, NodeProblem, NodesJoin } from './join-nodes';
import type { ClaimRef, VolumeJoin } from './join-volumes';
import type { Robustness } from './longhorn';
import type { NodeTaint } from './nodes';
import type { OsFamily } from './os-image';
import type { ConditionStatus } from './raw-json';
import type { ClusterSnapshot } from './snapshot';

export interface CertificateView {
  readonly namespace: string;
  readonly name: string;
  readonly secretName: string | null;
  readonly dnsNames: readonly string[];
  readonly issuer: { readonly kind: string; readonly name: string };
  readonly notAfter: string | null;
  readonly renewalTime: string | null;
  readonly daysLeft: number | null;
  readonly ready: boolean;
  readonly status: CertificateStatus;
  readonly reason: string | null;
  readonly message: string | null;
  readonly usedBy: readonly CertificateUse[];
  readonly services: readonly string[];
  readonly failedIssuanceAttempts: number;
  readonly lastFailureTime: string | null;
}

export interface CertificatesResponse {
  readonly installed: boolean;
  readonly certificates: readonly CertificateView[];
}

/** `joins` must come from joinCertificates (already sorted by urgency). */
export function buildCertificatesResponse(
  installed: boolean,
  joins: readonly CertificateJoin[],
): CertificatesResponse {
  return {
    installed,
    certificates: joins.map(({ certificate: c, assessment: a, usedBy, services }) => ({
      namespace: c.namespace,
      name: c.name,
      secretName: c.secretName,
      dnsNames: c.dnsNames,
      issuer: { kind: c.issuer.kind, name: c.issuer.name },
      notAfter: c.notAfter,
      renewalTime: c.renewalTime,
      daysLeft: a.daysLeft,
      ready: a.ready,
      status: a.status,
      reason: a.reason,
      message: a.message,
      usedBy,
      services,
      failedIssuanceAttempts: c.failedIssuanceAttempts,
      lastFailureTime: c.lastFailureTime,
    })),
  };
}

export interface LonghornVolumeView {
  readonly name: string;
  readonly state: string | null;
  readonly robustness: Robustness;
  /** Bytes (`spec.size`). */
  readonly size: number | null;
  readonly replicas: { readonly desired: number | null; readonly healthy: number | null };
  readonly pvc: ClaimRef | null;
  readonly node: string | null;
  readonly workloads: readonly string[];
}

export interface CephClusterView {
  readonly namespace: string;
  readonly name: string;
  readonly health: string | null;
  readonly details: readonly { readonly code: string; readonly severity: string; readonly message: string }[];
  readonly capacity: {
    readonly bytesTotal: number | null;
    readonly bytesUsed: number | null;
    readonly bytesAvailable: number | null;
  } | null;
  readonly lastChecked: string | null;
  readonly phase: string | null;
  readonly stale: boolean;
  readonly problems: readonly string[];
  readonly workloads: readonly string[];
}

export interface CephPoolView {
  readonly kind: CephPoolRecord['kind'];
  readonly namespace: string;
  readonly name: string;
  readonly phase: string | null;
  readonly type: string | null;
  readonly failureDomain: string | null;
}

export interface VolumesResponse {
  readonly longhorn: { readonly installed: boolean; readonly volumes: readonly LonghornVolumeView[] };
  readonly ceph: {
    readonly installed: boolean;
    readonly clusters: readonly CephClusterView[];
    readonly pools: readonly CephPoolView[];
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function poolView(p: CephPoolRecord): CephPoolView {
  return {
    kind: p.kind,
    namespace: p.namespace,
    name: p.name,
    phase: p.phase,
    type: p.type,
    failureDomain: p.failureDomain,
  };
}

export function buildVolumesResponse(snapshot: ClusterSnapshot, join: VolumeJoin): VolumesResponse {
  const pools = [...snapshot.cephBlockPools, ...snapshot.cephFilesystems]
    .map(poolView)
    .sort(
      (a, b) =>
        compareText(a.kind, b.kind) || compareText(a.namespace, b.namespace) || compareText(a.name, b.name),
    );
  return {
    longhorn: {
      installed: snapshot.installed.longhorn,
      volumes: join.longhorn.map((lh) => ({
        name: lh.volume.name,
        state: lh.volume.state,
        robustness: lh.volume.robustness,
        size: lh.volume.sizeBytes,
        replicas: { desired: lh.replicas.desired, healthy: lh.replicas.healthy },
        pvc: lh.pvc,
        node: lh.volume.currentNodeID,
        workloads: lh.workloads,
      })),
    },
    ceph: {
      installed: snapshot.installed.ceph,
      clusters: join.ceph.map(({ cluster: c, assessment, workloads }) => ({
        namespace: c.namespace,
        name: c.name,
        health: c.health,
        details: c.details,
        capacity:
          c.capacity === null
            ? null
            : {
                bytesTotal: c.capacity.bytesTotal,
                bytesUsed: c.capacity.bytesUsed,
                bytesAvailable: c.capacity.bytesAvailable,
              },
        lastChecked: c.lastChecked,
        phase: c.phase,
        stale: assessment.stale,
        problems: assessment.problems,
        workloads,
      })),
      pools,
    },
  };
}

export interface NodeView {
  readonly name: string;
  readonly ready: boolean;
  /** true/false as reported; null = Unknown or never reported. */
  readonly conditions: Readonly<
    Record<'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable', boolean | null>
  >;
  readonly unschedulable: boolean;
  readonly taints: readonly NodeTaint[];
  readonly roles: readonly string[];
  readonly os: { readonly family: OsFamily; readonly version: string | null; readonly image: string };
  readonly kernel: string | null;
  readonly kubelet: string | null;
  readonly runtime: string | null;
  readonly arch: string | null;
  readonly hubble: { readonly state: HubbleState; readonly flowsSeen: number | null };
  readonly flowsPerSecond: number | null;
  readonly dropsPerSecond: number | null;
  readonly pods: number;
  readonly longhornReplicas: number;
}

export interface NodesResponse {
  readonly nodes: readonly NodeView[];
  readonly problems: readonly NodeProblem[];
}

function flag(status: ConditionStatus | null): boolean | null {
  return status === 'True' ? true : status === 'False' ? false : null;
}

export function buildNodesResponse(join: NodesJoin): NodesResponse {
  return {
    nodes: join.nodes.map(({ node: n, hubble, flowsPerSecond, dropsPerSecond, pods, longhornReplicas }) => ({
      name: n.name,
      ready: n.ready === 'True',
      conditions: {
        MemoryPressure: flag(n.pressure.MemoryPressure),
        DiskPressure: flag(n.pressure.DiskPressure),
        PIDPressure: flag(n.pressure.PIDPressure),
        NetworkUnavailable: flag(n.networkUnavailable),
      },
      unschedulable: n.unschedulable,
      taints: n.taints,
      roles: n.roles,
      os: { family: n.os.family, version: n.os.version, image: n.os.image },
      kernel: n.kernel,
      kubelet: n.kubelet,
      runtime: n.runtime,
      arch: n.arch,
      hubble,
      flowsPerSecond,
      dropsPerSecond,
      pods,
      longhornReplicas,
    })),
    problems: join.problems,
  };
}
