// GET collection / GET object. Paged lists (`limit` + `continue`, which kubectl uses with limit=500)
// are served from a frozen snapshot so every page belongs to the same resourceVersion, like etcd.

import { randomUUID } from 'node:crypto';
import type { FieldRequirement, LabelRequirement } from './selectors';
import { matchesFields, matchesLabels } from './selectors';
import { badRequest, expired, type KubeStatus, notFoundObject } from './status';
import type { ObjectStore } from './store';
import { type IncludeObject, toTable } from './table';
import { type ApiResourceSpec, apiVersionOf, type KubeObject } from './types';

export type HandlerResult = { code: number; body: unknown };

interface Snapshot {
  remaining: KubeObject[];
  resourceVersion: string;
  expiresAt: number;
}

const SNAPSHOT_TTL_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 64;

/** Continue tokens → the rest of a paged list. Bounded in count and age. */
export class ContinueSnapshots {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly clock: () => number = Date.now) {}

  put(remaining: KubeObject[], resourceVersion: string): string {
    this.evict();
    while (this.snapshots.size >= MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
    const token = Buffer.from(JSON.stringify({ rv: resourceVersion, id: randomUUID() })).toString(
      'base64url',
    );
    this.snapshots.set(token, { remaining, resourceVersion, expiresAt: this.clock() + SNAPSHOT_TTL_MS });
    return token;
  }

  take(token: string): Snapshot | undefined {
    this.evict();
    const snapshot = this.snapshots.get(token);
    this.snapshots.delete(token);
    return snapshot;
  }

  private evict(): void {
    const now = this.clock();
    for (const [token, snapshot] of this.snapshots)
      if (snapshot.expiresAt <= now) this.snapshots.delete(token);
  }
}

export interface ListRequest {
  spec: ApiResourceSpec;
  namespace: string | undefined;
  labels: readonly LabelRequirement[];
  fields: readonly FieldRequirement[];
  query: URLSearchParams;
  table: { include: IncludeObject } | undefined;
}

export interface ListContext {
  store: ObjectStore;
  snapshots: ContinueSnapshots;
  now: () => Date;
}

function parseLimit(raw: string | null): number | undefined | KubeStatus {
  if (raw === null || raw === '' || raw === '0') return undefined;
  if (!/^\d+$/.test(raw)) return badRequest(`invalid limit: ${raw}`);
  return Number(raw);
}

export function serveList(ctx: ListContext, request: ListRequest): HandlerResult {
  const { spec, query } = request;
  const limit = parseLimit(query.get('limit'));
  if (typeof limit === 'object') return { code: limit.code, body: limit };
  const token = query.get('continue');
  let items: KubeObject[];
  let resourceVersion: string;
  if (token) {
    const snapshot = ctx.snapshots.take(token);
    if (!snapshot) {
      const status = expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
      return { code: 410, body: status };
    }
    items = snapshot.remaining;
    resourceVersion = snapshot.resourceVersion;
  } else {
    resourceVersion = String(ctx.store.currentResourceVersion());
    items = ctx.store
      .objectsOf(spec, request.namespace)
      .filter(
        (object) =>
          matchesLabels(object.metadata?.labels, request.labels) && matchesFields(object, request.fields),
      );
  }
  const metadata: Record<string, string> = { resourceVersion };
  let page = items;
  if (limit !== undefined && items.length > limit) {
    page = items.slice(0, limit);
    metadata.continue = ctx.snapshots.put(items.slice(limit), resourceVersion);
  }
  if (request.table)
    return { code: 200, body: toTable(spec, page, metadata, request.table.include, ctx.now()) };
  return { code: 200, body: { kind: spec.listKind, apiVersion: apiVersionOf(spec), metadata, items: page } };
}

export function serveGet(
  ctx: ListContext,
  spec: ApiResourceSpec,
  namespace: string | undefined,
  name: string,
  table: { include: IncludeObject } | undefined,
): HandlerResult {
  const object = ctx.store.getObject(spec, namespace, name);
  if (!object) return { code: 404, body: notFoundObject(spec.plural, spec.group, name) };
  if (table) {
    const listMeta = { resourceVersion: object.metadata?.resourceVersion ?? '' };
    return { code: 200, body: toTable(spec, [object], listMeta, table.include, ctx.now()) };
  }
  return { code: 200, body: object };
}
