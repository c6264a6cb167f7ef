// Replays the real Hubble fixtures. Expectations are computed independently with plain loops over
// the raw JSON (no code from the aggregator), then compared per edge; the whole `all` view is also
// checked against golden JSON (regenerate: UPDATE_GOLDEN=1 npx vitest run server/domain/service-map).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { aggregate } from './aggregate';
import { toMapView } from './map-view';
import { createServiceMapState } from './state';
import { FIXTURE_FILES, fixtureName, loadFixtureFlows } from './test-support/load-fixture';
import type { MapEdge } from './view-types';

interface Expected {
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

function expectedNode(flow: Flow, side: 'source' | 'destination'): string {
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

function expectedEdges(flows: Flow[]): Map<string, Expected> {
  const edges = new Map<string, Expected>();
  for (const f of flows) {
    const reply = f.is_reply === undefined ? f.reply === true : f.is_reply === true;
    const src = expectedNode(f, 'source');
    const dst = expectedNode(f, 'destination');
    const l4 = f.l4 ?? {};
    const protocol = Object.keys(l4)[0] ?? 'unknown';
    const ports = l4.TCP ?? l4.UDP ?? l4.SCTP;
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

function nearestRank(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.ceil(q * sorted.length) - 1] as number) / 1e6;
}

function expectClose(actual: number | null, exact: number | null): void {
  if (exact === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect((actual as number) / exact).toBeGreaterThan(1 / 1.26);
  expect((actual as number) / exact).toBeLessThan(1.26);
}

function lastTime(flows: Flow[]): number {
  return Math.max(...flows.map((f) => Date.parse(f.time as string)));
}

describe.each(FIXTURE_FILES)('fixture %s', (file) => {
  const flows = loadFixtureFlows(file);
  const now = lastTime(flows) + 1000;

  it('matches independently computed per-edge statistics', () => {
    const state = createServiceMapState();
    aggregate(state, flows, now);
    const expected = expectedEdges(flows);
    for (const window of ['all', '1h'] as const) {
      const view = toMapView(state, { window }, now);
      const actual = new Map<string, MapEdge>(
        view.edges.map((e) => [`${e.source} -> ${e.target} ${e.protocol}/${e.port}`, e]),
      );
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, exp] of expected) {
        const edge = actual.get(key) as MapEdge;
        expect(edge.flows, key).toBe(exp.flows);
        expect(edge.verdicts, key).toEqual(exp.verdicts);
        expect(edge.forwarded, key).toBe(exp.verdicts.FORWARDED ?? 0);
        expect(edge.dropped, key).toBe(exp.verdicts.DROPPED ?? 0);
        expect(edge.dropReasons, key).toEqual(exp.dropReasons);
        expect(edge.http.requests, key).toBe(exp.httpRequests);
        expect(edge.http.errors4xx, key).toBe(exp.errors4xx);
        expect(edge.http.errors5xx, key).toBe(exp.errors5xx);
        expectClose(edge.http.p50Ms, nearestRank(exp.latenciesNs, 0.5));
        expectClose(edge.http.p95Ms, nearestRank(exp.latenciesNs, 0.95));
        expect(edge.dns, key).toEqual({ queries: exp.dnsQueries, errors: exp.dnsErrors });
        expect(edge.lastSeen, key).toBe(new Date(exp.lastSeen).toISOString());
      }
      const flowsOut = new Map<string, number>();
      for (const e of view.edges) flowsOut.set(e.source, (flowsOut.get(e.source) ?? 0) + e.flows);
      for (const node of view.nodes) expect(node.flowsOut, node.id).toBe(flowsOut.get(node.id) ?? 0);
    }
    expect(state.counters).toMatchObject({
      flows: flows.length,
      malformed: 0,
      invalidTime: 0,
      missingTime: 0,
    });
  });

  it('matches the golden view', () => {
    const state = createServiceMapState();
    aggregate(state, flows, now);
    const view = toMapView(state, { window: 'all' }, now);
    const golden = path.join(__dirname, '__golden__', `${fixtureName(file)}.golden.json`);
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(golden, `${JSON.stringify(view, null, 2)}\n`);
    }
    expect(existsSync(golden), `missing ${golden}; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(JSON.parse(JSON.stringify(view))).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });
});

describe('fixture spot checks', () => {
  it('maps the IP-cache-lag pod and reserved:world in the HTTP sample', () => {
    const flows = loadFixtureFlows('cilium-hubble-otel/basic-sample-5-http-flows.json');
    const state = createServiceMapState();
    const now = lastTime(flows) + 1000;
    aggregate(state, flows, now);
    const ids = toMapView(state, { window: 'all' }, now).nodes.map((n) => n.id);
    expect(ids).toContain('kube-system/kube-dns-b4f5c58c7-7qmtw');
    expect(ids).toContain('world');
    expect(ids).toContain('istio-system/prometheus');
  });

  it('maps field-masked drops to ip and workload nodes', () => {
    const flows = loadFixtureFlows('cilium-docs-export/export-rst-dropped-fieldmasked.json');
    const state = createServiceMapState();
    const now = lastTime(flows) + 1000;
    aggregate(state, flows, now);
    const view = toMapView(state, { window: 'all' }, now);
    expect(view.edges.map((e) => [e.source, e.target, e.protocol, e.port, e.dropReasons])).toEqual([
      ['default/xwing', 'default/deathstar-7848d6c4d5-th9v2', 'TCP', 80, { POLICY_DENIED: 1 }],
      ['ip:fe80::64d8:8aff:fe72:fc14', 'ip:ff02::2', 'ICMPv6', null, { INVALID_SOURCE_IP: 1 }],
    ]);
  });
});
