// Every informer of the cluster source against the demo cluster's Kubernetes API over real HTTP,
// loaded with the demo scenario's objects. The views built from what the watchers hold must equal the
// views built straight from the scenario's objects — through relists after 410 Gone, watches the
// server cuts, and a CRD that is installed after start.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApiResourceSpec,
  CERT_MANAGER_RESOURCES,
  createKubeApiServer,
  DEMO_RESOURCES,
  type KubeApiServer,
} from '../../demo/kube-api/index';
import { createDemoScenario, type DemoScenario, type KubeObject } from '../../demo/scenario';
import { buildClusterViews, type ClusterSnapshot, snapshotFromObjects } from '../../domain/cluster';
import { type ClusterSource, createClusterSource } from './cluster-source';
import { createTestTimers, kubeConfigFor, type TestTimers, waitFor } from './test-support';

const START = Date.UTC(2026, 0, 12, 9, 0, 0);
/** Start of the cycle: expired / failed / expiring certificates, a faulted volume, Ceph HEALTH_WARN. */
const CALM = START + 20_000;
/** The flaky node is Unknown, its Longhorn replica failed (volume degraded), Ceph has an OSD down. */
const OUTAGE = START + 200_000;

const certManagerKey = (spec: { group: string }) => spec.group === 'cert-manager.io';

let server: KubeApiServer;
let timers: TestTimers;
let scenario: DemoScenario;
let source: ClusterSource | undefined;
let requests: string[];
let applied = new Map<string, KubeObject>();

