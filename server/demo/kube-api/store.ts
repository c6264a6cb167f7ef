import { randomUUID } from 'node:crypto';
import {
  type ApiResourceSpec,
  apiVersionOf,
  type KubeObject,
  type ObjectMeta,
  resourceKey,
  type StoreEvent,
} from './types';

export interface ObjectStoreOptions {
  now?: () => Date;
  /** Events kept per resource for watch replay; older resourceVersions get 410 Gone. */
  historyLimit?: number;
  newUid?: () => string;
}

export interface ResourceSubscriber {
  onEvent(event: StoreEvent): void;
  /** The resource was unregistered (like a deleted CRD): open watches must end. */
  onRemoved(): void;
}

interface ResourceState {
  spec: ApiResourceSpec;
  objects: Map<string, KubeObject>;
  history: StoreEvent[];
  /** Events at or below this resourceVersion are no longer replayable. */
  compactedRv: number;
  subscribers: Set<ResourceSubscriber>;
}

export type EventsSince = { ok: true; events: StoreEvent[] } | { ok: false; oldestAvailable: number };

const DEFAULT_HISTORY_LIMIT = 1000;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The demo cluster's storage: one global, monotonically increasing resourceVersion counter (like
 * etcd's revision) shared by every resource, and a bounded per-resource event history.
 */
export class ObjectStore {
  private revision = 0;
  private readonly states = new Map<string, ResourceState>();
  private readonly now: () => Date;
  private readonly historyLimit: number;
  private readonly newUid: () => string;

  constructor(options: ObjectStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.historyLimit = Math.max(1, options.historyLimit ?? DEFAULT_HISTORY_LIMIT);
    this.newUid = options.newUid ?? randomUUID;
  }

  currentResourceVersion(): number {
    return this.revision;
  }

  registerResource(spec: ApiResourceSpec): void {
    const key = resourceKey(spec);
    const existing = this.states.get(key);
    if (existing) {
      existing.spec = { ...spec };
      return;
    }
    this.states.set(key, {
      spec: { ...spec },
      objects: new Map(),
      history: [],
      // A resource that appears later has no history before it existed.
      compactedRv: this.revision,
      subscribers: new Set(),
    });
  }

  /** Deletes every object (watchers see DELETED), then ends the resource's watches. */
  unregisterResource(group: string, version: string, plural: string): boolean {
    const state = this.states.get(resourceKey({ group, version, plural }));
    if (!state) return false;
    for (const object of [...state.objects.values()]) {
      const meta = object.metadata ?? {};
      this.removeFrom(state, meta.namespace, meta.name ?? '');
    }
    this.states.delete(resourceKey(state.spec));
    for (const subscriber of [...state.subscribers]) subscriber.onRemoved();
    state.subscribers.clear();
    return true;
  }

  resources(): ApiResourceSpec[] {
    return [...this.states.values()].map((state) => state.spec);
  }

  findResource(group: string, version: string, plural: string): ApiResourceSpec | undefined {
    return this.states.get(resourceKey({ group, version, plural }))?.spec;
  }

  findByKind(apiVersion: string, kind: string): ApiResourceSpec | undefined {
    for (const state of this.states.values()) {
      if (state.spec.kind === kind && apiVersionOf(state.spec) === apiVersion) return state.spec;
    }
    return undefined;
  }

