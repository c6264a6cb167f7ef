// The embedded demo cluster: the scenario's objects served by a real Kubernetes API server and its
// flows by a real Hubble Relay (gRPC Observer) server, both on loopback. Skymap then connects to
// them with its production clients, so the demo exercises the same code paths as a real cluster.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type ApiResourceSpec,
  createKubeApiServer,
  DEMO_RESOURCES,
  type KubeApiServer,
  writeKubeconfig,
} from './kube-api';
import type { FlowPredicate } from './observer';
import { createMemorySource, createObserverServer, type MemorySource } from './observer';
import { createDemoScenario, type DemoScenario, type KubeObject } from './scenario';

export interface DemoClusterOptions {
  readonly flowRate: number;
  readonly seed?: number;
  readonly now?: () => number;
  readonly relayPort?: number;
  readonly kubePort?: number;
  readonly host?: string;
  readonly kubeconfigPath?: string;
  readonly scale?: { readonly extraPods?: number; readonly externalIps?: number };
  /** Hubble-compatible filtering of GetFlows requests (whitelist / blacklist). */
  readonly filter?: FlowPredicate;
}

export interface DemoCluster {
  readonly relayAddress: string;
  readonly kubeApiUrl: string;
  readonly kubeconfigPath: string;
  readonly scenario: DemoScenario;
  readonly kube: KubeApiServer;
  readonly source: MemorySource;
  /** Changes the generated flow rate (benchmarks). */
  setFlowRate(perSecond: number): void;
  close(): Promise<void>;
}

const PUMP_MS = 100;
const OBJECT_SYNC_MS = 2000;
/** Keeps each publish well below the server's per-client queue so bursts are not reported as lost. */
const PUBLISH_CHUNK = 2000;

function objectKey(o: KubeObject): string {
  return `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
}

function resourceSpecs(scenario: DemoScenario): ApiResourceSpec[] {
  const catalog = new Map(DEMO_RESOURCES.map((r) => [`${r.group}/${r.version}/${r.plural}`, r]));
  return scenario.resources.map(
    (r) =>
      catalog.get(`${r.group}/${r.version}/${r.plural}`) ?? {
        group: r.group,
        version: r.version,
        kind: r.kind,
        plural: r.plural,
        singular: r.singular,
        namespaced: r.namespaced,
        listKind: r.listKind,
        shortNames: [...r.shortNames],
      },
  );
}

export async function startDemoCluster(options: DemoClusterOptions): Promise<DemoCluster> {
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const startMs = now();
  const scenario = createDemoScenario({ seed: options.seed ?? 7, startMs, scale: options.scale });

  const kube = await createKubeApiServer({ host, port: options.kubePort ?? 0, now: () => new Date(now()) });
  for (const spec of resourceSpecs(scenario)) kube.registerResource(spec);
  let applied = new Map<string, KubeObject>();
  const syncObjects = () => {
    const next = new Map<string, KubeObject>();
    for (const object of scenario.objectsAt(now())) {
      const key = objectKey(object);
      next.set(key, object);
      kube.apply(object as unknown as Parameters<KubeApiServer['apply']>[0]);
    }
    for (const [key, old] of applied) {
      if (!next.has(key)) kube.remove(old.apiVersion, old.kind, old.metadata.namespace, old.metadata.name);
    }
    applied = next;
  };
  syncObjects();

  const source = createMemorySource({
    nodes: scenario.hubbleNodesAt(startMs).map((n) => ({ name: n.name, state: n.state })),
    now,
  });
  // Back-fill: Relay starts with history in its ring buffers, as a real one would.
  source.publish(
    scenario.flowsBetween(startMs - 30_000, startMs, Math.min(4000, Math.ceil(options.flowRate * 30))),
  );
  const relay = await createObserverServer({
    source,
    host,
    port: options.relayPort ?? 0,
    filter: options.filter,
    now,
  });

  let rate = options.flowRate;
  let last = now();
  let carry = 0;
  const pump = setInterval(() => {
    const t = now();
    const exact = (rate * (t - last)) / 1000 + carry;
    const count = Math.floor(exact);
    carry = exact - count;
    if (count > 0) {
      const events = scenario.flowsBetween(last, t, count);
      for (let i = 0; i < events.length; i += PUBLISH_CHUNK)
        source.publish(events.slice(i, i + PUBLISH_CHUNK));
    }
    last = t;
  }, PUMP_MS);
  const objectTimer = setInterval(() => {
    syncObjects();
    for (const node of scenario.hubbleNodesAt(now())) source.setNodeState(node.name, node.state);
  }, OBJECT_SYNC_MS);
  pump.unref?.();
  objectTimer.unref?.();

  const kubeconfigPath = options.kubeconfigPath ?? join(tmpdir(), `skymap-demo-${process.pid}.kubeconfig`);
  mkdirSync(dirname(kubeconfigPath), { recursive: true });
  await writeKubeconfig(kubeconfigPath, kube.url);

  return {
    relayAddress: relay.address,
    kubeApiUrl: kube.url,
    kubeconfigPath,
    scenario,
    kube,
    source,
    setFlowRate(perSecond) {
      rate = perSecond;
    },
    async close() {
      clearInterval(pump);
      clearInterval(objectTimer);
      await relay.close();
      await kube.close();
    },
  };
}
