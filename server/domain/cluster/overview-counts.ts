// The cluster part of GET /api/overview: counts of what needs attention (the lead adds Hubble lost
// events and the flow-side counts).

import type { CertificateStatus } from './certificates';
import type { CertificateJoin } from './join-certificates';
import type { NodesJoin } from './join-nodes';
import type { VolumeJoin } from './join-volumes';
import { pressuresOf } from './nodes';
import type { ClusterSnapshot } from './snapshot';

export type CephHealth = 'HEALTH_OK' | 'HEALTH_WARN' | 'HEALTH_ERR';

export interface ClusterOverviewCounts {
  readonly certificates: {
    readonly installed: boolean;
    readonly total: number;
    readonly expiring: number;
    readonly expired: number;
    readonly failed: number;
  };
  readonly volumes: {
    readonly longhornInstalled: boolean;
    readonly degraded: number;
    readonly faulted: number;
    readonly cephInstalled: boolean;
    /** Worst health over all CephClusters; null when there is none or none has reported. */
    readonly cephHealth: CephHealth | null;
  };
  readonly nodes: { readonly total: number; readonly notReady: number; readonly underPressure: number };
  readonly hubble: { readonly nodesUnavailable: number };
}

const CEPH_RANK: Readonly<Record<CephHealth, number>> = { HEALTH_OK: 0, HEALTH_WARN: 1, HEALTH_ERR: 2 };

function worstCephHealth(healths: readonly (string | null)[]): CephHealth | null {
  let worst: CephHealth | null = null;
  for (const h of healths) {
    if (h === null) continue;
    // An unrecognised health string is at least a warning.
    const known: CephHealth = h in CEPH_RANK ? (h as CephHealth) : 'HEALTH_WARN';
    if (worst === null || CEPH_RANK[known] > CEPH_RANK[worst]) worst = known;
  }
  return worst;
}

export function buildOverviewCounts(
  snapshot: ClusterSnapshot,
  certificates: readonly CertificateJoin[],
  volumes: VolumeJoin,
  nodes: NodesJoin,
): ClusterOverviewCounts {
  const certCount = (s: CertificateStatus) => certificates.filter((c) => c.assessment.status === s).length;
  return {
    certificates: {
      installed: snapshot.installed.certManager,
      total: certificates.length,
      expiring: certCount('expiring'),
      expired: certCount('expired'),
      failed: certCount('failed'),
    },
    volumes: {
      longhornInstalled: snapshot.installed.longhorn,
      degraded: volumes.longhorn.filter((v) => v.volume.robustness === 'degraded').length,
      faulted: volumes.longhorn.filter((v) => v.volume.robustness === 'faulted').length,
      cephInstalled: snapshot.installed.ceph,
      cephHealth: worstCephHealth(volumes.ceph.map((c) => c.cluster.health)),
    },
    nodes: {
      total: nodes.nodes.length,
      notReady: nodes.nodes.filter((n) => n.node.ready !== 'True').length,
      underPressure: nodes.nodes.filter((n) => pressuresOf(n.node).length > 0).length,
    },
    hubble: { nodesUnavailable: nodes.nodes.filter((n) => n.hubble.state === 'unavailable').length },
  };
}
