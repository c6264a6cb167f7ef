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
import { expectClose, expectedEdges, nearestRank } from './test-support/expected-edges';
import { FIXTURE_FILES, fixtureName, loadFixtureFlows } from './test-support/load-fixture';
import type { MapEdge } from './view-types';

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
