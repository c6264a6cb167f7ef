// The API bodies as one request may see them (SKYMAP_SCOPES_FILE × SKYMAP_NAMESPACES). Each function
// validates exactly like its unscoped twin (it calls it first), returns that body unchanged for
// unrestricted people, and otherwise rebuilds it from scoped data: scoped lists, counts recomputed
// from them, traffic rates from the scope's own series. Cluster-wide infrastructure (Kubernetes
// nodes, Hubble agents, Relay, watch errors) is shown to everyone; per-node traffic and pod counts,
// which sum every namespace, are limited to the person's namespaces.
import { namespaceAllowed, scopeCertificates, scopeVolumes } from '../auth/scope-filters';
import type { CertificatesResponse, ClusterOverviewCounts, VolumesResponse } from '../domain/cluster';
import { seriesPoints } from '../domain/traffic-series';
import { clusterScopedKinds } from '../sources/kubernetes/watched-resources';
import { withCertificateTraffic } from './certificate-traffic';
import {
  type ApiResult,
  type ClusterApiRuntime,
  certificatesBody,
  nodesBody,
  overviewBody,
  volumesBody,
} from './cluster-api';
import type { DropsBody } from './drop-tracker';
import { type DropsRequest, dropsBody } from './drops-api';
import type { Hub } from './hub';
import { averagePoints, buildOverview } from './overview';
import type { RequestScope } from './scoped';
import { dropGroupInScope } from './scoped-drops';
import { completeSince, scopedEntry } from './scoped-stats';
import { seriesView } from './series-view';

/** What a page says in the namespace-scoped install (SKYMAP_NAMESPACES); null when cluster-wide. */
export interface NamespaceModeInfo {
  readonly namespaces: readonly string[];
  /** Kinds that are not watched in this mode (a Role cannot grant cluster-scoped kinds). */
  readonly unavailable: readonly string[];
}

export function namespaceModeInfo(install: readonly string[] | undefined): NamespaceModeInfo | null {
  return install === undefined ? null : { namespaces: install, unavailable: clusterScopedKinds() };
}

/** Added to bodies served to a scoped person: whose view this is. */
export interface ScopeNote {
  readonly namespaces: readonly string[];
  /** RFC 3339 from when rates are complete; null when they cover everything since start-up. */
  readonly ratesCompleteSince?: string | null;
}

export function scopedSeriesBody(hub: Hub, window: string | null, scope: RequestScope, now: number) {
  if (scope.held === 'all') return seriesView(hub.series, window, now);
  const entry = scopedEntry(hub, scope.held, now);
  const body = seriesView(entry.series, window, now);
  if ('error' in body) return body;
  return { ...body, scope: { namespaces: scope.held, ratesCompleteSince: completeSince(entry) } };
}

type CephHealth = ClusterOverviewCounts['volumes']['cephHealth'];
const CEPH_RANK: Readonly<Record<string, number>> = { HEALTH_OK: 0, HEALTH_WARN: 1, HEALTH_ERR: 2 };

function worstHealth(healths: readonly (string | null)[]): CephHealth {
  let worst: CephHealth = null;
  for (const h of healths) {
    if (h === null) continue;
    const known = (h in CEPH_RANK ? h : 'HEALTH_WARN') as NonNullable<CephHealth>;
    if (worst === null || (CEPH_RANK[known] ?? 1) > (CEPH_RANK[worst] ?? 1)) worst = known;
  }
  return worst;
}

/** The overview's certificate and volume counts over scoped lists; nodes and agents stay whole. */
export function scopedOverviewCounts(
  base: ClusterOverviewCounts,
  certificates: CertificatesResponse,
  volumes: VolumesResponse,
): ClusterOverviewCounts {
  const certs = certificates.certificates;
  const longhorn = volumes.longhorn.volumes;
  return {
    ...base,
    certificates: {
      installed: base.certificates.installed,
      total: certs.length,
      expiring: certs.filter((c) => c.status === 'expiring').length,
      expired: certs.filter((c) => c.status === 'expired').length,
      failed: certs.filter((c) => c.status === 'failed').length,
    },
    volumes: {
      ...base.volumes,
      degraded: longhorn.filter((v) => v.robustness === 'degraded').length,
      faulted: longhorn.filter((v) => v.robustness === 'faulted').length,
      cephHealth: worstHealth(volumes.ceph.clusters.map((c) => c.health)),
    },
  };
}

export function scopedOverviewBody(
  rt: ClusterApiRuntime,
  params: URLSearchParams,
  scope: RequestScope,
  install?: readonly string[],
) {
  const base = overviewBody(rt, params);
  if (base.status !== 200) return base;
  const namespaceMode = namespaceModeInfo(install);
  if (scope.held === 'all') return { status: 200 as const, body: { ...base.body, namespaceMode } };
  const { hub } = rt;
  const now = hub.now();
  const views = hub.cluster.views();
  const certificates = scopeCertificates(views.certificates, scope.held);
  const volumes = scopeVolumes(views.volumes, scope.held);
  const entry = scopedEntry(hub, scope.held, now);
  const body = buildOverview({
    now,
    views: {
      certificates,
      volumes,
      nodes: views.nodes,
      overview: scopedOverviewCounts(views.overview, certificates, volumes),
    },
    kube: base.body.kube,
    rates: averagePoints(seriesPoints(entry.series, now, 5, 1), now),
    relay: hub.relay,
    hubbleNodes: hub.hubble.nodes,
    unavailableFromStatus: hub.hubble.serverStatus?.unavailableNodes ?? [],
    nodeStates: hub.nodeStates,
    lost: hub.lost.values(),
  });
  const scopeNote: ScopeNote = { namespaces: scope.held, ratesCompleteSince: completeSince(entry) };
  return { status: 200 as const, body: { ...body, namespaceMode, scope: scopeNote } };
}

