// The record collections the lead fills from informers, and the per-request inputs that are not
// Kubernetes objects (clock, thresholds, Hubble node data). Everything in this folder reads these two.

import type { CephClusterRecord, CephPoolRecord } from './ceph';
import type { CertificateRecord } from './certificates';
import type { GatewayRecord, HttpRouteRecord } from './gateways';
import type { IngressRecord } from './ingresses';
import type { LonghornReplicaRecord, LonghornVolumeRecord } from './longhorn';
import type { NodeRecord } from './nodes';
import type { PodRecord } from './pods';
import type { ServiceRecord } from './services';
import type { PvcRecord, PvRecord, StorageClassRecord } from './storage';

/** Which optional APIs the cluster serves (from discovery); absent ones render as "not installed". */
export interface InstalledApis {
  readonly certManager: boolean;
  readonly longhorn: boolean;
  readonly ceph: boolean;
  readonly gatewayApi: boolean;
  readonly cilium: boolean;
}

export interface ClusterSnapshot {
  readonly pods: readonly PodRecord[];
  readonly services: readonly ServiceRecord[];
  readonly ingresses: readonly IngressRecord[];
  readonly gateways: readonly GatewayRecord[];
  readonly httpRoutes: readonly HttpRouteRecord[];
  readonly certificates: readonly CertificateRecord[];
  readonly longhornVolumes: readonly LonghornVolumeRecord[];
  readonly longhornReplicas: readonly LonghornReplicaRecord[];
  readonly cephClusters: readonly CephClusterRecord[];
  readonly cephBlockPools: readonly CephPoolRecord[];
  readonly cephFilesystems: readonly CephPoolRecord[];
  readonly pvcs: readonly PvcRecord[];
  readonly pvs: readonly PvRecord[];
  readonly storageClasses: readonly StorageClassRecord[];
  readonly nodes: readonly NodeRecord[];
  readonly installed: InstalledApis;
}

export function emptyClusterSnapshot(installed: Partial<InstalledApis> = {}): ClusterSnapshot {
  return {
    pods: [],
    services: [],
    ingresses: [],
    gateways: [],
    httpRoutes: [],
    certificates: [],
    longhornVolumes: [],
    longhornReplicas: [],
    cephClusters: [],
    cephBlockPools: [],
    cephFilesystems: [],
    pvcs: [],
    pvs: [],
    storageClasses: [],
    nodes: [],
    installed: {
      certManager: installed.certManager ?? false,
      longhorn: installed.longhorn ?? false,
      ceph: installed.ceph ?? false,
      gatewayApi: installed.gatewayApi ?? false,
      cilium: installed.cilium ?? false,
    },
  };
}

/**
 * One Hubble node as GetNodes reports it (proto field names). `name` may carry the cluster prefix
 * (`<cluster>/<node>`) when the cluster is not named `default`.
 */
export interface HubbleNodeInfo {
  readonly name: string;
  /** NODE_CONNECTED | NODE_UNAVAILABLE | NODE_ERROR (enum name). */
  readonly state: string;
  /** uint64 as a decimal string (jsonpb) or a number; `seenFlows` (camelCase JSON) is accepted too. */
  readonly seen_flows?: string | number | null;
  readonly seenFlows?: string | number | null;
}

export interface NodeFlowRates {
  readonly flowsPerSecond: number;
  readonly dropsPerSecond: number;
}

export interface ClusterContext {
  /** Epoch ms; the only clock this folder sees. */
  readonly now: number;
  /** Certificates with this many whole days left or fewer are `expiring` (default 14). */
  readonly expiringDays?: number;
  /** Ceph health older than this is stale (default 5 min). */
  readonly cephStaleAfterMs?: number;
  /** Hubble's node list; null/absent = no Hubble data (states render as `unknown`, no problems). */
  readonly hubbleNodes?: readonly HubbleNodeInfo[] | null;
  /** Flow and drop rates keyed by flow `node_name` (cluster prefix allowed). */
  readonly nodeRates?: ReadonlyMap<string, NodeFlowRates>;
}
