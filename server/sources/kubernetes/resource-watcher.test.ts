// The watcher against the embedded demo API server over real HTTP (client-node's Watch, no mocks).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CERT_MANAGER_RESOURCES,
  CORE_RESOURCES,
  createKubeApiServer,
  type KubeApiServer,
  type KubeObject,
} from '../../demo/kube-api/index';
import type { ResourceSpec } from './resource-spec';
import { createResourceWatcher, type ResourceWatcher, type ResourceWatcherOptions } from './resource-watcher';
import { createTestTimers, kubeConfigFor, type TestTimers, waitFor } from './test-support';

interface NodeRecord {
  name: string;
  uid: string;
  created: string;
  cordoned: boolean;
}

const NODES: ResourceSpec = { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false };
const PODS: ResourceSpec = { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true };
const CERTS: ResourceSpec = {
  group: 'cert-manager.io',
  version: 'v1',
  plural: 'certificates',
  kind: 'Certificate',
  namespaced: true,
};

function toNodeRecord(raw: unknown): NodeRecord | undefined {
  const object = raw as {
    metadata: { name: string; uid: string; creationTimestamp: unknown };
    spec?: { unschedulable?: boolean };
  };
  if (typeof object.metadata.creationTimestamp !== 'string')
    throw new Error('creationTimestamp is not a string');
  return {
    name: object.metadata.name,
    uid: object.metadata.uid,
    created: object.metadata.creationTimestamp,
    cordoned: object.spec?.unschedulable === true,
  };
}

function nameOf(raw: unknown): string {
  return (raw as { metadata: { name: string } }).metadata.name;
}

function node(name: string, cordoned = false): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { unschedulable: cordoned } };
}

function pod(namespace: string, name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { nodeName: 'n1' } };
}

function cert(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace },
    spec: { secretName: name },
  };
}

let server: KubeApiServer;
let timers: TestTimers;
let onRequest: ((url: string) => void) | undefined;
const watchers: ResourceWatcher<unknown>[] = [];

function fastOptions<T>(extra: ResourceWatcherOptions<T> = {}): ResourceWatcherOptions<T> {
  return {
    timers: timers.timers,
    coalesceMs: 5,
    discoveryIntervalMs: 20,
    backoff: { initialMs: 5, maxMs: 40 },
    ...extra,
  };
}

function watch<T>(
  spec: ResourceSpec,
  toRecord: (raw: unknown) => T | undefined,
  opts: ResourceWatcherOptions<T> = {},
) {
  const watcher = createResourceWatcher(kubeConfigFor(server.url), spec, toRecord, fastOptions(opts));
  watchers.push(watcher);
  return watcher;
}

function keys(watcher: ResourceWatcher<unknown>): string[] {
  return [...watcher.records.keys()].sort();
}

function describeWatcher(watcher: ResourceWatcher<unknown>): () => string {
  return () =>
    `state=${watcher.state} error=${watcher.lastError} keys=${keys(watcher).join(',')} stats=${JSON.stringify(watcher.stats)}`;
}

beforeEach(async () => {
  timers = createTestTimers();
  onRequest = undefined;
  server = await createKubeApiServer({ port: 0, onRequest: (_method, url) => onRequest?.(url) });
  for (const spec of CORE_RESOURCES) server.registerResource(spec);
  server.apply(node('n1'));
  server.apply(node('n2'));
});

afterEach(async () => {
  for (const watcher of watchers.splice(0)) watcher.stop();
  timers.dispose();
  await server.close();
});