export function scopedCertificatesBody(rt: ClusterApiRuntime, params: URLSearchParams, scope: RequestScope) {
  const base = certificatesBody(rt, params);
  if (base.status !== 200 || scope.held === 'all') return base;
  const { hub } = rt;
  const window = (params.get('window') ?? '5m') as '1m' | '5m' | '15m' | '1h';
  const view = hub.maps.view({ window, withRates: true }, hub.now(), scope.held);
  const certificates = scopeCertificates(hub.cluster.views().certificates, scope.held);
  return {
    status: 200 as const,
    body: { ...withCertificateTraffic(certificates, view), kube: base.body.kube },
  };
}

export function scopedVolumesBody(
  rt: ClusterApiRuntime,
  params: URLSearchParams,
  scope: RequestScope,
  install: readonly string[] | undefined,
) {
  const base = volumesBody(rt, params);
  if (base.status !== 200) return base;
  const namespaceMode = namespaceModeInfo(install);
  if (scope.held === 'all') return { status: 200 as const, body: { ...base.body, namespaceMode } };
  const volumes = scopeVolumes(rt.hub.cluster.views().volumes, scope.held);
  const scopeNote: ScopeNote = { namespaces: scope.held };
  return {
    status: 200 as const,
    body: { ...volumes, kube: base.body.kube, namespaceMode, scope: scopeNote },
  };
}

export function scopedNodesBody(
  rt: ClusterApiRuntime,
  params: URLSearchParams,
  env: Readonly<Record<string, string | undefined>>,
  scope: RequestScope,
  install: readonly string[] | undefined,
) {
  const base = nodesBody(rt, params, env);
  if (base.status !== 200) return base;
  const namespaceMode = namespaceModeInfo(install);
  if (scope.held === 'all') return { status: 200 as const, body: { ...base.body, namespaceMode } };
  const held = scope.held;
  const pods = new Map<string, number>();
  for (const pod of rt.hub.cluster.snapshot().pods) {
    if (pod.nodeName === null || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    if (!namespaceAllowed(held, pod.namespace)) continue;
    pods.set(pod.nodeName, (pods.get(pod.nodeName) ?? 0) + 1);
  }
  const nodes = base.body.nodes.map((n) => ({
    ...n,
    workloads: n.workloads.filter((id) => namespaceAllowed(held, id.split('/')[0])),
    namespaces: n.namespaces.filter((ns) => namespaceAllowed(held, ns)),
    pods: pods.get(n.name) ?? 0,
    // Per-node rates and the agent's flow counter sum every namespace's traffic on the node.
    hubble: { ...n.hubble, flowsSeen: null },
    flowsPerSecond: null,
    dropsPerSecond: null,
  }));
  const scopeNote: ScopeNote = { namespaces: held };
  return { status: 200 as const, body: { ...base.body, nodes, namespaceMode, scope: scopeNote } };
}

export type ScopedDropsBody = DropsBody & { readonly namespaceMode: NamespaceModeInfo | null };

export function scopedDropsBody(
  hub: Hub,
  request: DropsRequest,
  scope: RequestScope,
  install?: readonly string[],
): ScopedDropsBody {
  const namespaceMode = namespaceModeInfo(install);
  if (scope.held === 'all') return { ...dropsBody(hub, request), namespaceMode };
  const held = scope.held;
  const policies = hub.cluster.policies();
  const body = hub.drops.view(request.window, request.limit, {
    now: hub.now(),
    policies,
    pods: hub.cluster.snapshot().pods,
    lost: hub.lost.values(),
    focus: request.focus,
    accept: dropGroupInScope(held),
  });
  const visiblePolicies = policies.filter(
    (p) => p.namespace === undefined || namespaceAllowed(held, p.namespace),
  );
  return { ...body, policiesKnown: visiblePolicies.length, namespaceMode };
}

/** GET /api/status: Relay and Kubernetes connection state are infrastructure, shown to everyone. */
export function statusBody(
  rt: {
    readonly config: { readonly demo: boolean; readonly kube: { readonly mode: string } };
    readonly hub: Hub;
    readonly startedAt: number;
  },
  scope: RequestScope,
  install: readonly string[] | undefined,
) {
  return {
    demo: rt.config.demo,
    relay: rt.hub.relay,
    kube: { mode: rt.config.kube.mode },
    startedAt: new Date(rt.startedAt).toISOString(),
    namespaceMode: namespaceModeInfo(install),
    scope: { namespaces: scope.namespaces },
  };
}

export type { ApiResult };

/**
 * /metrics describes the whole Skymap process and every namespace it holds (flow totals, objects per
 * watched resource): only people who may see everything Skymap holds may read it.
 */
export function metricsForbidden(scope: RequestScope): string | null {
  if (scope.held === 'all') return null;
  return 'metrics cover every namespace Skymap holds; your sign-in is limited to some namespaces (SKYMAP_SCOPES_FILE)';
}
