// Public surface of the cluster-health domain (pure: raw Kubernetes JSON in, records, joins, API
// bodies and service-map badges out). Informers call the `toXRecord` parsers; the lead fills a
// ClusterSnapshot and calls buildClusterViews (or the individual joins/builders).

export type {
  CephClusterView,
  CephPoolView,
  CertificatesResponse,
  CertificateView,
  LonghornVolumeView,
  NodesResponse,
  NodeView,
  VolumesResponse,
} from './api-views';
export { buildCertificatesResponse, buildNodesResponse, buildVolumesResponse } from './api-views';
export type { Badge, BadgeMap, BadgeSeverity, BadgeType } from './badges';
export { addBadge, addBadgeToAll, badgesFor, createBadgeMap, finalizeBadges, mergeBadgeMaps } from './badges';
export type {
  CephAssessment,
  CephCapacity,
  CephClusterRecord,
  CephHealthDetail,
  CephPoolRecord,
} from './ceph';
export {
  assessCephCluster,
  DEFAULT_CEPH_STALE_AFTER_MS,
  parseCephBlockPoolRecord,
  parseCephClusterRecord,
  parseCephFilesystemRecord,
  toCephBlockPoolRecord,
  toCephClusterRecord,
  toCephFilesystemRecord,
} from './ceph';
export type { CertificateAssessment, CertificateRecord, CertificateStatus, IssuerRef } from './certificates';
export {
  assessCertificate,
  CERTIFICATE_STATUS_ORDER,
  DEFAULT_EXPIRING_DAYS,
  parseCertificateRecord,
  toCertificateRecord,
} from './certificates';
export type { ClusterViews } from './cluster-views';
export { buildClusterViews } from './cluster-views';
export type {
  GatewayListener,
  GatewayRecord,
  HttpRouteRecord,
  RouteBackendRef,
  RouteParentRef,
} from './gateways';
export { parseGatewayRecord, parseHttpRouteRecord, toGatewayRecord, toHttpRouteRecord } from './gateways';
export type { IngressRecord, IngressTls } from './ingresses';
export { parseIngressRecord, toIngressRecord } from './ingresses';
export type { CertificateJoin, CertificateUse } from './join-certificates';
export { appendCertificateBadges, joinCertificates } from './join-certificates';
export type { HubbleState, NodeJoin, NodeProblem, NodesJoin } from './join-nodes';
export { appendNodeBadges, joinNodes } from './join-nodes';
export type { CephClusterJoin, ClaimRef, LonghornVolumeJoin, VolumeJoin } from './join-volumes';
export { appendVolumeBadges, joinVolumes } from './join-volumes';
export type { LonghornReplicaRecord, LonghornVolumeRecord, ReplicaCounts, Robustness } from './longhorn';
export {
  parseLonghornReplicaRecord,
  parseLonghornVolumeRecord,
  toLonghornReplicaRecord,
  toLonghornVolumeRecord,
} from './longhorn';
export type { NodeRecord, NodeTaint } from './nodes';
export { parseNodeRecord, toNodeRecord } from './nodes';
export type { OsFamily, OsInfo } from './os-image';
export { parseOsImage } from './os-image';
export type { CephHealth, ClusterOverviewCounts } from './overview-counts';
export { buildOverviewCounts } from './overview-counts';
export type { PodRecord } from './pods';
export { mapNodeIdForPod, parsePodRecord, toPodRecord, workloadNameForPod } from './pods';
export type { Condition, ParsedCollection, ParseResult } from './raw-json';
export { parseAll } from './raw-json';
export type { ServicePort, ServiceRecord } from './services';
export { parseServiceRecord, serviceSelectsPod, toServiceRecord } from './services';
export type {
  ClusterContext,
  ClusterSnapshot,
  HubbleNodeInfo,
  InstalledApis,
  NodeFlowRates,
} from './snapshot';
export { emptyClusterSnapshot } from './snapshot';
export { type SnapshotFromObjects, snapshotFromObjects } from './snapshot-from-objects';
export type { PvcRecord, PvRecord, StorageClassRecord } from './storage';
export {
  parsePvcRecord,
  parsePvRecord,
  parseStorageClassRecord,
  toPvcRecord,
  toPvRecord,
  toStorageClassRecord,
} from './storage';