describe('createResourceWatcher', () => {
  it('syncs the initial list into small records with ISO timestamps', async () => {
    const changes: ReadonlyMap<string, NodeRecord>[] = [];
    const watcher = watch(NODES, toNodeRecord, { onChange: (records) => changes.push(records) });
    await waitFor(() => watcher.state === 'synced' && changes.length > 0, describeWatcher(watcher));
    expect(keys(watcher)).toEqual(['n1', 'n2']);
    const n1 = watcher.records.get('n1');
    expect(n1?.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(n1?.uid).toBe(server.get('v1', 'Node', undefined, 'n1')?.metadata?.uid);
    expect(changes.at(-1)).not.toBe(watcher.records);
    expect(watcher.stats.lists).toBe(1);
    expect(watcher.lastError).toBeUndefined();
  });

  it('propagates add, modify and delete', async () => {
    const watcher = watch(NODES, toNodeRecord);
    await waitFor(() => watcher.state === 'synced' && watcher.stats.watches === 1, describeWatcher(watcher));
    server.apply(node('n3'));
    server.apply(node('n1', true));
    server.remove('v1', 'Node', undefined, 'n2');
    await waitFor(
      () => keys(watcher).join() === 'n1,n3' && watcher.records.get('n1')?.cordoned === true,
      describeWatcher(watcher),
    );
    expect(watcher.resourceVersion).toBe(String(server.currentResourceVersion()));
    expect(watcher.stats.lists).toBe(1);
  });

  it('coalesces an event storm into few onChange calls', async () => {
    let calls = 0;
    const watcher = watch(PODS, nameOf, { coalesceMs: 200, onChange: () => (calls += 1) });
    await waitFor(() => watcher.stats.watches === 1 && calls === 1, describeWatcher(watcher));
    for (let i = 0; i < 200; i += 1) server.apply(pod('shop', `p${i}`));
    await waitFor(() => watcher.records.size === 200 && watcher.stats.changes >= 2, describeWatcher(watcher));
    expect(watcher.stats.events).toBe(200);
    expect(calls).toBeLessThan(20);
  });

  it('relists after 410 Gone: correct final state, no duplicates, no stale deletes', async () => {
    for (let i = 3; i <= 5; i += 1) server.apply(node(`n${i}`));
    const watcher = watch(NODES, toNodeRecord);
    await waitFor(() => watcher.state === 'synced' && watcher.stats.watches === 1, describeWatcher(watcher));
    const oldUid = watcher.records.get('n3')?.uid;

    // Disconnect the watcher and keep it from reconnecting while the cluster moves on.
    timers.hold();
    server.cutWatches();
    server.remove('v1', 'Node', undefined, 'n2');
    server.apply(node('n1', true));
    server.remove('v1', 'Node', undefined, 'n3');
    server.apply(node('n3'));
    server.apply(node('n6'));
    server.compactHistory();
    timers.release();

    await waitFor(
      () => watcher.stats.gone >= 1 && watcher.stats.lists === 2 && watcher.state === 'synced',
      describeWatcher(watcher),
    );
    await waitFor(() => watcher.stats.watches >= 2, describeWatcher(watcher));
    expect(keys(watcher)).toEqual(['n1', 'n3', 'n4', 'n5', 'n6']);
    expect(watcher.records.size).toBe(5);
    expect(watcher.records.get('n1')?.cordoned).toBe(true);
    expect(watcher.records.get('n3')?.uid).not.toBe(oldUid);
    expect(watcher.records.get('n3')?.uid).toBe(server.get('v1', 'Node', undefined, 'n3')?.metadata?.uid);

    server.apply(node('n7'));
    await waitFor(() => watcher.records.has('n7'), describeWatcher(watcher));
  });

  it('reconnects after cutWatches() and catches up from its resourceVersion without relisting', async () => {
    const watcher = watch(NODES, toNodeRecord);
    await waitFor(() => watcher.stats.watches === 1, describeWatcher(watcher));
    timers.hold();
    expect(server.cutWatches()).toBe(1);
    server.apply(node('n9'));
    server.remove('v1', 'Node', undefined, 'n1');
    timers.release();
    await waitFor(
      () => keys(watcher).join() === 'n2,n9' && watcher.stats.watches === 2,
      describeWatcher(watcher),
    );
    expect(watcher.stats.lists).toBe(1);
    expect(watcher.stats.gone).toBe(0);
    expect(watcher.state).toBe('synced');
  });

  it('waits as not-installed for a CRD that appears later, then syncs; back to not-installed when removed', async () => {
    const states: string[] = [];
    const watcher = watch(CERTS, nameOf, { onStateChange: (state) => states.push(state) });
    await waitFor(() => watcher.state === 'not-installed', describeWatcher(watcher));
    const requestsBefore = timers.delays.length;
    await waitFor(() => timers.delays.length >= requestsBefore + 3, describeWatcher(watcher));
    expect(watcher.state).toBe('not-installed');
    expect(watcher.lastError).toBeUndefined();

    for (const spec of CERT_MANAGER_RESOURCES) server.registerResource(spec);
    server.apply(cert('shop', 'web'));
    await waitFor(
      () => watcher.state === 'synced' && watcher.records.has('shop/web'),
      describeWatcher(watcher),
    );
    server.apply(cert('payments', 'api'));
    await waitFor(() => watcher.records.has('payments/api'), describeWatcher(watcher));

    for (const spec of CERT_MANAGER_RESOURCES)
      server.unregisterResource(spec.group, spec.version, spec.plural);
    await waitFor(
      () => watcher.state === 'not-installed' && watcher.records.size === 0,
      describeWatcher(watcher),
    );
    expect(states).toContain('synced');
    expect(states.at(-1)).toBe('not-installed');
  });

  it('applies label selectors to both list and watch', async () => {
    server.apply(pod('shop', 'web-1', { app: 'web' }));
    server.apply(pod('shop', 'db-0', { app: 'db' }));
    const watcher = watch(PODS, nameOf, { labelSelector: 'app=web' });
    await waitFor(() => watcher.stats.watches === 1, describeWatcher(watcher));
    expect(keys(watcher)).toEqual(['shop/web-1']);
    server.apply(pod('shop', 'web-1', { app: 'retired' }));
    server.apply(pod('payments', 'web-2', { app: 'web' }));
    await waitFor(() => keys(watcher).join() === 'payments/web-2', describeWatcher(watcher));
  });

  it('watches one namespace only when the spec names it, and pages large lists', async () => {
    for (let i = 0; i < 7; i += 1) server.apply(pod('longhorn-system', `vol-${i}`));
    server.apply(pod('shop', 'web-1'));
    const watcher = watch({ ...PODS, namespace: 'longhorn-system' }, nameOf, { pageSize: 3 });
    await waitFor(() => watcher.state === 'synced', describeWatcher(watcher));
    expect(watcher.records.size).toBe(7);
    expect([...watcher.records.keys()].every((key) => key.startsWith('longhorn-system/'))).toBe(true);
  });

  it('counts and skips malformed objects without stopping', async () => {
    server.apply(pod('shop', 'bad'));
    server.apply(pod('shop', 'good'));
    const watcher = watch(PODS, (raw) => {
      if (nameOf(raw) === 'bad') throw new Error('unexpected shape');
      return nameOf(raw) === 'ignored' ? undefined : nameOf(raw);
    });
    await waitFor(() => watcher.stats.watches === 1, describeWatcher(watcher));
    expect(keys(watcher)).toEqual(['shop/good']);
    expect(watcher.stats.malformed).toBe(1);
    expect(watcher.stats.lastMalformed).toMatch(/shop\/bad: unexpected shape/);
    server.apply(pod('shop', 'ignored'));
    server.apply(pod('shop', 'good-2'));
    await waitFor(() => watcher.records.has('shop/good-2'), describeWatcher(watcher));
    expect(watcher.records.has('shop/ignored')).toBe(false);
    expect(watcher.stats.skipped).toBe(1);
  });

  it('stop() closes the watch connection and schedules nothing more', async () => {
    const watcher = watch(NODES, toNodeRecord);
    await waitFor(
      () => watcher.stats.watches === 1 && server.openWatchCount() === 1,
      describeWatcher(watcher),
    );
    watcher.stop();
    await waitFor(
      () => server.openWatchCount() === 0,
      () => `open watches: ${server.openWatchCount()}`,
    );
    const scheduled = timers.delays.length;
    server.apply(node('late'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(watcher.records.has('late')).toBe(false);
    expect(timers.delays.length).toBe(scheduled);
  });

  it('stop() during the initial list leaves no watch behind', async () => {
    const seen: string[] = [];
    let watcher: ResourceWatcher<NodeRecord> | undefined;
    onRequest = (url) => {
      seen.push(url);
      // The server is in-process: stop exactly while the LIST request is being served.
      if (url.startsWith('/api/v1/nodes?') && !url.includes('watch=')) watcher?.stop();
    };
    watcher = watch(NODES, toNodeRecord);
    await waitFor(
      () => seen.some((url) => url.startsWith('/api/v1/nodes?')),
      () => seen.join(' '),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.filter((url) => url.includes('watch='))).toEqual([]);
    expect(server.openWatchCount()).toBe(0);
    expect(watcher.records.size).toBe(0);
  });
});
