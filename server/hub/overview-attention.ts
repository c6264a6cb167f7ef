// The overview's "needs attention" list: one item per problem class, worst first, each naming the
// objects involved and linking to the page that explains it. Thresholds for traffic are deliberately
// loose (a few drops are normal under network policies); cluster states alert as their domain
// assessment says.
import type { ClusterViews } from '../domain/cluster';
import type { KubeSummary } from './kube-status';
import type { OverviewHubble, OverviewLost, OverviewTraffic } from './overview';

export type AttentionSeverity = 'critical' | 'warning';

export interface AttentionItem {
  readonly severity: AttentionSeverity;
  readonly area: 'traffic' | 'certificates' | 'volumes' | 'ceph' | 'nodes' | 'hubble' | 'kubernetes';
  readonly title: string;
  readonly detail: string | null;
  readonly href: string;
}

export interface AttentionInput {
  readonly traffic: OverviewTraffic;
  readonly hubble: OverviewHubble;
  readonly lostEvents: OverviewLost;
  readonly kube: KubeSummary;
  readonly views: Pick<ClusterViews, 'certificates' | 'volumes' | 'nodes'>;
}

export const DROP_RATIO_WARN = 0.01;
export const HTTP_5XX_RATIO_WARN = 0.01;
export const HTTP_5XX_RATIO_CRIT = 0.05;
const MAX_NAMES = 3;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}

function pct(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
}

function trafficItems(t: OverviewTraffic): AttentionItem[] {
  const out: AttentionItem[] = [];
  if (t.http5xxRatio !== null && t.http5xxRatio >= HTTP_5XX_RATIO_WARN) {
    out.push({
      severity: t.http5xxRatio >= HTTP_5XX_RATIO_CRIT ? 'critical' : 'warning',
      area: 'traffic',
      title: `HTTP 5xx: ${pct(t.http5xxRatio)} of requests`,
      detail: `${t.http5xxPerSecond}/s of ${t.httpRequestsPerSecond} requests/s`,
      href: '/flows?http-status=5%2B',
    });
  }
  if (t.dropRatio !== null && t.dropRatio >= DROP_RATIO_WARN) {
    const top = t.topDropReasons[0];
    out.push({
      severity: 'warning',
      area: 'traffic',
      title: `Dropped flows: ${pct(t.dropRatio)} of traffic`,
      detail: `${t.droppedPerSecond}/s${top ? `, mostly ${top.reason}` : ''}`,
      href: '/drops',
    });
  }
  return out;
}

function certificateItems(views: AttentionInput['views']): AttentionItem[] {
  const certs = views.certificates.certificates;
  const of = (status: string) => certs.filter((c) => c.status === status);
  const out: AttentionItem[] = [];
  const expired = of('expired');
  if (expired.length > 0) {
    out.push({
      severity: 'critical',
      area: 'certificates',
      title: `${plural(expired.length, 'certificate')} expired`,
      detail: names(expired.map((c) => `${c.namespace}/${c.name}`)),
      href: '/certificates',
    });
  }
  const failed = of('failed');
  if (failed.length > 0) {
    out.push({
      severity: 'critical',
      area: 'certificates',
      title: `${plural(failed.length, 'certificate')} failing to issue`,
      detail: names(failed.map((c) => `${c.namespace}/${c.name}${c.reason ? ` (${c.reason})` : ''}`)),
      href: '/certificates',
    });
  }
  const expiring = of('expiring');
  if (expiring.length > 0) {
    out.push({
      severity: 'warning',
      area: 'certificates',
      title: `${plural(expiring.length, 'certificate')} expiring soon`,
      detail: names(expiring.map((c) => `${c.namespace}/${c.name} (${c.daysLeft ?? '?'}d left)`)),
      href: '/certificates',
    });
  }
  return out;
}

