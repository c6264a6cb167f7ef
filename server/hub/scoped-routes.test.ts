// A person scoped to `shop` (SKYMAP_SCOPES_FILE, reverse-proxy sign-in) reads every API over real
// HTTP through the real route handlers, with a runtime fed the demo scenario. Expectations come from
// the unscoped answers an unrestricted person gets, cut by the rule "an end in shop" here, and from
// a list of namespaces that have nothing to do with shop: none of them may appear anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as certificatesRoute } from '../../app/api/certificates/route';
import { GET as dropsRoute } from '../../app/api/drops/route';
import { GET as flowsRoute } from '../../app/api/flows/route';
import { GET as mapRoute } from '../../app/api/map/route';
import { GET as nodesRoute } from '../../app/api/nodes/route';
import { GET as overviewRoute } from '../../app/api/overview/route';
import { GET as seriesRoute } from '../../app/api/series/route';
import { GET as statusRoute } from '../../app/api/status/route';
import { GET as flowStreamRoute } from '../../app/api/stream/flows/route';
import { GET as mapStreamRoute } from '../../app/api/stream/map/route';
import { GET as volumesRoute } from '../../app/api/volumes/route';
import { GET as metricsRoute } from '../../app/metrics/route';
import { flowInScope, namespaceOfNodeId } from '../auth/scope-filters';
import type { Flow } from '../domain/flow';
import type { MapEdge, MapNode, MapView } from '../domain/service-map';
import { loadConfig } from '../runtime/config';
import { type Runtime, startRuntime, stopRuntime } from '../runtime/runtime';
import { SCENARIO_START } from './cluster-test-support';
import {
  feedScenario,
  identityHeaders,
  PROXY_ENV,
  readSse,
  type ScenarioFeed,
  serveRoutes,
  setEnv,
  writeScopesFile,
} from './scoped-test-support';

const BOB = identityHeaders('bob@example.com', ['team-shop']);
const ALICE = identityHeaders('alice@example.com');
const NOBODY = identityHeaders('mallory@example.com', ['interns']);

let restoreEnv: () => void;
let rt: Runtime;
let feed: ScenarioFeed;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  restoreEnv = setEnv({ ...PROXY_ENV, SKYMAP_SCOPES_FILE: writeScopesFile() });
  const clock = { ms: SCENARIO_START - 8_000 };
  // Ticks are driven by the test (a long interval keeps the runtime's own timer out of the way).
  rt = startRuntime(
    loadConfig({ SKYMAP_TICK_MS: '60000' }),
    async () => {},
    () => clock.ms,
  );
  feed = feedScenario(rt, clock, 30);
  server = await serveRoutes({
    '/api/map': mapRoute,
    '/api/stream/map': mapStreamRoute,
    '/api/flows': flowsRoute,
    '/api/stream/flows': flowStreamRoute,
    '/api/drops': dropsRoute,
    '/api/certificates': certificatesRoute,
    '/api/volumes': volumesRoute,
    '/api/overview': overviewRoute,
    '/api/series': seriesRoute,
    '/api/nodes': nodesRoute,
    '/api/status': statusRoute,
    '/metrics': metricsRoute,
  });
});

afterAll(async () => {
  await server.close();
  await stopRuntime();
  restoreEnv();
});

async function get(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as unknown) : text };
}

async function json<T>(path: string, headers: Record<string, string>): Promise<T> {
  const { status, body } = await get(path, headers);
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
  return body as T;
}

const inShop = (id: string) => namespaceOfNodeId(id) === 'shop';
const edgeInShop = (e: { source: string; target: string }) => inShop(e.source) || inShop(e.target);

/** Namespaces that exchange no traffic with shop and own nothing shop uses. */
let unrelated: string[] = [];

