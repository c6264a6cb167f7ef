// The event streams and the flow explorer of a person scoped to `shop`, over real HTTP through the
// real route handlers: SSE snapshots and deltas of the map and the flow streams carry shop data and
// shop rates only, and fold into exactly what the scoped JSON APIs answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowInScope } from '../auth/scope-filters';
import type { Flow } from '../domain/flow';
import type { MapEdge, MapNode, MapView } from '../domain/service-map';
import {
  ALICE,
  BOB,
  edgeInShop,
  mentions,
  type ScopedApp,
  startScopedApp,
  unrelatedToShop,
} from './scoped-app-support';
import { readSse } from './scoped-test-support';

let app: ScopedApp;
let unrelated: string[] = [];

beforeAll(async () => {
  app = await startScopedApp();
  unrelated = unrelatedToShop(await json<MapView>('/api/map?window=all', ALICE));
});

afterAll(async () => {
  await app.close();
});

async function json<T>(path: string, headers: Record<string, string>): Promise<T> {
  const { status, body } = await app.get(path, headers);
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
  return body as T;
}

describe('the map stream of a person scoped to shop', () => {
  it('sends a scoped snapshot and scoped deltas that fold into exactly the scoped /api/map', async () => {
    const abort = new AbortController();
    const response = await fetch(`${app.url}/api/stream/map?window=1m`, {
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
      app.feed.advance(5);
      app.rt.hub.tick();
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
    const held = app.rt.hub.flows.newest(app.rt.hub.flows.size).map((f) => f.flow);
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
      const response = await fetch(`${app.url}/api/stream/flows${query}`, {
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
        app.feed.advance(3);
        app.rt.hub.tick();
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
      const whole = app.rt.hub.stats(app.rt.hub.now());
      const last = messages[messages.length - 1]!.stats;
      expect(last.flowsPerSecond).toBeGreaterThan(0);
      expect(last.flowsPerSecond).toBeLessThan(whole.flowsPerSecond);
      expect(last.totals.flowsReceived).toBeLessThan(whole.totals.flowsReceived);
      const json = JSON.stringify(messages);
      for (const ns of unrelated) expect(json, ns).not.toMatch(mentions(ns));
    });
  }
});

function sum(edges: readonly { flows: number }[]): number {
  return edges.reduce((acc, e) => acc + e.flows, 0);
}

function edgeKey(e: { source: string; target: string; protocol: string; port: number | null }): string {
  return `${e.source}|${e.target}|${e.protocol}|${e.port ?? ''}`;
}

function byKey(a: MapEdge, b: MapEdge): number {
  return edgeKey(a) < edgeKey(b) ? -1 : 1;
}
