import { describe, expect, it } from 'vitest';
import { CERT_MANAGER_RESOURCES, CORE_RESOURCES } from './resource-catalog';
import { ObjectStore } from './store';
import { certificate, node, pod } from './test-fixtures';
import type { ApiResourceSpec, StoreEvent } from './types';

function spec(specs: readonly ApiResourceSpec[], plural: string): ApiResourceSpec {
  const found = specs.find((candidate) => candidate.plural === plural);
  if (!found) throw new Error(plural);
  return found;
}

function newStore(historyLimit = 1000): ObjectStore {
  let uid = 0;
  const store = new ObjectStore({
    historyLimit,
    now: () => new Date('2026-03-01T10:00:00.123Z'),
    newUid: () => `uid-${++uid}`,
  });
  for (const resource of [...CORE_RESOURCES, ...CERT_MANAGER_RESOURCES]) store.registerResource(resource);
  return store;
}

describe('ObjectStore', () => {
  it('uses one global monotonically increasing resourceVersion across resources', () => {
    const store = newStore();
    const a = store.apply(node('n1'));
    const b = store.apply(pod('shop', 'web-1'));
    const c = store.apply(certificate('shop', 'web', 'True'));
    expect([a, b, c].map((object) => Number(object.metadata?.resourceVersion))).toEqual([1, 2, 3]);
    expect(store.currentResourceVersion()).toBe(3);
  });

  it('assigns uid and creationTimestamp once and keeps them across replaces', () => {
    const store = newStore();
    const first = store.apply(node('n1'));
    expect(first.metadata).toMatchObject({ uid: 'uid-1', creationTimestamp: '2026-03-01T10:00:00Z' });
    const second = store.apply(node('n1', { spec: { unschedulable: true } }));
    expect(second.metadata).toMatchObject({ uid: 'uid-1', creationTimestamp: '2026-03-01T10:00:00Z' });
    expect(second.metadata?.resourceVersion).toBe('2');
  });

  it('does not bump the resourceVersion or emit for a no-op apply', () => {
    const store = newStore();
    const events: StoreEvent[] = [];
    store.apply(node('n1'));
    store.subscribe(spec(CORE_RESOURCES, 'nodes'), {
      onEvent: (event) => events.push(event),
      onRemoved: () => {},
    });
    const again = store.apply(node('n1'));
    expect(again.metadata?.resourceVersion).toBe('1');
    expect(events).toHaveLength(0);
  });

  it('defaults the namespace of namespaced objects and strips it from cluster-scoped ones', () => {
    const store = newStore();
    const stored = store.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
    expect(stored.metadata?.namespace).toBe('default');
    const clustered = store.apply({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', namespace: 'x' },
    });
    expect(clustered.metadata?.namespace).toBeUndefined();
  });

  it('rejects unknown kinds and nameless objects without corrupting state', () => {
    const store = newStore();
    expect(() =>
      store.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    ).toThrow(/no resource registered/);
    expect(() => store.apply({ apiVersion: 'v1', kind: 'Node', metadata: {} })).toThrow(/metadata.name/);
    expect(store.currentResourceVersion()).toBe(0);
  });

  it('emits DELETED with the last state at a new resourceVersion', () => {
    const store = newStore();
    const events: StoreEvent[] = [];
    store.apply(pod('shop', 'web-1', { app: 'web' }));
    store.subscribe(spec(CORE_RESOURCES, 'pods'), {
      onEvent: (event) => events.push(event),
      onRemoved: () => {},
    });
    expect(store.remove('v1', 'Pod', 'shop', 'web-1')).toBe(true);
    expect(store.remove('v1', 'Pod', 'shop', 'web-1')).toBe(false);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('DELETED');
    expect(events[0]?.object.metadata).toMatchObject({
      name: 'web-1',
      resourceVersion: '2',
      labels: { app: 'web' },
    });
  });

  it('stores frozen copies so callers cannot mutate the cluster state', () => {
    const store = newStore();
    const input = node('n1');
    const stored = store.apply(input);
    (input.metadata as { name: string }).name = 'changed';
    expect(store.get('v1', 'Node', undefined, 'n1')).toBe(stored);
    expect(Object.isFrozen(stored.metadata)).toBe(true);
  });

  it('answers 410-style "expired" for resourceVersions older than the bounded history', () => {
    const store = newStore(3);
    const nodes = spec(CORE_RESOURCES, 'nodes');
    for (let i = 0; i < 5; i += 1) store.apply(node(`n${i}`));
    expect(store.eventsSince(nodes, 1)).toEqual({ ok: false, oldestAvailable: 2 });
    const fromTwo = store.eventsSince(nodes, 2);
    expect(fromTwo.ok && fromTwo.events.map((event) => event.resourceVersion)).toEqual([3, 4, 5]);
    store.compactHistory();
    expect(store.eventsSince(nodes, 4).ok).toBe(false);
    expect(store.eventsSince(nodes, 5)).toEqual({ ok: true, events: [] });
  });

  it('unregistering deletes the objects (watchers see DELETED) and then ends subscriptions', () => {
    const store = newStore();
    const certs = spec(CERT_MANAGER_RESOURCES, 'certificates');
    store.apply(certificate('shop', 'a', 'True'));
    const seen: string[] = [];
    store.subscribe(certs, {
      onEvent: (event) => seen.push(event.type),
      onRemoved: () => seen.push('removed'),
    });
    expect(store.unregisterResource('cert-manager.io', 'v1', 'certificates')).toBe(true);
    expect(seen).toEqual(['DELETED', 'removed']);
    expect(store.findResource('cert-manager.io', 'v1', 'certificates')).toBeUndefined();
    expect(() => store.apply(certificate('shop', 'b', 'True'))).toThrow();
  });
});
