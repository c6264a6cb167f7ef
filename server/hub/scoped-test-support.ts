// Test helper (not used by production code): the real route handlers behind a loopback HTTP server,
// a runtime fed the demo scenario, signed identities for scoped people, and an SSE reader.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeIdentityHeader, IDENTITY_HEADER } from '../auth/identity';
import { createDemoScenario } from '../demo/scenario';
import { snapshotFromObjects } from '../domain/cluster';
import type { FlowEvent } from '../domain/flow';
import type { Runtime } from '../runtime/runtime';
import { SCENARIO_START } from './cluster-test-support';

export type RouteHandler = (request: Request) => Promise<Response> | Response;

/** Serves `routes` (path → GET handler) on 127.0.0.1 with a free port, the way Next.js calls them. */
export async function serveRoutes(
  routes: Readonly<Record<string, RouteHandler>>,
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(routes, req, res);
  });
  // fetch reuses idle sockets; a server-side keep-alive timeout racing that reuse would reset them.
  server.keepAliveTimeout = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  routes: Readonly<Record<string, RouteHandler>>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = routes[url.pathname];
  if (route === undefined) {
    res.writeHead(404).end();
    return;
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
  }
  const response = await route(new Request(url, { headers, signal: abort.signal }));
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      res.write(value);
    }
  } catch {
    // the client went away
  } finally {
    res.end();
    void reader.cancel().catch(() => undefined);
  }
}

/** A scopes file: bob (group team-shop) sees shop; sre sees everything; nobody else sees anything. */
export function writeScopesFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'skymap-scopes-'));
  const file = path.join(dir, 'scopes.yaml');
  writeFileSync(
    file,
    [
      'default: []',
      'users:',
      '  alice@example.com: ["*"]',
      'groups:',
      '  team-shop: [shop]',
      '  team-pay: [payments]',
      '',
    ].join('\n'),
  );
  return file;
}

export const PROXY_ENV = {
  SKYMAP_AUTH_PROXY_HEADER: 'X-Forwarded-User',
  SKYMAP_AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
  SKYMAP_AUTH_PROXY_ADDRESSES: '127.0.0.1/32',
} as const;

/** Sets env variables for the duration of a test file; returns the restore function. */
export function setEnv(values: Readonly<Record<string, string>>): () => void {
  const before = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(values)) {
    before.set(key, process.env[key]);
    process.env[key] = value;
  }
  return () => {
    for (const [key, value] of before) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** The header the proxy would attach for a signed-in person (signed with this process's key). */
export function identityHeaders(user: string, groups: readonly string[] = []): Record<string, string> {
  return { [IDENTITY_HEADER]: encodeIdentityHeader({ method: 'proxy', user, groups }) };
}

export interface ScenarioFeed {
  readonly now: () => number;
  /** Ingests `seconds` more seconds of scenario traffic and advances the clock. */
  advance(seconds: number): void;
}

/** Feeds a runtime's hub the demo scenario (objects, Hubble nodes, flows), second by second. */
export function feedScenario(rt: Runtime, clock: { ms: number }, warmSeconds = 30): ScenarioFeed {
  const scenario = createDemoScenario({ seed: 7, startMs: SCENARIO_START });
  const { hub } = rt;
  const { snapshot } = snapshotFromObjects(scenario.objectsAt(clock.ms));
  hub.cluster.attach({ snapshot: () => snapshot, policies: () => [], version: 1 });
  hub.hubble = {
    nodes: scenario.hubbleNodesAt(clock.ms).map((n) => ({
      name: n.name,
      state: n.state,
      version: n.version,
      seenFlows: Number(n.seenFlows),
      numFlows: Number(n.numFlows),
      maxFlows: Number(n.maxFlows),
    })),
    namespaces: scenario.namespacesAt(clock.ms),
  };
  hub.setRelayStatus({ state: 'connected', address: '127.0.0.1:4245', reconnects: 0, demo: true });
  const step = (ingest: (events: readonly FlowEvent[]) => void) => {
    clock.ms += 1000;
    ingest(scenario.flowsBetween(clock.ms - 1000, clock.ms, 300));
  };
  const advance = (seconds: number) => {
    for (let s = 0; s < seconds; s++) step((events) => hub.ingest(events));
    hub.refreshCluster(clock.ms, true);
  };
  advance(warmSeconds);
  return { now: () => clock.ms, advance };
}

export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** Reads SSE events from a fetch Response until `count` events arrived (or the stream ended). */
export async function readSse(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  count: number,
  buffer: { text: string } = { text: '' },
): Promise<SseEvent[]> {
  const decoder = new TextDecoder();
  const out: SseEvent[] = [];
  while (out.length < count) {
    const end = buffer.text.indexOf('\n\n');
    if (end >= 0) {
      const frame = buffer.text.slice(0, end);
      buffer.text = buffer.text.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data !== '') out.push({ event, data: JSON.parse(data) as unknown });
      continue;
    }
    const { done, value } = await reader.read();
    if (done) break;
    buffer.text += decoder.decode(value, { stream: true });
  }
  return out;
}
