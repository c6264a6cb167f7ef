// Bodies of GET /api/overview, /api/certificates, /api/volumes and /api/nodes, read from the hub's
// current state. Route handlers only validate nothing themselves: they pass the query here and send
// what comes back (`{status: 400, body: {error}}` for a bad query).
import type { VolumesResponse } from '../domain/cluster';
import { seriesPoints } from '../domain/traffic-series';
import { type CertificatesBody, withCertificateTraffic } from './certificate-traffic';
import type { Hub } from './hub';
import { type KubeStatusInput, type KubeSummary, PAGE_RESOURCES, summarizeKube } from './kube-status';
import { type NodesBody, talosStatus, withNodeDetails } from './node-details';
import { averagePoints, buildOverview, type OverviewBody } from './overview';

export interface ClusterApiRuntime {
  readonly hub: Hub;
  readonly cluster?: KubeStatusInput;
}

export type ApiResult<T> =
  | { readonly status: 200; readonly body: T }
  | { readonly status: 400; readonly body: { readonly error: string } };

export type WithKube<T> = T & { readonly kube: KubeSummary };

const CERT_WINDOWS = ['1m', '5m', '15m', '1h'] as const;
/** "Traffic now" is the mean of this many complete seconds. */
const NOW_SECONDS = 5;
type CertWindow = (typeof CERT_WINDOWS)[number];

/** Rejects parameters the endpoint does not know, so a typo is an error instead of silently ignored. */
function unknownParam(params: URLSearchParams, allowed: readonly string[]): string | undefined {
  for (const key of params.keys()) {
    if (!allowed.includes(key)) {
      const known = allowed.length > 0 ? `; known: ${allowed.join(', ')}` : '; it takes none';
      return `unknown query parameter "${key.slice(0, 40)}"${known}`;
    }
  }
  return undefined;
}

function bad(error: string): ApiResult<never> {
  return { status: 400, body: { error } };
}

export function overviewBody(rt: ClusterApiRuntime, params: URLSearchParams): ApiResult<OverviewBody> {
  const unknown = unknownParam(params, []);
  if (unknown) return bad(unknown);
  const { hub } = rt;
  const now = hub.now();
  return {
    status: 200,
    body: buildOverview({
      now,
      views: hub.cluster.views(),
      kube: summarizeKube(rt.cluster),
      rates: averagePoints(seriesPoints(hub.series, now, NOW_SECONDS, 1), now),
      relay: hub.relay,
      hubbleNodes: hub.hubble.nodes,
      unavailableFromStatus: hub.hubble.serverStatus?.unavailableNodes ?? [],
      nodeStates: hub.nodeStates,
      lost: hub.lost.values(),
    }),
  };
}

export function certificatesBody(
  rt: ClusterApiRuntime,
  params: URLSearchParams,
): ApiResult<WithKube<CertificatesBody>> {
  const unknown = unknownParam(params, ['window']);
  if (unknown) return bad(unknown);
  const window = params.get('window') ?? '5m';
  if (!(CERT_WINDOWS as readonly string[]).includes(window)) {
    return bad(`invalid window "${window.slice(0, 40)}": expected one of ${CERT_WINDOWS.join(', ')}`);
  }
  const { hub } = rt;
  const view = hub.maps.view({ window: window as CertWindow, withRates: true });
  return {
    status: 200,
    body: {
      ...withCertificateTraffic(hub.cluster.views().certificates, view),
      kube: summarizeKube(rt.cluster, PAGE_RESOURCES.certificates),
    },
  };
}

export function volumesBody(
  rt: ClusterApiRuntime,
  params: URLSearchParams,
): ApiResult<WithKube<VolumesResponse>> {
  const unknown = unknownParam(params, []);
  if (unknown) return bad(unknown);
  return {
    status: 200,
    body: { ...rt.hub.cluster.views().volumes, kube: summarizeKube(rt.cluster, PAGE_RESOURCES.volumes) },
  };
}

export function nodesBody(
  rt: ClusterApiRuntime,
  params: URLSearchParams,
  env: Readonly<Record<string, string | undefined>>,
): ApiResult<WithKube<NodesBody>> {
  const unknown = unknownParam(params, []);
  if (unknown) return bad(unknown);
  const { hub } = rt;
  const body = withNodeDetails(
    hub.cluster.views().nodes,
    hub.cluster.snapshot(),
    hub.hubble.nodes,
    talosStatus(env, hub.talos.snapshot()),
    hub.talos.snapshot(),
  );
  return { status: 200, body: { ...body, kube: summarizeKube(rt.cluster, PAGE_RESOURCES.nodes) } };
}
