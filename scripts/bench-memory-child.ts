// Processes for bench-memory, one role each (every role prints JSON lines on stdout):
//   kube    the demo cluster's Kubernetes API (--pods scale pods), objects applied once; prints
//           {kubeconfig, objects}
//   skymap  Skymap's runtime (Relay client + Kubernetes informers + hub + 1 s ticks) against them,
//           with one browser-like subscriber on the flow tail and one on the map; prints memory
//   naive   the baseline: a proto-loader client keeping the newest --history flows as objects and
//           an unbounded src→dst pair map (what a first implementation tends to do)
// The skymap and naive roles print {rss, heap, flows} every --every seconds.

import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { stockObserverClient } from './bench-stock-client';
import { intArg, numArg, strArg } from './bench-support';

function report(flows: () => number, extra: () => Record<string, unknown> = () => ({})): void {
  const every = numArg('every', 10) * 1000;
  const tick = () => {
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((sp) => [sp.space_name, Math.round(sp.space_used_size / 2 ** 20)]),
    );
    console.log(
      JSON.stringify({
        rss: m.rss / 2 ** 20,
        heap: m.heapUsed / 2 ** 20,
        buffers: m.arrayBuffers / 2 ** 20,
        newSpace: spaces.new_space,
        oldSpace: spaces.old_space,
        flows: flows(),
        ...extra(),
      }),
    );
  };
  setInterval(tick, every);
}

/**
 * The demo cluster's Kubernetes API with its objects applied once (the demo itself re-applies every
 * object every 2 s, which at 10,000 pods costs this shared machine a good part of a core).
 */
async function kube(): Promise<void> {
  const { createKubeApiServer, DEMO_RESOURCES, writeKubeconfig } = await import('../server/demo/kube-api');
  const { createDemoScenario } = await import('../server/demo/scenario');
  const now = Date.now();
  const scenario = createDemoScenario({
    seed: 7,
    startMs: now,
    scale: { extraPods: intArg('pods', 10_000, 0), externalIps: intArg('ips', 50_000, 0) },
  });
  const server = await createKubeApiServer({ host: '127.0.0.1', port: 0, now: () => new Date() });
  const catalog = new Map(DEMO_RESOURCES.map((r) => [`${r.group}/${r.version}/${r.plural}`, r]));
  for (const r of scenario.resources) {
    const spec = catalog.get(`${r.group}/${r.version}/${r.plural}`);
    if (spec) server.registerResource(spec);
  }
  let objects = 0;
  for (const object of scenario.objectsAt(now)) {
    try {
      server.apply(object as unknown as Parameters<typeof server.apply>[0]);
      objects += 1;
    } catch {
      // a kind this catalog does not serve
    }
  }
  const kubeconfig = path.join(os.tmpdir(), `skymap-bench-memory-${process.pid}.kubeconfig`);
  await writeKubeconfig(kubeconfig, server.url);
  console.log(JSON.stringify({ kubeconfig, objects }));
}

async function skymap(): Promise<void> {
  const { loadConfig } = await import('../server/runtime/config');
  const { startRuntime } = await import('../server/runtime/runtime');
  const { startSources } = await import('../server/runtime/start-sources');
  const config = loadConfig({
    ...process.env,
    HUBBLE_RELAY_ADDR: strArg('relay', ''),
    KUBECONFIG: strArg('kubeconfig', ''),
  });
  const rt = startRuntime(config, startSources);
  await rt.ready;
  const sink = { ready: () => true, send: () => true };
  rt.hub.flowTail.subscribe(sink);
  rt.hub.maps.channel({ window: '5m' })?.subscribe(sink);
  report(
    () => rt.hub.counters.flowsReceived,
    () => {
      const view = rt.hub.maps.view({ window: '5m' });
      return { nodes: view.nodes.length, edges: view.edges.length, history: rt.hub.flows.size };
    },
  );
}

interface Ep {
  namespace?: string;
  pod_name?: string;
}

function naive(): void {
  const client = stockObserverClient(strArg('relay', ''));
  const keep = intArg('history', 20_000);
  const recent: unknown[] = [];
  const pairs = new Map<string, number>();
  let count = 0;
  const name = (e: Ep | undefined) => (e?.pod_name ? `${e.namespace}/${e.pod_name}` : 'world');
  const call = client.GetFlows({ follow: true, number: 2000 });
  call.on('data', (msg: { flow?: { source?: Ep; destination?: Ep; IP?: { destination?: string } } }) => {
    const f = msg.flow;
    if (f === undefined) return;
    count += 1;
    recent.push(f);
    if (recent.length > keep) recent.shift();
    const dst = f.destination?.pod_name ? name(f.destination) : (f.IP?.destination ?? 'world');
    const key = `${name(f.source)}>${dst}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  });
  call.on('error', (err: Error) => console.error(`naive: ${err.message}`));
  report(
    () => count,
    () => ({ pairs: pairs.size }),
  );
}

const role = strArg('role', '');
const run = role === 'kube' ? kube : role === 'skymap' ? skymap : role === 'naive' ? naive : undefined;
if (run === undefined) throw new Error('--role kube|skymap|naive');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
Promise.resolve(run()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
