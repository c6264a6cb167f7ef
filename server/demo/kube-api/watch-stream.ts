// `?watch=true`: newline-delimited JSON watch events, replayed from the requested resourceVersion and
// then live. Headers are flushed before the first event because client-node's informer awaits the
// response headers before `start()` resolves.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FieldRequirement, LabelRequirement } from './selectors';
import { matchesFields, matchesLabels } from './selectors';
import { badRequest, expired } from './status';
import type { ObjectStore } from './store';
import { type IncludeObject, toTable } from './table';
import {
  type ApiResourceSpec,
  apiVersionOf,
  type KubeObject,
  type StoreEvent,
  type WatchEventType,
} from './types';

export interface WatchConnection {
  /** Abrupt close, as when a load balancer drops the connection. */
  cut(): void;
}

export interface WatchRequest {
  spec: ApiResourceSpec;
  namespace: string | undefined;
  labels: readonly LabelRequirement[];
  fields: readonly FieldRequirement[];
  query: URLSearchParams;
  table: { include: IncludeObject } | undefined;
}

export interface WatchContext {
  store: ObjectStore;
  connections: Set<WatchConnection>;
  bookmarkIntervalMs: number;
  /** Used when the client sends no timeoutSeconds (the real server picks 30–60 min). */
  defaultTimeoutSeconds: () => number;
  now: () => Date;
}

// A client that stops reading must not make the server buffer without bound.
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
// setTimeout overflows above 2^31 ms; a day is far beyond any real watch timeout anyway.
const MAX_TIMEOUT_SECONDS = 24 * 3600;

function parseResourceVersion(raw: string | null): number | 'any' | 'invalid' {
  if (raw === null || raw === '' || raw === '0') return 'any';
  return /^\d+$/.test(raw) ? Number(raw) : 'invalid';
}

export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: WatchContext,
  watch: WatchRequest,
): void {
  const { spec, query } = watch;
  const resourceVersion = parseResourceVersion(query.get('resourceVersion'));
  if (resourceVersion === 'invalid') {
    const status = badRequest(`invalid resource version: ${query.get('resourceVersion')}`);
    res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify(status));
    return;
  }
  const timeoutRaw = Number(query.get('timeoutSeconds'));
  const requested = Number.isFinite(timeoutRaw) && timeoutRaw > 0 ? timeoutRaw : ctx.defaultTimeoutSeconds();
  const timeoutSeconds = Math.min(requested, MAX_TIMEOUT_SECONDS);
  const bookmarks = query.get('allowWatchBookmarks') === 'true' || query.get('allowWatchBookmarks') === '1';
  const initialEvents = query.get('sendInitialEvents') === 'true';

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  const matches = (object: KubeObject): boolean =>
    (!watch.namespace || object.metadata?.namespace === watch.namespace) &&
    matchesLabels(object.metadata?.labels, watch.labels) &&
    matchesFields(object, watch.fields);

  const write = (type: WatchEventType, object: unknown): void => {
    if (res.destroyed || res.writableEnded) return;
    const payload =
      watch.table && type !== 'ERROR' && type !== 'BOOKMARK'
        ? toTable(spec, [object as KubeObject], {}, watch.table.include, ctx.now())
        : object;
    res.write(`${JSON.stringify({ type, object: payload })}\n`);
    if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
  };

  const bookmark = (annotations?: Record<string, string>): void => {
    const metadata: Record<string, unknown> = { resourceVersion: String(ctx.store.currentResourceVersion()) };
    if (annotations) metadata.annotations = annotations;
    write('BOOKMARK', { kind: spec.kind, apiVersion: apiVersionOf(spec), metadata });
  };

  const deliver = (event: StoreEvent): void => {
    const after = matches(event.object);
    if (event.type !== 'MODIFIED' || !event.previous) {
      if (after) write(event.type, event.object);
      return;
    }
    const before = matches(event.previous);
    if (before && after) write('MODIFIED', event.object);
    else if (!before && after) write('ADDED', event.object);
    else if (before && !after) write('DELETED', event.object);
  };

  let unsubscribe: () => void = () => {};
  const timers: NodeJS.Timeout[] = [];
  const connection: WatchConnection = { cut: () => req.socket.destroy() };
  const cleanup = (): void => {
    for (const timer of timers) clearTimeout(timer);
    unsubscribe();
    ctx.connections.delete(connection);
  };
  res.on('close', cleanup);
  ctx.connections.add(connection);

  if (resourceVersion === 'any') {
    for (const object of ctx.store.objectsOf(spec, watch.namespace))
      if (matches(object)) write('ADDED', object);
    if (initialEvents && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const replay = ctx.store.eventsSince(spec, resourceVersion);
    if (!replay.ok) {
      write('ERROR', expired(`too old resource version: ${resourceVersion} (${replay.oldestAvailable})`));
      res.end();
      return;
    }
    for (const event of replay.events) deliver(event);
  }
  unsubscribe = ctx.store.subscribe(spec, { onEvent: deliver, onRemoved: () => res.end() });

  if (bookmarks) timers.push(setInterval(() => bookmark(), ctx.bookmarkIntervalMs));
  timers.push(
    setTimeout(() => {
      // Like the real server: a final bookmark lets the client resume without replaying anything.
      if (bookmarks) bookmark();
      res.end();
    }, timeoutSeconds * 1000),
  );
}
