// One call for the lead: every cluster view and the badge map from one snapshot, with each join run
// once (the API responses, the overview and the badges share them).

import {
  buildCertificatesResponse,
  buildNodesResponse,
  buildVolumesResponse,
  type CertificatesResponse,
  type NodesResponse,
  type VolumesResponse,
} from './api-views';
import { type Badge, createBadgeMap, finalizeBadges } from './badges';
import { appendCertificateBadges, joinCertificates } from './join-certificates';
import { appendNodeBadges, joinNodes } from './join-nodes';
import { appendVolumeBadges, joinVolumes } from './join-volumes';
import { buildOverviewCounts, type ClusterOverviewCounts } from './overview-counts';
import type { ClusterContext, ClusterSnapshot } from './snapshot';

export interface ClusterViews {
  readonly certificates: CertificatesResponse;
  readonly volumes: VolumesResponse;
  readonly nodes: NodesResponse;
  readonly overview: ClusterOverviewCounts;
  /** Map node id → badges (sorted, deduplicated per type and ref). */
  readonly badges: ReadonlyMap<string, readonly Badge[]>;
}

export function buildClusterViews(snapshot: ClusterSnapshot, ctx: ClusterContext): ClusterViews {
  const certificateJoins = joinCertificates(snapshot, ctx);
  const volumeJoin = joinVolumes(snapshot, ctx);
  const nodesJoin = joinNodes(snapshot, ctx);
  const badges = createBadgeMap();
  appendCertificateBadges(badges, certificateJoins);
  appendVolumeBadges(badges, volumeJoin);
  appendNodeBadges(badges, nodesJoin);
  return {
    certificates: buildCertificatesResponse(snapshot.installed.certManager, certificateJoins),
    volumes: buildVolumesResponse(snapshot, volumeJoin),
    nodes: buildNodesResponse(nodesJoin),
    overview: buildOverviewCounts(snapshot, certificateJoins, volumeJoin, nodesJoin),
    badges: finalizeBadges(badges),
  };
}