describe('a person scoped to shop', () => {
  it('is told their scope; the unrelated namespaces exist and are visible to an unrestricted person', async () => {
    const status = await json<{ scope: { namespaces: unknown } }>('/api/status', BOB);
    expect(status.scope.namespaces).toEqual(['shop']);
    const all = await json<MapView>('/api/map?window=all', ALICE);
    const namespaces = new Set(all.nodes.map((n) => n.namespace).filter((ns): ns is string => ns !== null));
    const peers = new Set<string>(['shop']);
    for (const e of all.edges) {
      if (!edgeInShop(e)) continue;
      for (const id of [e.source, e.target]) {
        const ns = namespaceOfNodeId(id);
        if (ns !== null) peers.add(ns);
      }
    }
    // Storage behind shop's volumes is shown with them (its namespace may appear in volumes/badges).
    unrelated = [...namespaces].filter(
      (ns) => !peers.has(ns) && ns !== 'rook-ceph' && ns !== 'longhorn-system',
    );
    expect(unrelated.length).toBeGreaterThan(0);
    expect(unrelated).toContain('cert-manager');
  });

  it('/api/map: exactly the edges with an end in shop; foreign peers carry only what those edges show', async () => {
    const mine = await json<MapView>('/api/map?window=all', BOB);
    const all = await json<MapView>('/api/map?window=all', ALICE);
    const expected = all.edges.filter(edgeInShop);
    expect(expected.length).toBeGreaterThan(10);
    expect(mine.edges).toEqual(expected);
    expect(all.edges.length).toBeGreaterThan(mine.edges.length);
    const byId = new Map(mine.nodes.map((n) => [n.id, n]));
    for (const node of mine.nodes) {
      if (node.namespace === 'shop') {
        expect(node).toEqual(all.nodes.find((n) => n.id === node.id));
        continue;
      }
      const touching = mine.edges.filter((e) => e.source === node.id || e.target === node.id);
      expect(touching.length, node.id).toBeGreaterThan(0);
      expect(node.badges).toEqual([]);
      expect(node.flowsOut).toBe(sum(touching.filter((e) => e.source === node.id)));
      expect(node.flowsIn).toBe(sum(touching.filter((e) => e.target === node.id)));
    }
    for (const e of mine.edges) expect(byId.has(e.source) && byId.has(e.target)).toBe(true);
  });

  it('/api/map?namespace=payments: only payments edges that also touch shop', async () => {
    const mine = await json<MapView>('/api/map?window=all&namespace=payments', BOB);
    const all = await json<MapView>('/api/map?window=all&namespace=payments', ALICE);
    expect(mine.edges).toEqual(all.edges.filter(edgeInShop));
    expect(mine.edges.length).toBeGreaterThan(0);
    expect(mine.edges.length).toBeLessThan(all.edges.length);
  });

  it('every JSON API answers without a trace of the unrelated namespaces', async () => {
    const paths = [
      '/api/map?window=all',
      '/api/drops?window=1h',
      '/api/certificates',
      '/api/volumes',
      '/api/overview',
      '/api/series?window=1m',
      '/api/nodes',
      '/api/status',
      '/api/flows?limit=10000',
    ];
    for (const path of paths) {
      const mine = JSON.stringify(await json<unknown>(path, BOB));
      for (const ns of unrelated) {
        expect(mine, `${path} mentions ${ns}`).not.toMatch(new RegExp(`"${ns}"|"${ns}/|\\b${ns}/`));
      }
    }
    // The same check can fail: an unrestricted person's answers do name them.
    const everything = JSON.stringify(await json<unknown>('/api/map?window=all', ALICE));
    expect(unrelated.some((ns) => everything.includes(`"${ns}/`))).toBe(true);
  });

  it('/api/drops: only groups with an end in shop, counted before the limit', async () => {
    type Drops = {
      groups: { key: string; source: string; target: string; count: number }[];
      matching: number;
      drops: number;
    };
    const mine = await json<Drops>('/api/drops?window=1h&limit=5000', BOB);
    const all = await json<Drops>('/api/drops?window=1h&limit=5000', ALICE);
    const expected = all.groups.filter(edgeInShop);
    expect(expected.length).toBeGreaterThan(0);
    expect(mine.groups.map((g) => g.key)).toEqual(expected.map((g) => g.key));
    expect(mine.matching).toBe(expected.length);
    expect(mine.drops).toBe(expected.reduce((acc, g) => acc + g.count, 0));
    expect(all.groups.length).toBeGreaterThan(mine.groups.length);
    const one = await json<Drops>('/api/drops?window=1h&limit=1', BOB);
    expect(one.groups.map((g) => g.key)).toEqual([expected[0]?.key]);
    expect(one.matching).toBe(expected.length);
  });

  it('/api/certificates and /api/volumes: shop objects only', async () => {
    type Certs = {
      certificates: { namespace: string; usedBy: { namespace: string }[]; services: string[] }[];
    };
    const mine = await json<Certs>('/api/certificates', BOB);
    const all = await json<Certs>('/api/certificates', ALICE);
    expect(mine.certificates.length).toBe(all.certificates.filter((c) => c.namespace === 'shop').length);
    expect(mine.certificates.length).toBeGreaterThan(0);
    expect(all.certificates.some((c) => c.namespace !== 'shop')).toBe(true);
    for (const cert of mine.certificates) {
      expect(cert.namespace).toBe('shop');
      for (const use of cert.usedBy) expect(use.namespace).toBe('shop');
      for (const id of cert.services) expect(inShop(id)).toBe(true);
    }
    type Volumes = {
      longhorn: { volumes: { pvc: { namespace: string } | null }[] };
      ceph: { clusters: { namespace: string; workloads: string[] }[] };
    };
    const volumes = await json<Volumes>('/api/volumes', BOB);
    const allVolumes = await json<Volumes>('/api/volumes', ALICE);
    expect(allVolumes.longhorn.volumes.some((v) => v.pvc?.namespace !== 'shop')).toBe(true);
    for (const v of volumes.longhorn.volumes) expect(v.pvc?.namespace).toBe('shop');
    for (const c of volumes.ceph.clusters) {
      expect(c.namespace === 'shop' || c.workloads.length > 0).toBe(true);
      for (const id of c.workloads) expect(inShop(id)).toBe(true);
    }
  });

  it('/api/overview and /api/series: rates and counts from shop traffic and objects only', async () => {
    type Overview = {
      traffic: { flowsPerSecond: number };
      certificates: { total: number };
      scope?: { namespaces: string[] };
    };
    const mine = await json<Overview>('/api/overview', BOB);
    const all = await json<Overview>('/api/overview', ALICE);
    expect(mine.scope?.namespaces).toEqual(['shop']);
    expect(all.scope).toBeUndefined();
    const certs = await json<{ certificates: unknown[] }>('/api/certificates', BOB);
    expect(mine.certificates.total).toBe(certs.certificates.length);
    expect(mine.certificates.total).toBeLessThan(all.certificates.total);
    expect(mine.traffic.flowsPerSecond).toBeGreaterThan(0);
    expect(mine.traffic.flowsPerSecond).toBeLessThan(all.traffic.flowsPerSecond);

    type Series = { points: { flows: number }[] };
    const total = (s: Series) => s.points.reduce((acc, p) => acc + p.flows, 0);
    const series = await json<Series>('/api/series?window=1m', BOB);
    const allSeries = await json<Series>('/api/series?window=1m', ALICE);
    // Independently: flows the hub holds with an end in shop, over the same complete seconds.
    const nowS = Math.floor(rt.hub.now() / 1000);
    const inWindow = rt.hub.flows
      .newest(rt.hub.flows.size)
      .filter((s) => {
        const t = Math.floor(Date.parse(s.flow.time ?? '') / 1000);
        return t >= nowS - 60 && t <= nowS - 1;
      })
      .filter((s) => s.flow.source?.namespace === 'shop' || s.flow.destination?.namespace === 'shop');
    expect(total(series)).toBeCloseTo(inWindow.length, 6);
    expect(total(series)).toBeGreaterThan(0);
    expect(total(series)).toBeLessThan(total(allSeries));
  });

  it('/api/nodes: node health for everyone, but workloads, pods and traffic of shop only', async () => {
    type Nodes = {
      nodes: {
        name: string;
        workloads: string[];
        namespaces: string[];
        pods: number;
        flowsPerSecond: number | null;
      }[];
    };
    const mine = await json<Nodes>('/api/nodes', BOB);
    const all = await json<Nodes>('/api/nodes', ALICE);
    expect(mine.nodes.map((n) => n.name)).toEqual(all.nodes.map((n) => n.name));
    for (const n of mine.nodes) {
      for (const id of n.workloads) expect(inShop(id)).toBe(true);
      expect(n.namespaces.every((ns) => ns === 'shop')).toBe(true);
      expect(n.flowsPerSecond).toBeNull();
      const whole = all.nodes.find((a) => a.name === n.name);
      expect(n.pods).toBeLessThanOrEqual(whole?.pods ?? 0);
    }
    expect(sumOf(mine.nodes.map((n) => n.pods))).toBeLessThan(sumOf(all.nodes.map((n) => n.pods)));
  });

  it('/metrics is refused (it covers every namespace); an unrestricted person reads it', async () => {
    const refused = await get('/metrics', BOB);
    expect(refused.status).toBe(403);
    expect((refused.body as { error: string }).error).toMatch(/limited to some namespaces/);
    const allowed = await get('/metrics', ALICE);
    expect(allowed.status).toBe(200);
    expect(String(allowed.body)).toMatch(/skymap_flows_received_total/);
  });

  it('a person no scope entry matches sees nothing at all', async () => {
    const map = await json<MapView>('/api/map?window=all', NOBODY);
    expect(map.nodes).toEqual([]);
    expect(map.edges).toEqual([]);
    const drops = await json<{ groups: unknown[]; matching: number }>('/api/drops', NOBODY);
    expect(drops.groups).toEqual([]);
    expect((await json<{ certificates: unknown[] }>('/api/certificates', NOBODY)).certificates).toEqual([]);
  });
});

