import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  DEFAULT_VERSION,
  type VersionInfo,
} from './discovery';
import { ContinueSnapshots, type HandlerResult, serveGet, serveList } from './list-handler';
import { acceptsPlainJson, ROOT_PATHS, type Route, routeOf } from './router';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { badRequest, failureStatus, methodNotAllowed, notFoundPath } from './status';
import { ObjectStore } from './store';
import { parseIncludeObject, wantsTable } from './table';
import type { ApiResourceSpec, KubeObject } from './types';
import { serveWatch, type WatchConnection, type WatchContext } from './watch-stream';

export interface KubeApiServerOptions {
  host?: string;
  port?: number;
  now?: () => Date;
  /** Events kept per resource for watch resumption (older resourceVersions get 410 Gone). */
  historyLimit?: number;
  /** How often a watch with allowWatchBookmarks=true gets a BOOKMARK. */
  bookmarkIntervalMs?: number;
  /** Watch lifetime when the client sends no timeoutSeconds. */
  defaultWatchTimeoutSeconds?: () => number;
  version?: Partial<VersionInfo>;
  /** Observability hook (tests, demo logging); called for every request before it is served. */
  onRequest?: (method: string, url: string, headers: IncomingMessage['headers']) => void;
}

export interface KubeApiServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  registerResource(spec: ApiResourceSpec): void;
  unregisterResource(group: string, version: string, plural: string): boolean;
  apply(object: KubeObject): KubeObject;
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  currentResourceVersion(): number;
  /** Fault injection: abruptly closes every open watch connection; returns how many were cut. */
  cutWatches(): number;
  /** Fault injection: forget watch history, so resuming from any older resourceVersion gets 410. */
  compactHistory(): void;
  openWatchCount(): number;
  close(): Promise<void>;
}

function send(res: ServerResponse, result: HandlerResult): void {
  const body = JSON.stringify(result.body);
  res.writeHead(result.code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function realWatchTimeout(): number {
  return 1800 + Math.floor(Math.random() * 1800);
}

export async function createKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const now = options.now ?? (() => new Date());
  const store = new ObjectStore({ now, historyLimit: options.historyLimit });
  const snapshots = new ContinueSnapshots(() => now().getTime());
  const connections = new Set<WatchConnection>();
  const version: VersionInfo = { ...DEFAULT_VERSION, ...options.version };
  const watchContext: WatchContext = {
    store,
    connections,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    defaultTimeoutSeconds: options.defaultWatchTimeoutSeconds ?? realWatchTimeout,
    now,
  };
  let serverAddress = '';

  const serveResource = (req: IncomingMessage, res: ServerResponse, route: Route & { kind: 'resource' }) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { group, version: apiVersion, rest } = route;
    const namespacedSpec =
      rest[0] === 'namespaces' && rest.length >= 3
        ? store.findResource(group, apiVersion, rest[2] ?? '')
        : undefined;
    const namespaced = namespacedSpec?.namespaced === true;
    const namespace = namespaced ? rest[1] : undefined;
    const [plural = '', name, subresource, ...extra] = namespaced ? rest.slice(2) : rest;
    const spec = namespaced ? namespacedSpec : store.findResource(group, apiVersion, plural);
    if (!spec || extra.length > 0 || (subresource !== undefined && subresource !== 'status')) {
      return send(res, { code: 404, body: notFoundPath() });
    }
    const labels = parseLabelSelector(url.searchParams.get('labelSelector'));
    if (!labels.ok) return send(res, { code: 400, body: badRequest(labels.error) });
    const fields = parseFieldSelector(url.searchParams.get('fieldSelector'));
    if (!fields.ok) return send(res, { code: 400, body: badRequest(fields.error) });
    const table = wantsTable(req.headers.accept)
      ? { include: parseIncludeObject(url.searchParams.get('includeObject')) }
      : undefined;
    const watching = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
    if (name !== undefined && spec.namespaced && !namespaced)
      return send(res, { code: 404, body: notFoundPath() });
    if (watching) {
      // Watching one object is a collection watch narrowed to its name, as in the real server.
      const byName = name === undefined ? [] : [{ path: 'metadata.name', op: '=' as const, value: name }];
      serveWatch(req, res, watchContext, {
        spec,
        namespace,
        labels: labels.value,
        fields: [...fields.value, ...byName],
        query: url.searchParams,
        table,
      });
      return;
    }
    const ctx = { store, snapshots, now };
    if (name !== undefined) return send(res, serveGet(ctx, spec, namespace, name, table));
    const request = {
      spec,
      namespace,
      labels: labels.value,
      fields: fields.value,
      query: url.searchParams,
      table,
    };
    return send(res, serveList(ctx, request));
  };

  const discovery = (accept: string | undefined, body: unknown): HandlerResult => {
    if (!acceptsPlainJson(accept)) {
      return {
        code: 406,
        body: failureStatus(406, 'NotAcceptable', 'only application/json discovery is served'),
      };
    }
    return body === undefined ? { code: 404, body: notFoundPath() } : { code: 200, body };
  };

  const respond = (route: Route, accept: string | undefined): HandlerResult => {
    switch (route.kind) {
      case 'root':
        return { code: 200, body: { paths: ROOT_PATHS } };
      case 'version':
        return { code: 200, body: version };
      case 'api':
        return discovery(accept, apiVersions(serverAddress));
      case 'apis':
        return discovery(accept, apiGroupList(store.resources()));
      case 'group':
        return discovery(accept, apiGroupDocument(store.resources(), route.group));
      case 'resourceList':
        return discovery(accept, apiResourceList(store.resources(), route.group, route.version));
      default:
        return { code: 404, body: notFoundPath() };
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    options.onRequest?.(req.method ?? '', req.url ?? '', req.headers);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, { code: 405, body: methodNotAllowed(method) });
      return;
    }
    const route = routeOf(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (route.kind === 'resource') {
      serveResource(req, res, route);
    } else if (route.kind === 'health') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    } else {
      send(res, respond(route, req.headers.accept));
    }
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      // Bad input never takes the demo cluster down; the client gets a 500 Status.
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, { code: 500, body: failureStatus(500, 'InternalError', message) });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  serverAddress = `${host}:${address.port}`;

  return {
    url: `http://${serverAddress}`,
    registerResource: (spec) => store.registerResource(spec),
    unregisterResource: (group, v, plural) => store.unregisterResource(group, v, plural),
    apply: (object) => store.apply(object),
    remove: (apiVersion, kind, namespace, name) => store.remove(apiVersion, kind, namespace, name),
    get: (apiVersion, kind, namespace, name) => store.get(apiVersion, kind, namespace, name),
    list: (apiVersion, kind, namespace) => store.list(apiVersion, kind, namespace),
    currentResourceVersion: () => store.currentResourceVersion(),
    cutWatches: () => {
      const open = [...connections];
      for (const connection of open) connection.cut();
      return open.length;
    },
    compactHistory: () => store.compactHistory(),
    openWatchCount: () => connections.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of [...connections]) connection.cut();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
