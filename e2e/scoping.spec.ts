// Namespace scoping against production servers on the demo cluster: (1) reverse-proxy sign-in with a
// scopes file — a person limited to `shop` gets only shop data from every API and event stream, and
// the pages say so; (2) the namespace-scoped install (SKYMAP_NAMESPACES=shop) — only shop is watched
// and shown, and the pages say which kinds are not available in that mode.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type SkymapProcess, startSkymap } from './skymap-process';

const BOB = { 'X-Forwarded-User': 'bob@example.com', 'X-Forwarded-Groups': 'team-shop' };
const ALICE = { 'X-Forwarded-User': 'alice@example.com' };

interface Edge {
  source: string;
  target: string;
}
interface FlowLike {
  source?: { namespace?: string };
  destination?: { namespace?: string };
}

const nsOf = (id: string) =>
  id.startsWith('fqdn:') || id.startsWith('ip:') ? null : (id.split('/')[0] ?? null);
const idInShop = (id: string) => id.includes('/') && nsOf(id) === 'shop';
const edgeInShop = (e: Edge) => idInShop(e.source) || idInShop(e.target);
const flowInShop = (f: FlowLike) => f.source?.namespace === 'shop' || f.destination?.namespace === 'shop';

/** Reads `count` SSE events from a streaming response. */
async function sseEvents(url: string, headers: Record<string, string>, count: number) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: unknown }[] = [];
  let text = '';
  try {
    while (events.length < count) {
      const end = text.indexOf('\n\n');
      if (end < 0) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        continue;
      }
      const frame = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) as unknown });
    }
  } finally {
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }
  return events;
}

test.describe('a person scoped to shop (reverse-proxy sign-in and a scopes file)', () => {
  test.describe.configure({ mode: 'serial' });
  let skymap: SkymapProcess | undefined;
  let dir = '';
  const base = () => skymap?.url ?? '';

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(path.join(tmpdir(), 'skymap-scoping-'));
    const scopes = path.join(dir, 'scopes.yaml');
    writeFileSync(scopes, 'users:\n  alice@example.com: ["*"]\ngroups:\n  team-shop: [shop]\n');
    skymap = await startSkymap({
      SKYMAP_AUTH_PROXY_HEADER: 'X-Forwarded-User',
      SKYMAP_AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
      SKYMAP_AUTH_PROXY_ADDRESSES: '127.0.0.1/32',
      SKYMAP_SCOPES_FILE: scopes,
      SKYMAP_DEMO_FLOW_RATE: '300',
    });
    await expect
      .poll(async () => ((await (await fetch(`${base()}/readyz`)).json()) as { ready: boolean }).ready, {
        timeout: 30_000,
      })
      .toBe(true);
    // The cluster views are rebuilt on the hub's tick after the watchers sync.
    await expect
      .poll(async () => {
        const r = await fetch(`${base()}/api/certificates`, { headers: BOB });
        return ((await r.json()) as { certificates: unknown[] }).certificates.length;
      })
      .toBeGreaterThan(0);
    // Let some traffic and drops accumulate.
    await expect
      .poll(async () => {
        const r = await fetch(`${base()}/api/drops?window=5m`, { headers: ALICE });
        return ((await r.json()) as { groups: unknown[] }).groups.length;
      })
      .toBeGreaterThan(0);
  });
  test.afterAll(async () => {
    await skymap?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('every JSON API answers with shop data only', async ({ request }) => {
    const get = async (p: string, headers: Record<string, string>) => {
      const r = await request.get(`${base()}${p}`, { headers });
      expect(r.status(), p).toBe(200);
      return r.json();
    };
    const map = (await get('/api/map?window=all', BOB)) as { edges: Edge[] };
    const allMap = (await get('/api/map?window=all', ALICE)) as { edges: Edge[] };
    expect(map.edges.length).toBeGreaterThan(0);
    expect(map.edges.every(edgeInShop)).toBe(true);
    expect(allMap.edges.some((e) => !edgeInShop(e))).toBe(true);

    const drops = (await get('/api/drops?window=1h', BOB)) as { groups: Edge[] };
    expect(drops.groups.every(edgeInShop)).toBe(true);

    const certs = (await get('/api/certificates', BOB)) as { certificates: { namespace: string }[] };
    const allCerts = (await get('/api/certificates', ALICE)) as { certificates: { namespace: string }[] };
    expect(certs.certificates.length).toBeGreaterThan(0);
    expect(certs.certificates.every((c) => c.namespace === 'shop')).toBe(true);
    expect(allCerts.certificates.some((c) => c.namespace !== 'shop')).toBe(true);

    const volumes = (await get('/api/volumes', BOB)) as {
      longhorn: { volumes: { pvc: { namespace: string } | null }[] };
    };
    expect(volumes.longhorn.volumes.every((v) => v.pvc?.namespace === 'shop')).toBe(true);

    const flows = (await get('/api/flows?limit=2000', BOB)) as { flows: FlowLike[] };
    expect(flows.flows.length).toBeGreaterThan(0);
    expect(flows.flows.every(flowInShop)).toBe(true);

    const overview = (await get('/api/overview', BOB)) as { certificates: { total: number } };
    expect(overview.certificates.total).toBe(certs.certificates.length);
    const series = (await get('/api/series?window=1m', BOB)) as { scope: { namespaces: string[] } };
    expect(series.scope.namespaces).toEqual(['shop']);
    const nodes = (await get('/api/nodes', BOB)) as {
      nodes: { workloads: string[]; flowsPerSecond: null }[];
    };
    for (const n of nodes.nodes) {
      expect(n.workloads.every(idInShop)).toBe(true);
      expect(n.flowsPerSecond).toBeNull();
    }
    expect(((await get('/api/status', BOB)) as { scope: { namespaces: unknown } }).scope.namespaces).toEqual([
      'shop',
    ]);
    expect((await request.get(`${base()}/metrics`, { headers: BOB })).status()).toBe(403);
    expect((await request.get(`${base()}/metrics`, { headers: ALICE })).status()).toBe(200);
  });

  test('the map and flow streams send shop-only snapshots and deltas', async () => {
    test.setTimeout(60_000);
    const map = await sseEvents(`${base()}/api/stream/map?window=1m`, BOB, 4);
    expect(map.map((e) => e.event)).toEqual(['snapshot', 'delta', 'delta', 'delta']);
    const snapshot = map[0]?.data as { edges: Edge[] };
    expect(snapshot.edges.length).toBeGreaterThan(0);
    expect(snapshot.edges.every(edgeInShop)).toBe(true);
    for (const delta of map.slice(1)) {
      const d = delta.data as {
        edges: { upsert: Edge[] };
        nodes: { upsert: { namespace: string | null; badges: unknown[] }[] };
      };
      expect(d.edges.upsert.every(edgeInShop)).toBe(true);
      for (const n of d.nodes.upsert) if (n.namespace !== 'shop') expect(n.badges).toEqual([]);
    }
    const flows = await sseEvents(`${base()}/api/stream/flows`, BOB, 4);
    const all = flows.flatMap((e) => (e.data as { flows: { flow: FlowLike }[] }).flows.map((f) => f.flow));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every(flowInShop)).toBe(true);
  });

  test('pages show shop objects and say the view is limited', async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: BOB });
    const page = await context.newPage();
    await page.goto(`${base()}/certificates`);
    const rows = page.getByTestId('cert-row');
    await expect(rows.first()).toBeVisible();
    for (const cert of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-cert') ?? ''))) {
      expect(cert.startsWith('shop/'), cert).toBe(true);
    }
    await page.goto(`${base()}/nodes`);
    await expect(page.getByTestId('scope-notice')).toContainText('limited to namespace shop');
    await page.goto(`${base()}/volumes`);
    await expect(page.getByTestId('scope-notice')).toBeVisible();
    await context.close();
  });
});

