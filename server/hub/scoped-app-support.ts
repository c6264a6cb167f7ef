// Test helper (not used by production code): the real route handlers of every scoped endpoint behind
// a loopback HTTP server, on a runtime fed the demo scenario, with people of different scopes.
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
import { namespaceOfNodeId } from '../auth/scope-filters';
import type { MapView } from '../domain/service-map';
import { loadConfig } from '../runtime/config';
import { type Runtime, startRuntime, stopRuntime } from '../runtime/runtime';
import { SCENARIO_START } from './cluster-test-support';
import {
  feedScenario,
  identityHeaders,
  PROXY_ENV,
  type ScenarioFeed,
  serveRoutes,
  setEnv,
  writeScopesFile,
} from './scoped-test-support';

/** Group team-shop: scoped to shop. */
export const BOB = identityHeaders('bob@example.com', ['team-shop']);
/** Scoped to "*". */
export const ALICE = identityHeaders('alice@example.com');
/** No entry matches and there is no default: nothing. */
export const NOBODY = identityHeaders('mallory@example.com', ['interns']);

export interface ScopedApp {
  readonly rt: Runtime;
  readonly feed: ScenarioFeed;
  readonly url: string;
  get(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startScopedApp(): Promise<ScopedApp> {
  const restoreEnv = setEnv({ ...PROXY_ENV, SKYMAP_SCOPES_FILE: writeScopesFile() });
  const clock = { ms: SCENARIO_START - 8_000 };
  // Ticks are driven by the tests (a long interval keeps the runtime's own timer out of the way).
  const rt = startRuntime(
    loadConfig({ SKYMAP_TICK_MS: '60000' }),
    async () => {},
    () => clock.ms,
  );
  const feed = feedScenario(rt, clock, 30);
  const server = await serveRoutes({
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
  return {
    rt,
    feed,
    url: server.url,
    get: async (path, headers) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      const text = await response.text();
      return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as unknown) : text };
    },
    close: async () => {
      await server.close();
      await stopRuntime();
      restoreEnv();
    },
  };
}

export const inShop = (id: string) => namespaceOfNodeId(id) === 'shop';
export const edgeInShop = (e: { source: string; target: string }) => inShop(e.source) || inShop(e.target);

/**
 * Namespaces that exchange no traffic with shop (per an unrestricted person's map) and own nothing
 * shop uses (the storage behind shop's volumes is shown with them, so its namespaces are excluded).
 */
export function unrelatedToShop(all: MapView): string[] {
  const namespaces = new Set(all.nodes.map((n) => n.namespace).filter((ns): ns is string => ns !== null));
  const peers = new Set<string>(['shop', 'rook-ceph', 'longhorn-system']);
  for (const e of all.edges) {
    if (!edgeInShop(e)) continue;
    for (const id of [e.source, e.target]) {
      const ns = namespaceOfNodeId(id);
      if (ns !== null) peers.add(ns);
    }
  }
  return [...namespaces].filter((ns) => !peers.has(ns));
}

/** Matches a namespace where it would appear in JSON: a value, or the start of a node id. */
export function mentions(namespace: string): RegExp {
  return new RegExp(`"${namespace}"|"${namespace}/|\\b${namespace}/`);
}
