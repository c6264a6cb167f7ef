// Independent expectations for the real fixture flows: plain loops over the raw JSON, no aggregator
// code. Shared by the domain fixture test and the end-to-end gRPC replay test in server/hub.
import { expect } from 'vitest';
import type { Flow } from '../../flow';

export interface Expected {
  flows: number;
  verdicts: Record<string, number>;
  dropReasons: Record<string, number>;
  httpRequests: number;
  errors4xx: number;
  errors5xx: number;
  latenciesNs: number[];
  dnsQueries: number;
  dnsErrors: number;
  lastSeen: number;
}

export function expectedNode(flow: Flow, side: 'source' | 'destination'): string {
  const ep = flow[side] ?? {};
  const labels = ep.labels ?? [];
  if (ep.namespace && ep.pod_name) {
    const value = (prefix: string) => labels.find((l) => l.startsWith(prefix))?.slice(prefix.length);
    const workload =
      ep.workloads?.[0]?.name ||
      value('k8s:app.kubernetes.io/name=') ||
      value('k8s:app=') ||
      value('k8s:k8s-app=') ||
      ep.pod_name;
    return `${ep.namespace}/${workload}`;
  }
  if (labels.some((l) => l.startsWith('reserved:world'))) {
    const names = side === 'source' ? flow.source_names : flow.destination_names;
    return names?.[0] ? `fqdn:${names[0]}` : 'world';
  }
  for (const kind of ['host', 'remote-node', 'kube-apiserver', 'health', 'ingress']) {
    if (labels.includes(`reserved:${kind}`)) return kind;
  }
  const namespace =
    ep.namespace || labels.find((l) => l.startsWith('k8s:io.kubernetes.pod.namespace='))?.split('=')[1];
  const app =
    ep.workloads?.[0]?.name ||
    ['k8s:app.kubernetes.io/name=', 'k8s:app=', 'k8s:k8s-app=']
      .map((p) => labels.find((l) => l.startsWith(p))?.slice(p.length))
      .find((v) => v);
  if (namespace && app) return `${namespace}/${app}`;
  if (labels.length === 0 && !ep.identity && !ep.namespace && !ep.pod_name && flow.IP?.[side]) {
    return `ip:${flow.IP[side]}`;
  }
  return 'unknown';
}

export function expectedEdges(flows: Flow[]): Map<string, Expected> {
  const edges = new Map<string, Expected>();
  for (const f of flows) {
    const src = expectedNode(f, 'source');
    const dst = expectedNode(f, 'destination');
    const l4 = f.l4 ?? {};
    const protocol = Object.keys(l4)[0] ?? 'unknown';
    const ports = l4.TCP ?? l4.UDP ?? l4.SCTP;
    // Direction unknown: service port → ephemeral port (≥ 32768) is a reply.
    const byPorts =
      ports !== undefined &&
      (ports.source_port ?? 0) > 0 &&
      (ports.source_port ?? 0) < 32768 &&
      (ports.destination_port ?? 0) >= 32768;
    const reply = f.is_reply === undefined ? f.reply === true || byPorts : f.is_reply === true;
    const port = ports === undefined ? null : ((reply ? ports.source_port : ports.destination_port) ?? 0);
    const key = `${reply ? dst : src} -> ${reply ? src : dst} ${protocol}/${port}`;
    let e = edges.get(key);
    if (e === undefined) {
      e = {
        flows: 0,
        verdicts: {},
        dropReasons: {},
        httpRequests: 0,
        errors4xx: 0,
        errors5xx: 0,
        latenciesNs: [],
        dnsQueries: 0,
        dnsErrors: 0,
        lastSeen: 0,
      };
      edges.set(key, e);
    }
    e.flows++;
    const verdict = f.verdict ?? 'VERDICT_UNKNOWN';
    e.verdicts[verdict] = (e.verdicts[verdict] ?? 0) + 1;
    if (verdict === 'DROPPED') {
      const reason = f.drop_reason_desc ?? 'DROP_REASON_UNKNOWN';
      e.dropReasons[reason] = (e.dropReasons[reason] ?? 0) + 1;
    }
    if (f.l7?.http && f.l7.type === 'REQUEST') e.httpRequests++;
    if (f.l7?.http && f.l7.type === 'RESPONSE') {
      const code = f.l7.http.code ?? 0;
      if (code >= 400 && code < 500) e.errors4xx++;
      if (code >= 500 && code < 600) e.errors5xx++;
      if (Number(f.l7.latency_ns ?? 0) > 0) e.latenciesNs.push(Number(f.l7.latency_ns));
    }
    if (f.l7?.dns && f.l7.type === 'REQUEST') e.dnsQueries++;
    if (f.l7?.dns && f.l7.type === 'RESPONSE' && (f.l7.dns.rcode ?? 0) !== 0) e.dnsErrors++;
    e.lastSeen = Math.max(e.lastSeen, Date.parse(f.time as string));
  }
  return edges;
}

export function nearestRank(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.ceil(q * sorted.length) - 1] as number) / 1e6;
}

export function expectClose(actual: number | null, exact: number | null): void {
  if (exact === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect((actual as number) / exact).toBeGreaterThan(1 / 1.26);
  expect((actual as number) / exact).toBeLessThan(1.26);
}
