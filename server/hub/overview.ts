// GET /api/overview: the on-call landing page's numbers in one body — traffic now, the cluster
// health counts, Hubble agent availability, lost events — plus an "attention" list (worst first) that
// says what is wrong and which page explains it. Built from values the hub already holds; the clock
// is passed in.
import type { ClusterOverviewCounts, ClusterViews } from '../domain/cluster';
import type { SeriesPoint } from '../domain/traffic-series';
import type { KubeSummary } from './kube-status';
import { type AttentionItem, attentionItems } from './overview-attention';

export type { AttentionItem, AttentionSeverity } from './overview-attention';

export interface OverviewTraffic {
  readonly flowsPerSecond: number;
  readonly forwardedPerSecond: number;
  readonly droppedPerSecond: number;
  /** Dropped / all flows; null without traffic. */
  readonly dropRatio: number | null;
  readonly httpRequestsPerSecond: number;
  readonly http5xxPerSecond: number;
  /** 5xx responses / HTTP requests; null without HTTP traffic. */
  readonly http5xxRatio: number | null;
  /** Drop reasons by rate, highest first (at most 5). */
  readonly topDropReasons: readonly { readonly reason: string; readonly perSecond: number }[];
}

export interface OverviewHubble {
  /** Relay connection: connecting | connected | unavailable | not-configured. */
  readonly relay: string;
  readonly relayError: string | null;
  readonly nodesTotal: number;
  readonly nodesUnavailable: number;
  readonly unavailableNodes: readonly string[];
}

export interface OverviewLost {
  readonly total: number;
  /** Sources that reported loss within the last 10 minutes. */
  readonly recentSources: number;
  readonly sources: readonly {
    readonly node: string;
    readonly source: string;
    readonly count: number;
    readonly last: string;
  }[];
}

export interface OverviewBody {
  readonly generatedAt: string;
  readonly traffic: OverviewTraffic;
  readonly certificates: ClusterOverviewCounts['certificates'];
  readonly volumes: ClusterOverviewCounts['volumes'];
  readonly nodes: ClusterOverviewCounts['nodes'];
  readonly hubble: OverviewHubble;
  readonly lostEvents: OverviewLost;
  readonly kube: KubeSummary;
  readonly attention: readonly AttentionItem[];
}

export interface OverviewInput {
  readonly now: number;
  readonly views: Pick<ClusterViews, 'certificates' | 'volumes' | 'nodes' | 'overview'>;
  readonly kube: KubeSummary;
  /** Average rates over the last few complete seconds (see averagePoints). */
  readonly rates: SeriesPoint;
  readonly relay: { readonly state: string; readonly lastError?: string };
  readonly hubbleNodes: readonly { readonly name: string; readonly state: string }[];
  readonly unavailableFromStatus: readonly string[];
  readonly nodeStates: ReadonlyMap<string, { readonly state: string }>;
  readonly lost: Iterable<{
    readonly node: string;
    readonly source: string;
    readonly count: number;
    readonly lastMs: number;
  }>;
}

export const LOST_RECENT_MS = 10 * 60_000;

/**
 * Mean of per-second points. The overview asks for 1 s steps and averages them itself: a wider
 * step aligned to the clock can start before the window and is then only partly filled.
 */
export function averagePoints(points: readonly SeriesPoint[], t: number): SeriesPoint {
  const n = Math.max(1, points.length);
  const sum = (pick: (p: SeriesPoint) => number) => points.reduce((acc, p) => acc + pick(p), 0) / n;
  const reasons: Record<string, number> = {};
  for (const p of points) {
    for (const [reason, rate] of Object.entries(p.dropReasons))
      reasons[reason] = (reasons[reason] ?? 0) + rate / n;
  }
  return {
    t,
    flows: sum((p) => p.flows),
    forwarded: sum((p) => p.forwarded),
    dropped: sum((p) => p.dropped),
    other: sum((p) => p.other),
    httpRequests: sum((p) => p.httpRequests),
    http5xx: sum((p) => p.http5xx),
    http4xx: sum((p) => p.http4xx),
    dropReasons: reasons,
  };
}

const CONNECTED = 'NODE_CONNECTED';
const DOWN = new Set(['NODE_UNAVAILABLE', 'NODE_ERROR', 'NODE_GONE']);

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function trafficOf(rates: SeriesPoint): OverviewTraffic {
  const topDropReasons = Object.entries(rates.dropReasons)
    .map(([reason, perSecond]) => ({ reason, perSecond: round(perSecond) }))
    .sort((a, b) => b.perSecond - a.perSecond || (a.reason < b.reason ? -1 : 1))
    .slice(0, 5);
  return {
    flowsPerSecond: round(rates.flows),
    forwardedPerSecond: round(rates.forwarded),
    droppedPerSecond: round(rates.dropped),
    dropRatio: rates.flows > 0 ? round(rates.dropped / rates.flows, 4) : null,
    httpRequestsPerSecond: round(rates.httpRequests),
    http5xxPerSecond: round(rates.http5xx),
    http5xxRatio: rates.httpRequests > 0 ? round(Math.min(1, rates.http5xx / rates.httpRequests), 4) : null,
    topDropReasons,
  };
}

/**
 * Relay's GetNodes list is the freshest view of agents it knows; node_status events on the flow
 * stream fill in agents it did not list; ServerStatus names the rest.
 */
function hubbleOf(input: OverviewInput): OverviewHubble {
  const states = new Map<string, string>();
  for (const [name, s] of input.nodeStates) states.set(name, s.state);
  for (const n of input.hubbleNodes) states.set(n.name, n.state);
  for (const name of input.unavailableFromStatus) if (!states.has(name)) states.set(name, 'NODE_UNAVAILABLE');
  const unavailable = [...states.entries()]
    .filter(([, state]) => DOWN.has(state))
    .map(([name]) => name)
    .sort();
  const known = [...states.values()].filter((s) => s === CONNECTED || DOWN.has(s)).length;
  return {
    relay: input.relay.state,
    relayError: input.relay.lastError ?? null,
    nodesTotal: known,
    // The Kubernetes join may know an agent Relay never listed (its node joined while Relay was down).
    nodesUnavailable: Math.max(unavailable.length, input.views.overview.hubble.nodesUnavailable),
    unavailableNodes: unavailable,
  };
}

function lostOf(input: OverviewInput): OverviewLost {
  const records = [...input.lost];
  const sources = [...records]
    .sort((a, b) => b.lastMs - a.lastMs || b.count - a.count)
    .map((l) => ({ node: l.node, source: l.source, count: l.count, last: new Date(l.lastMs).toISOString() }));
  const recentSources = records.filter((l) => input.now - l.lastMs <= LOST_RECENT_MS).length;
  return { total: sources.reduce((acc, s) => acc + s.count, 0), recentSources, sources };
}

export function buildOverview(input: OverviewInput): OverviewBody {
  const traffic = trafficOf(input.rates);
  const hubble = hubbleOf(input);
  const lostEvents = lostOf(input);
  const counts = input.views.overview;
  return {
    generatedAt: new Date(input.now).toISOString(),
    traffic,
    certificates: counts.certificates,
    volumes: counts.volumes,
    nodes: counts.nodes,
    hubble,
    lostEvents,
    kube: input.kube,
    attention: attentionItems({
      traffic,
      hubble,
      lostEvents,
      kube: input.kube,
      views: input.views,
    }),
  };
}
