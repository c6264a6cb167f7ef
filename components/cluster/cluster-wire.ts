// Browser-facing shapes of the cluster endpoints (type-only: the server builds them in server/hub).
export type {
  CephClusterView,
  CephPoolView,
  LonghornVolumeView,
  VolumesResponse,
} from '../../server/domain/cluster';
export type {
  CertificatesBody,
  CertificateWithTraffic,
  ServiceTraffic,
} from '../../server/hub/certificate-traffic';
export type { WithKube } from '../../server/hub/cluster-api';
export type { KubeSummary } from '../../server/hub/kube-status';
export type { NodesBody, NodeWithDetails, TalosStatus, VersionGroup } from '../../server/hub/node-details';
export type { AttentionItem, AttentionSeverity, OverviewBody } from '../../server/hub/overview';
export type { NamespaceModeInfo, ScopeNote } from '../../server/hub/scoped-api';