function objectKey(o: KubeObject): string {
  return `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
}

function servedSpecs(withCertManager: boolean): ApiResourceSpec[] {
  const wanted = new Set(scenario.resources.map((r) => `${r.group}/${r.version}/${r.plural}`));
  return DEMO_RESOURCES.filter(
    (r) => wanted.has(`${r.group}/${r.version}/${r.plural}`) && (withCertManager || !certManagerKey(r)),
  );
}

let certManagerServed = false;

/** The scenario's objects at `t` whose resources the API server currently serves. */
function servedObjects(t: number): KubeObject[] {
  const served = new Set(servedSpecs(certManagerServed).map((r) => `${r.group}|${r.kind}`));
  const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
  return scenario.objectsAt(t).filter((o) => served.has(`${groupOf(o.apiVersion)}|${o.kind}`));
}

/** Makes the API server hold exactly the scenario's objects at `t`. */
function syncObjects(t: number): void {
  const next = new Map<string, KubeObject>();
  for (const object of servedObjects(t)) {
    next.set(objectKey(object), object);
    server.apply(object as unknown as Parameters<KubeApiServer['apply']>[0]);
  }
  for (const [key, old] of applied) {
    if (!next.has(key)) server.remove(old.apiVersion, old.kind, old.metadata.namespace, old.metadata.name);
  }
  applied = next;
}

/** The independent path: the same objects parsed directly, with the informers' installed flags. */
function expectedViews(t: number, snapshot: ClusterSnapshot) {
  const direct = snapshotFromObjects(servedObjects(t), snapshot.installed).snapshot;
  return buildClusterViews(direct, { now: t });
}

function viewsOf(t: number) {
  const snapshot = source!.snapshot();
  return { actual: buildClusterViews(snapshot, { now: t }), expected: expectedViews(t, snapshot) };
}

function matches(t: number): boolean {
  const { actual, expected } = viewsOf(t);
  return (
    JSON.stringify([actual.certificates, actual.volumes, actual.nodes, actual.overview]) ===
    JSON.stringify([expected.certificates, expected.volumes, expected.nodes, expected.overview])
  );
}

function explain(t: number): () => string {
  return () => {
    const { actual, expected } = viewsOf(t);
    return `synced=${source?.synced()} status=${JSON.stringify(source?.status().filter((s) => s.state !== 'synced'))}
actual overview=${JSON.stringify(actual.overview)}
expected overview=${JSON.stringify(expected.overview)}`;
  };
}

function listRequests(path: string): number {
  return requests.filter((url) => url.startsWith(`${path}?`) && !url.includes('watch=')).length;
}

function start(): ClusterSource {
  source = createClusterSource(kubeConfigFor(server.url), {
    watcher: {
      timers: timers.timers,
      coalesceMs: 5,
      discoveryIntervalMs: 20,
      backoff: { initialMs: 5, maxMs: 40 },
    },
  });
  return source;
}

beforeEach(async () => {
  scenario = createDemoScenario({ seed: 7, startMs: START });
  timers = createTestTimers();
  requests = [];
  applied = new Map();
  certManagerServed = false;
  server = await createKubeApiServer({ port: 0, onRequest: (_method, url) => requests.push(url) });
  for (const spec of servedSpecs(certManagerServed)) server.registerResource(spec);
  syncObjects(CALM);
});

afterEach(async () => {
  source?.stop();
  source = undefined;
  timers.dispose();
  await server.close();
});

describe('createClusterSource against the demo Kubernetes API', () => {
  it('syncs every resource; absent CRDs are "not installed", not errors', async () => {
    const cluster = start();
    await waitFor(() => cluster.synced() && matches(CALM), explain(CALM));
    const status = new Map(cluster.status().map((s) => [s.resource, s]));
    expect(status.get('certificates.cert-manager.io/v1')).toMatchObject({
      state: 'not-installed',
      objects: 0,
    });
    expect(status.get('nodes/v1')).toMatchObject({ state: 'synced', objects: 4 });
    expect(cluster.status().filter((s) => s.state === 'error')).toEqual([]);
    const { actual } = viewsOf(CALM);
    expect(actual.certificates).toEqual({ installed: false, certificates: [] });
    expect(actual.overview.volumes).toMatchObject({
      longhornInstalled: true,
      faulted: 1,
      cephHealth: 'HEALTH_WARN',
    });
    expect(actual.nodes.nodes.map((n) => `${n.name} ${n.os.family} ${n.os.version}`)).toEqual([
      'nixos-worker-1 nixos 24.11',
      'nixos-worker-2 nixos 25.05',
      'talos-cp-1 talos v1.11.2',
      'talos-worker-1 talos v1.11.2',
    ]);
  });

  it('relists after 410 Gone and ends with exactly the new state', async () => {
    const cluster = start();
    await waitFor(() => cluster.synced() && matches(CALM), explain(CALM));
    await waitFor(
      () => server.openWatchCount() >= 10,
      () => `open watches: ${server.openWatchCount()}`,
    );
    const nodeLists = listRequests('/api/v1/nodes');

    // Disconnect everything and keep it away while the cluster moves to the outage and history is
    // compacted: every resume then gets 410 Gone.
    timers.hold();
    server.cutWatches();
    syncObjects(OUTAGE);
    server.compactHistory();
    timers.release();

    await waitFor(() => matches(OUTAGE), explain(OUTAGE));
    expect(listRequests('/api/v1/nodes')).toBeGreaterThan(nodeLists);
    const { actual } = viewsOf(OUTAGE);
    expect(actual.overview.nodes.notReady).toBe(1);
    expect(actual.overview.volumes.degraded).toBe(1);
    const degraded = actual.volumes.longhorn.volumes.find((v) => v.robustness === 'degraded');
    expect(degraded?.pvc).toEqual({ namespace: 'payments', name: 'data-postgres-0' });
    expect(actual.volumes.ceph.clusters[0]?.details.map((d) => d.code)).toContain('OSD_DOWN');
  });

  it('resumes watches the server cuts from their resourceVersion, without relisting', async () => {
    const cluster = start();
    await waitFor(() => cluster.synced() && matches(CALM), explain(CALM));
    await waitFor(
      () => server.openWatchCount() >= 10,
      () => `open watches: ${server.openWatchCount()}`,
    );
    const nodeLists = listRequests('/api/v1/nodes');
    const volumeLists = listRequests('/apis/longhorn.io/v1beta2/volumes');

    timers.hold();
    expect(server.cutWatches()).toBeGreaterThanOrEqual(10);
    syncObjects(OUTAGE);
    timers.release();

    await waitFor(() => matches(OUTAGE), explain(OUTAGE));
    expect(listRequests('/api/v1/nodes')).toBe(nodeLists);
    expect(listRequests('/apis/longhorn.io/v1beta2/volumes')).toBe(volumeLists);
    expect(cluster.status().filter((s) => s.state === 'error')).toEqual([]);
  });

  it('picks up cert-manager installed after start: installed flips false → true, objects appear', async () => {
    const cluster = start();
    await waitFor(() => cluster.synced() && matches(CALM), explain(CALM));
    expect(cluster.snapshot().installed.certManager).toBe(false);
    const versionBefore = cluster.version;

    for (const spec of CERT_MANAGER_RESOURCES) server.registerResource(spec);
    certManagerServed = true;
    syncObjects(CALM);

    await waitFor(
      () => cluster.snapshot().installed.certManager && cluster.synced() && matches(CALM),
      explain(CALM),
    );
    expect(cluster.version).toBeGreaterThan(versionBefore);
    const { actual } = viewsOf(CALM);
    expect(actual.certificates.installed).toBe(true);
    expect(actual.certificates.certificates.map((c) => `${c.name} ${c.status}`)).toEqual([
      'grafana-example-com-tls expired',
      'hooks-pay-example-com-tls failed',
      'shop-example-com-tls expiring',
      'partners-shop-tls pending',
      'api-shop-tls ok',
    ]);
    expect(actual.overview.certificates).toMatchObject({
      installed: true,
      expired: 1,
      failed: 1,
      expiring: 1,
    });
  });
});