test.describe('SKYMAP_NAMESPACES=shop (namespace-scoped install)', () => {
  test.describe.configure({ mode: 'serial' });
  let skymap: SkymapProcess | undefined;
  const base = () => skymap?.url ?? '';

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    skymap = await startSkymap({ SKYMAP_NAMESPACES: 'shop', SKYMAP_DEMO_FLOW_RATE: '300' });
    await expect
      .poll(async () => ((await (await fetch(`${base()}/readyz`)).json()) as { ready: boolean }).ready, {
        timeout: 30_000,
      })
      .toBe(true);
  });
  test.afterAll(async () => {
    await skymap?.stop();
  });

  test('shows only shop and says which kinds are not available in this mode', async ({ page, request }) => {
    const flows = (await (await request.get(`${base()}/api/flows?limit=2000`)).json()) as {
      flows: FlowLike[];
    };
    expect(flows.flows.length).toBeGreaterThan(0);
    expect(flows.flows.every(flowInShop)).toBe(true);
    const certs = (await (await request.get(`${base()}/api/certificates`)).json()) as {
      certificates: { namespace: string }[];
    };
    expect(certs.certificates.length).toBeGreaterThan(0);
    expect(certs.certificates.every((c) => c.namespace === 'shop')).toBe(true);
    const status = (await (await request.get(`${base()}/api/status`)).json()) as {
      namespaceMode: { namespaces: string[] };
    };
    expect(status.namespaceMode.namespaces).toEqual(['shop']);
    const session = (await (await request.get(`${base()}/api/auth/session`)).json()) as {
      namespaces: unknown;
    };
    expect(session.namespaces).toEqual(['shop']);

    await page.goto(`${base()}/nodes`);
    await expect(page.getByTestId('namespace-mode')).toContainText('not available in namespace-scoped mode');
    await expect(page.getByText('Nodes are not available in namespace-scoped mode').first()).toBeVisible();
    await page.goto(`${base()}/volumes`);
    await expect(page.getByTestId('namespace-mode')).toContainText('PersistentVolumes and StorageClasses');
    await page.goto(`${base()}/drops`);
    await expect(page.getByTestId('drops-namespace-mode')).toContainText(
      'not available in namespace-scoped mode',
    );
  });
});
