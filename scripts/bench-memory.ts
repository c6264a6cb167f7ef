// Memory benchmark: Skymap's runtime fed by the demo Relay at --rate flows/s (default 20,000) from
// a cluster with --pods pods (10,000) and --ips external addresses (50,000), for --minutes (10).
// In the same run, against the same Relay, a naive baseline (proto-loader client keeping the
// newest 20,000 flow objects and an unbounded src→dst map) shows what the bounds buy. RSS of both
// processes is printed every --every seconds; the summary gives RSS after warm-up, the peak, the
// slope after warm-up (MiB/min, flat ≈ 0) and the ratio to the baseline.
//
//   npx tsx scripts/bench-memory.ts [--minutes 10] [--rate 20000] [--pods 10000] [--ips 50000]
//     [--every 10] [--warmup-minutes 2] [--no-baseline] [--node-options '--max-old-space-size=256']

import { fmt, hasFlag, intArg, machineLine, numArg, spawnScript, strArg } from './bench-support';

interface Sample {
  t: number;
  rss: number;
  heap: number;
  flows: number;
  nodes?: number;
  edges?: number;
  history?: number;
  pairs?: number;
}

function slope(samples: readonly Sample[]): number {
  // Least squares of RSS over minutes.
  const n = samples.length;
  if (n < 2) return 0;
  const xs = samples.map((s) => s.t / 60);
  const ys = samples.map((s) => s.rss);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

async function collect(child: ReturnType<typeof spawnScript>, into: Sample[], start: number): Promise<void> {
  for (;;) {
    let line: Record<string, unknown>;
    try {
      line = await child.next();
    } catch {
      return;
    }
    into.push({ ...(line as unknown as Sample), t: (Date.now() - start) / 1000 });
  }
}

async function main(): Promise<void> {
  const minutes = numArg('minutes', 10);
  const rate = intArg('rate', 20_000);
  const pods = intArg('pods', 10_000, 0);
  const ips = intArg('ips', 50_000, 0);
  const every = numArg('every', 10);
  const warmup = Math.min(numArg('warmup-minutes', 2), minutes / 2);
  const baseline = !hasFlag('no-baseline');
  console.log(`# bench-memory — ${machineLine()}`);
  console.log(
    `${fmt(rate)} flows/s for ${minutes} min; ${fmt(pods)} scale pods, ${fmt(ips)} external IPs; warm-up ${warmup} min`,
  );

  // Kubernetes objects (the pods the informers hold) come from the demo cluster; flows from a
  // recorded stream of the same cluster replayed at the target rate by a server that only copies
  // bytes (the demo Relay itself spends ~30 µs per flow per client: it would be the bottleneck).
  const relay = spawnScript('bench-memory-child.ts', [
    '--role',
    'kube',
    '--pods',
    String(pods),
    '--ips',
    String(ips),
  ]);
  const endpoints = (await relay.next()) as { kubeconfig: string; objects: number };
  console.log(`Kubernetes API: ${fmt(endpoints.objects)} objects`);
  const flows = spawnScript('bench-relay-server.ts', [
    '--messages',
    String(intArg('messages', 100_000)),
    '--extra-pods',
    String(pods),
    '--external-ips',
    String(ips),
    '--seed',
    '7',
    '--rate',
    String(rate),
  ]);
  const recorded = (await flows.next()) as { port: number; messages: number; distinctPods: number };
  console.log(
    `recorded stream: ${fmt(recorded.messages)} messages over ${fmt(recorded.distinctPods)} distinct pods, replayed in a loop`,
  );
  const args = [
    '--relay',
    `127.0.0.1:${recorded.port}`,
    '--kubeconfig',
    endpoints.kubeconfig,
    '--every',
    String(every),
  ];
  const start = Date.now();
  const sky: Sample[] = [];
  const naive: Sample[] = [];
  // --node-options: V8 flags for the Skymap process (as NODE_OPTIONS would set them in production).
  const nodeOptions = strArg('node-options', '');
  if (nodeOptions) console.log(`Skymap process NODE_OPTIONS: ${nodeOptions}`);
  const skyChild = spawnScript(
    'bench-memory-child.ts',
    ['--role', 'skymap', ...args],
    nodeOptions ? { NODE_OPTIONS: nodeOptions } : undefined,
  );
  const naiveChild = baseline
    ? spawnScript('bench-memory-child.ts', ['--role', 'naive', ...args])
    : undefined;
  void collect(skyChild, sky, start);
  if (naiveChild) void collect(naiveChild, naive, start);

  console.log(
    `\n${'t (s)'.padStart(6)}${'Skymap RSS'.padStart(12)}${'heap'.padStart(8)}${'flows/s'.padStart(10)}${'nodes'.padStart(8)}${'edges'.padStart(8)}${'baseline RSS'.padStart(14)}${'pairs'.padStart(10)}`,
  );
  let printed = 0;
  const end = start + minutes * 60_000;
  let lastFlows = 0;
  let lastT = 0;
  while (Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    while (printed < sky.length) {
      const s = sky[printed]!;
      const b = naive[Math.min(printed, naive.length - 1)];
      const fps = s.t > lastT ? (s.flows - lastFlows) / (s.t - lastT) : 0;
      lastFlows = s.flows;
      lastT = s.t;
      console.log(
        `${s.t.toFixed(0).padStart(6)}${`${s.rss.toFixed(0)} MiB`.padStart(12)}${s.heap.toFixed(0).padStart(8)}${fmt(fps).padStart(10)}${String(s.nodes ?? '').padStart(8)}${String(s.edges ?? '').padStart(8)}${(b ? `${b.rss.toFixed(0)} MiB` : '').padStart(14)}${String(b?.pairs ?? '').padStart(10)}`,
      );
      printed += 1;
    }
  }
  await skyChild.stop();
  if (naiveChild) await naiveChild.stop();
  await relay.stop();
  await flows.stop();

  const after = sky.filter((s) => s.t >= warmup * 60);
  const nAfter = naive.filter((s) => s.t >= warmup * 60);
  const peak = Math.max(...sky.map((s) => s.rss));
  const last = sky[sky.length - 1];
  const flowsPerSecond = last ? last.flows / last.t : 0;
  console.log('\nsummary');
  console.log(
    `  Skymap: ${fmt(flowsPerSecond)} flows/s ingested on average, ${fmt(last?.flows ?? 0)} flows in total`,
  );
  console.log(
    `  Skymap RSS: ${after[0]?.rss.toFixed(0)} MiB after warm-up, peak ${peak.toFixed(0)} MiB, final ${last?.rss.toFixed(0)} MiB, slope after warm-up ${slope(after).toFixed(2)} MiB/min (target: < 400 MiB and flat)`,
  );
  if (baseline && nAfter.length > 0) {
    const bPeak = Math.max(...naive.map((s) => s.rss));
    const bLast = naive[naive.length - 1]!;
    console.log(
      `  baseline RSS: peak ${bPeak.toFixed(0)} MiB, final ${bLast.rss.toFixed(0)} MiB, slope ${slope(nAfter).toFixed(2)} MiB/min, ${fmt(bLast.pairs ?? 0)} pairs held`,
    );
    console.log(`  ratio Skymap/baseline peak RSS: ${(peak / bPeak).toFixed(2)}x`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
