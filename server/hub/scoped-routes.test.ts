// A person scoped to `shop` (SKYMAP_SCOPES_FILE, reverse-proxy sign-in) reads every JSON API over
// real HTTP through the real route handlers, with a runtime fed the demo scenario. Expectations come
// from the unscoped answers an unrestricted person gets, cut by the rule "an end in shop" here, and
// from a list of namespaces that have nothing to do with shop: none of them may appear anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapView } from '../domain/service-map';
import {
  ALICE,
  BOB,
  edgeInShop,
  inShop,
  mentions,
  NOBODY,
  type ScopedApp,
  startScopedApp,
  unrelatedToShop,
} from './scoped-app-support';

let app: ScopedApp;
/** Namespaces that have nothing to do with shop. */
let unrelated: string[] = [];

beforeAll(async () => {
  app = await startScopedApp();
});

afterAll(async () => {
  await app.close();
});

async function json<T>(path: string, headers: Record<string, string>): Promise<T> {
  const { status, body } = await app.get(path, headers);
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
  return body as T;
}

describe('a person scoped to shop', () => {
  it('is told their scope; the unrelated namespaces exist and are visible to an unrestricted person', async () => {
    const status = await json<{ scope: { namespaces: unknown } }>('/api/status', BOB);
    expect(status.scope.namespaces).toEqual(['shop']);
    unrelated = unrelatedToShop(await json<MapView>('/api/map?window=all', ALICE));
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
        expect(mine, `${path} mentions ${ns}`).not.toMatch(mentions(ns));
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
    const nowS = Math.floor(app.rt.hub.now() / 1000);
    const inWindow = app.rt.hub.flows
      .newest(app.rt.hub.flows.size)
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
    const refused = await app.get('/metrics', BOB);
    expect(refused.status).toBe(403);
    expect((refused.body as { error: string }).error).toMatch(/limited to some namespaces/);
    const allowed = await app.get('/metrics', ALICE);
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

function sum(edges: readonly { flows: number }[]): number {
  return edges.reduce((acc, e) => acc + e.flows, 0);
}

function sumOf(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}