  /** Create or replace by apiVersion/kind/namespace/name. Returns the stored (frozen) object. */
  apply(input: KubeObject): KubeObject {
    const spec = this.findByKind(String(input.apiVersion ?? ''), String(input.kind ?? ''));
    if (!spec)
      throw new Error(`no resource registered for ${String(input.apiVersion)} ${String(input.kind)}`);
    const state = this.stateOf(spec);
    const candidate = structuredClone(input);
    const meta: ObjectMeta = { ...(candidate.metadata ?? {}) };
    if (typeof meta.name !== 'string' || meta.name === '') {
      throw new Error(`${spec.kind} without metadata.name cannot be stored`);
    }
    if (spec.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    const key = objectKey(meta.namespace, meta.name);
    const previous = state.objects.get(key);
    const previousMeta = previous?.metadata;
    meta.uid = previousMeta?.uid ?? meta.uid ?? this.newUid();
    meta.creationTimestamp =
      previousMeta?.creationTimestamp ??
      meta.creationTimestamp ??
      this.now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z');
    candidate.metadata = meta;
    if (previous) {
      // The real API server does not bump resourceVersion for a no-op update.
      meta.resourceVersion = previousMeta?.resourceVersion;
      if (JSON.stringify(candidate) === JSON.stringify(previous)) return previous;
    }
    this.revision += 1;
    meta.resourceVersion = String(this.revision);
    const stored = deepFreeze(candidate);
    state.objects.set(key, stored);
    const event: StoreEvent = previous
      ? { type: 'MODIFIED', resourceVersion: this.revision, object: stored, previous }
      : { type: 'ADDED', resourceVersion: this.revision, object: stored };
    this.record(state, event);
    return stored;
  }

  /** Deletes an object; watchers get DELETED carrying the last state at a new resourceVersion. */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean {
    const spec = this.findByKind(apiVersion, kind);
    if (!spec) return false;
    return this.removeFrom(this.stateOf(spec), spec.namespaced ? namespace || 'default' : undefined, name);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const spec = this.findByKind(apiVersion, kind);
    if (!spec) return undefined;
    return this.stateOf(spec).objects.get(
      objectKey(spec.namespaced ? namespace || 'default' : undefined, name),
    );
  }

  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const spec = this.findByKind(apiVersion, kind);
    return spec ? this.objectsOf(spec, namespace) : [];
  }

  /** Objects of one resource sorted by namespace/name (stable order makes paging well-defined). */
  objectsOf(spec: ApiResourceSpec, namespace?: string): KubeObject[] {
    const state = this.states.get(resourceKey(spec));
    if (!state) return [];
    const keys = [...state.objects.keys()].sort(compareKeys);
    const out: KubeObject[] = [];
    for (const key of keys) {
      const object = state.objects.get(key);
      if (object && (!namespace || object.metadata?.namespace === namespace)) out.push(object);
    }
    return out;
  }

  getObject(spec: ApiResourceSpec, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.states
      .get(resourceKey(spec))
      ?.objects.get(objectKey(spec.namespaced ? namespace : undefined, name));
  }

  eventsSince(spec: ApiResourceSpec, resourceVersion: number): EventsSince {
    const state = this.states.get(resourceKey(spec));
    if (!state) return { ok: true, events: [] };
    if (resourceVersion < state.compactedRv) return { ok: false, oldestAvailable: state.compactedRv };
    return { ok: true, events: state.history.filter((event) => event.resourceVersion > resourceVersion) };
  }

  subscribe(spec: ApiResourceSpec, subscriber: ResourceSubscriber): () => void {
    const state = this.states.get(resourceKey(spec));
    if (!state) {
      subscriber.onRemoved();
      return () => {};
    }
    state.subscribers.add(subscriber);
    return () => state.subscribers.delete(subscriber);
  }

  /** Forget all replayable history (fault injection): any watch from an older RV now gets 410. */
  compactHistory(): void {
    for (const state of this.states.values()) {
      state.history = [];
      state.compactedRv = this.revision;
    }
  }

  private stateOf(spec: ApiResourceSpec): ResourceState {
    const state = this.states.get(resourceKey(spec));
    if (!state) throw new Error(`resource ${resourceKey(spec)} is not registered`);
    return state;
  }

  private removeFrom(state: ResourceState, namespace: string | undefined, name: string): boolean {
    const key = objectKey(namespace, name);
    const previous = state.objects.get(key);
    if (!previous) return false;
    state.objects.delete(key);
    this.revision += 1;
    const last = deepFreeze({
      ...structuredClone(previous),
      metadata: { ...structuredClone(previous.metadata ?? {}), resourceVersion: String(this.revision) },
    });
    this.record(state, { type: 'DELETED', resourceVersion: this.revision, object: last });
    return true;
  }

  private record(state: ResourceState, event: StoreEvent): void {
    state.history.push(event);
    while (state.history.length > this.historyLimit) {
      const dropped = state.history.shift();
      if (dropped) state.compactedRv = dropped.resourceVersion;
    }
    for (const subscriber of [...state.subscribers]) subscriber.onEvent(event);
  }
}