function volumeItems(views: AttentionInput['views']): AttentionItem[] {
  const out: AttentionItem[] = [];
  const describe = (v: (typeof views.volumes.longhorn.volumes)[number]) =>
    v.pvc ? `${v.pvc.namespace}/${v.pvc.name}` : v.name;
  for (const [robustness, severity] of [
    ['faulted', 'critical'],
    ['degraded', 'warning'],
  ] as const) {
    const list = views.volumes.longhorn.volumes.filter((v) => v.robustness === robustness);
    if (list.length === 0) continue;
    out.push({
      severity,
      area: 'volumes',
      title: `${plural(list.length, 'Longhorn volume')} ${robustness}`,
      detail: names(list.map(describe)),
      href: '/volumes',
    });
  }
  for (const c of views.volumes.ceph.clusters) {
    const bad = c.health !== null && c.health !== 'HEALTH_OK';
    if (!bad && !c.stale) continue;
    out.push({
      severity: c.health === 'HEALTH_ERR' ? 'critical' : 'warning',
      area: 'ceph',
      title: bad
        ? `Ceph ${c.namespace}/${c.name}: ${c.health}`
        : `Ceph ${c.namespace}/${c.name}: health is stale`,
      detail: c.details.length > 0 ? names(c.details.map((d) => d.code)) : (c.problems[0] ?? null),
      href: '/volumes#ceph',
    });
  }
  return out;
}

function nodeItems(views: AttentionInput['views']): AttentionItem[] {
  // Hubble agent problems have their own item (with Relay's view of agents Kubernetes does not know).
  const problems = views.nodes.problems.filter((p) => !/^Hubble on node /.test(p.message));
  return problems.map((p) => ({
    severity: p.severity,
    area: 'nodes' as const,
    title: p.message,
    detail: null,
    href: p.node ? `/nodes#node-${encodeURIComponent(p.node)}` : '/nodes',
  }));
}

function hubbleItems(input: AttentionInput): AttentionItem[] {
  const out: AttentionItem[] = [];
  const h = input.hubble;
  if (h.relay === 'unavailable') {
    out.push({
      severity: 'critical',
      area: 'hubble',
      title: 'Hubble Relay is unreachable: no flows are arriving',
      detail: h.relayError,
      href: '/nodes',
    });
  }
  if (h.nodesUnavailable > 0) {
    out.push({
      severity: 'warning',
      area: 'hubble',
      title: `${plural(h.nodesUnavailable, 'Hubble agent')} unavailable: their flows are missing`,
      detail: h.unavailableNodes.length > 0 ? names(h.unavailableNodes) : null,
      href: '/nodes',
    });
  }
  const lost = input.lostEvents;
  if (lost.recentSources > 0) {
    const recent = lost.sources.slice(0, lost.recentSources);
    out.push({
      severity: 'warning',
      area: 'hubble',
      title: `Hubble lost events (${lost.total.toLocaleString('en-US')} in total)`,
      detail: names(recent.map((s) => `${s.node}: ${s.count.toLocaleString('en-US')} (${s.source})`)),
      href: '/flows',
    });
  }
  return out;
}

function kubeItems(kube: KubeSummary): AttentionItem[] {
  if (!kube.configured || kube.errors.length === 0) return [];
  return [
    {
      severity: 'warning',
      area: 'kubernetes',
      title: `${plural(kube.errors.length, 'Kubernetes watch', 'Kubernetes watches')} failing`,
      detail: names(kube.errors.map((e) => e.error)),
      href: '/nodes',
    },
  ];
}

export function attentionItems(input: AttentionInput): AttentionItem[] {
  const all = [
    ...hubbleItems(input).filter((i) => i.severity === 'critical'),
    ...certificateItems(input.views),
    ...volumeItems(input.views),
    ...nodeItems(input.views),
    ...trafficItems(input.traffic),
    ...hubbleItems(input).filter((i) => i.severity !== 'critical'),
    ...kubeItems(input.kube),
  ];
  // Stable: within a severity the order above (Relay, certificates, volumes, nodes, traffic) holds.
  return [...all.filter((i) => i.severity === 'critical'), ...all.filter((i) => i.severity === 'warning')];
}