describe('the map stream of a person scoped to shop', () => {
  it('sends a scoped snapshot and scoped deltas that fold into exactly the scoped /api/map', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/api/stream/map?window=1m`, {
      headers: BOB,
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const buffer = { text: '' };
    const [snapshot] = await readSse(reader, 1, buffer);
    expect(snapshot?.event).toBe('snapshot');
    const state = snapshot?.data as MapView;
    expect(state.edges.length).toBeGreaterThan(0);
    expect(state.edges.every(edgeInShop)).toBe(true);
    const nodes = new Map(state.nodes.map((n) => [n.id, n]));
    const edges = new Map(state.edges.map((e) => [edgeKey(e), e]));
    // Traffic everywhere moves on; the unscoped channel for the same query ticks alongside.
    for (let i = 0; i < 3; i++) {
      feed.advance(5);
      rt.hub.tick();
      const [delta] = await readSse(reader, 1, buffer);
      expect(delta?.event).toBe('delta');
      const d = delta?.data as {
        nodes: { upsert: MapNode[]; remove: string[] };
        edges: { upsert: MapEdge[]; remove: string[] };
      };
      for (const e of d.edges.upsert) expect(edgeInShop(e), edgeKey(e)).toBe(true);
      for (const n of d.nodes.upsert) {
        if (n.namespace !== 'shop') expect(n.badges).toEqual([]);
        nodes.set(n.id, n);
      }
      for (const id of d.nodes.remove) nodes.delete(id);
      for (const e of d.edges.upsert) edges.set(edgeKey(e), e);
      for (const key of d.edges.remove) edges.delete(key);
    }
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const now = await json<MapView>('/api/map?window=1m', BOB);
    expect([...edges.values()].sort(byKey)).toEqual([...now.edges].sort(byKey));
    expect([...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [...now.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    for (const n of nodes.values()) {
      if (n.namespace === 'shop') continue;
      const touching = [...edges.values()].filter((e) => e.source === n.id || e.target === n.id);
      expect(n.flowsIn + n.flowsOut).toBe(
        sum(touching.filter((e) => e.target === n.id)) + sum(touching.filter((e) => e.source === n.id)),
      );
    }
  });
});

type FlowStats = { flowsPerSecond: number; totals: { flowsReceived: number } };
type FlowsMessage = { stats: FlowStats; flows: { n: number; flow: Flow }[] };

describe('the flows of a person scoped to shop', () => {
  it('/api/flows returns the newest shop flows, exactly those an unrestricted query filters to shop', async () => {
    type Result = { flows: Flow[]; retained: { flows: number } };
    const mine = await json<Result>('/api/flows?limit=10000', BOB);
    const all = await json<Result>('/api/flows?limit=10000', ALICE);
    const expected = all.flows.filter((f) => flowInScope(f, ['shop']));
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(all.flows.length);
    // Both answers stop at 10,000: the scoped one reaches further back, with the same newest flows.
    expect(mine.flows.slice(0, expected.length)).toEqual(expected);
    expect(mine.flows.every((f) => flowInScope(f, ['shop']))).toBe(true);
    const held = rt.hub.flows.newest(rt.hub.flows.size).map((f) => f.flow);
    expect(mine.retained.flows).toBe(held.filter((f) => flowInScope(f, ['shop'])).length);
    expect(all.retained.flows).toBe(held.length);
    const dropped = await json<Result>('/api/flows?verdict=DROPPED&namespace=payments', BOB);
    expect(dropped.flows).toEqual(
      all.flows
        .filter(
          (f) =>
            f.verdict === 'DROPPED' &&
            flowInScope(f, ['shop']) &&
            (f.source?.namespace === 'payments' || f.destination?.namespace === 'payments'),
        )
        .slice(0, 100),
    );
  });

  for (const query of ['', '?verdict=FORWARDED']) {
    it(`/api/stream/flows${query}: snapshot and deltas carry shop flows and shop rates only`, async () => {
      const abort = new AbortController();
      const response = await fetch(`${server.url}/api/stream/flows${query}`, {
        headers: BOB,
        signal: abort.signal,
      });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const buffer = { text: '' };
      const [snapshot] = await readSse(reader, 1, buffer);
      expect(snapshot?.event).toBe('snapshot');
      const messages = [snapshot?.data as FlowsMessage];
      for (let i = 0; i < 2; i++) {
        feed.advance(3);
        rt.hub.tick();
        const [delta] = await readSse(reader, 1, buffer);
        expect(delta?.event).toBe('delta');
        messages.push(delta?.data as FlowsMessage);
      }
      abort.abort();
      await reader.cancel().catch(() => undefined);
      const flows = messages.flatMap((m) => m.flows.map((f) => f.flow));
      expect(flows.length).toBeGreaterThan(50);
      for (const flow of flows) expect(flowInScope(flow, ['shop'])).toBe(true);
      if (query !== '') for (const flow of flows) expect(flow.verdict).toBe('FORWARDED');
      const whole = rt.hub.stats(rt.hub.now());
      const last = messages[messages.length - 1]!.stats;
      expect(last.flowsPerSecond).toBeGreaterThan(0);
      expect(last.flowsPerSecond).toBeLessThan(whole.flowsPerSecond);
      expect(last.totals.flowsReceived).toBeLessThan(whole.totals.flowsReceived);
      const json = JSON.stringify(messages);
      for (const ns of unrelated) expect(json, ns).not.toMatch(new RegExp(`"${ns}"|"${ns}/|\\b${ns}/`));
    });
  }
});

function sum(edges: readonly { flows: number }[]): number {
  return edges.reduce((acc, e) => acc + e.flows, 0);
}

function sumOf(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}

function edgeKey(e: { source: string; target: string; protocol: string; port: number | null }): string {
  return `${e.source}|${e.target}|${e.protocol}|${e.port ?? ''}`;
}

function byKey(a: MapEdge, b: MapEdge): number {
  return edgeKey(a) < edgeKey(b) ? -1 : 1;
}
