// Soak test (not part of `npm test`): a production Skymap on its demo cluster at a high flow rate with
// many concurrent SSE clients for a long time, reporting RSS over time, event-loop lag, tick duration
// and tick delivery latency as seen by the clients. Memory must stay flat once the bounded buffers
// (flow history, map) are full.
//
//   npx tsx scripts/soak.ts [--duration 600] [--rate 20000] [--clients 50] [--sample 10] [--warmup 60]
//                           [--tick-ms 1000] [--mix both|flows|map] [--demo embedded|separate]
//                           [--json out.json]
// Needs a production build (SKYMAP_DIST_DIR selects it). Exit code 1 when memory was not flat.
import { writeFileSync } from 'node:fs';
import { type ClientStats, openClient } from './soak-client';
import { cpuSecondsOf, type Demo, freePort, rssOf, startSeparateDemo, startSkymap } from './soak-processes';

interface Options {
  durationS: number;
  rate: number;
  clients: number;
  sampleS: number;
  warmupS: number;
  tickMs: number;
  /** Which streams the clients open: half flow tail / half map (both), or all of one kind. */
  mix: 'both' | 'flows' | 'map';
  /** `separate`: the demo cluster runs in its own process (`npm run demo-cluster`). */
  demo: 'embedded' | 'separate';
  json?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    durationS: 600,
    rate: 20_000,
    clients: 50,
    sampleS: 10,
    warmupS: 60,
    tickMs: 1000,
    mix: 'both',
    demo: 'embedded',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${key}`);
    const n = Number(value);
    const num = () => {
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${key} needs a positive number, got "${value}"`);
      return n;
    };
    if (key === '--duration') opts.durationS = num();
    else if (key === '--rate') opts.rate = num();
    else if (key === '--clients') opts.clients = Math.floor(num());
    else if (key === '--sample') opts.sampleS = num();
    else if (key === '--warmup') opts.warmupS = num();
    else if (key === '--tick-ms') opts.tickMs = num();
    else if (key === '--json') opts.json = value;
    else if (key === '--demo') {
      if (value !== 'embedded' && value !== 'separate') throw new Error('--demo is embedded or separate');
      opts.demo = value;
    } else if (key === '--mix') {
      if (value !== 'both' && value !== 'flows' && value !== 'map')
        throw new Error('--mix is both, flows or map');
      opts.mix = value;
    } else throw new Error(`unknown option ${key}`);
  }
  return opts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function metricValue(text: string, name: string): number {
  const escaped = name.replace(/[{}"=.]/g, '\\$&');
  const match = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

interface Sample {
  atS: number;
  rssMb: number;
  heapMb: number;
  flowsTotal: number;
  lagP99Ms: number;
  lagMaxMs: number;
  sseClients: number;
  tickCount: number;
  tickSum: number;
  lost: number;
  decodeErrors: number;
  /** Skymap's CPU seconds so far (user + system), and the separate demo cluster's. */
  cpuS: number;
  demoCpuS: number;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const demo: Demo | undefined = opts.demo === 'separate' ? await startSeparateDemo(opts.rate) : undefined;
  const skymap = startSkymap(port, opts.rate, opts.tickMs, demo);
  const { child, pid } = skymap;
  const output = () => `${skymap.output()}${demo ? `\n--- demo cluster:\n${demo.output()}` : ''}`;
  const stopChild = () => {
    skymap.stop();
    demo?.stop();
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`skymap exited:\n${output()}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`skymap not ready within 90 s:\n${output()}`);
    await sleep(500);
  }
  console.log(
    `soak: skymap ready on ${url} (pid ${pid}); demo rate ${opts.rate}/s (${opts.demo}), ${opts.clients} clients, ${opts.durationS} s`,
  );

  const abort = new AbortController();
  const windows = ['1m', '5m', '15m'];
  const clients: ClientStats[] = [];
  for (let i = 0; i < opts.clients; i++) {
    const flows = opts.mix === 'flows' || (opts.mix === 'both' && i % 2 === 0);
    if (flows) clients.push(openClient(`${url}/api/stream/flows`, 'flows', abort.signal));
    else
      clients.push(
        openClient(`${url}/api/stream/map?window=${windows[i % windows.length]}`, 'map', abort.signal),
      );
  }

  const samples: Sample[] = [];
  const started = Date.now();
  const takeSample = async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const sample: Sample = {
      atS: Math.round((Date.now() - started) / 1000),
      rssMb: rssOf(pid) / 1_048_576,
      heapMb: metricValue(text, 'nodejs_heap_used_bytes') / 1_048_576,
      flowsTotal: metricValue(text, 'skymap_flows_received_total'),
      lagP99Ms: metricValue(text, 'skymap_event_loop_lag_seconds{quantile="0.99"}') * 1000,
      lagMaxMs: metricValue(text, 'skymap_event_loop_lag_max_seconds') * 1000,
      sseClients: metricValue(text, 'skymap_sse_clients'),
      tickCount: metricValue(text, 'skymap_tick_duration_seconds_count'),
      tickSum: metricValue(text, 'skymap_tick_duration_seconds_sum'),
      lost: metricValue(text, 'skymap_lost_events_total'),
      decodeErrors: metricValue(text, 'skymap_decode_errors_total'),
      cpuS: cpuSecondsOf(pid),
      demoCpuS: demo ? cpuSecondsOf(demo.pid) : Number.NaN,
    };
    samples.push(sample);
    console.log(
      `t=${sample.atS}s rss=${sample.rssMb.toFixed(0)}MB heap=${sample.heapMb.toFixed(0)}MB flows=${sample.flowsTotal} lag_p99=${sample.lagP99Ms.toFixed(1)}ms sse=${sample.sseClients} lost=${sample.lost}`,
    );
  };
  await takeSample();
  while (Date.now() - started < opts.durationS * 1000) {
    await sleep(opts.sampleS * 1000);
    if (child.exitCode !== null || demo?.child.exitCode != null)
      throw new Error(`skymap or the demo cluster exited during the soak:\n${output()}`);
    await takeSample();
  }
  abort.abort();
  await sleep(500);
  stopChild();

  const first = samples[0]!;
  const last = samples.at(-1)!;
  const steady = samples.filter((s) => s.atS >= opts.warmupS);
  const half = Math.floor(steady.length / 2);
  const earlyRss = median(steady.slice(0, half).map((s) => s.rssMb));
  const lateRss = median(steady.slice(half).map((s) => s.rssMb));
  const growthPct = ((lateRss - earlyRss) / earlyRss) * 100;
  const flat = Number.isFinite(growthPct) ? growthPct < 10 : false;
  const latencies = clients.flatMap((c) => c.latenciesMs);
  const ticks = last.tickCount - first.tickCount;
  const report = {
    options: opts,
    achievedFlowsPerSecond: Math.round(
      (last.flowsTotal - first.flowsTotal) / Math.max(1, last.atS - first.atS),
    ),
    rssMb: {
      start: Math.round(first.rssMb),
      max: Math.round(Math.max(...samples.map((s) => s.rssMb))),
      end: Math.round(last.rssMb),
      steadyEarlyMedian: Math.round(earlyRss),
      steadyLateMedian: Math.round(lateRss),
      growthPct: Number(growthPct.toFixed(1)),
      flat,
    },
    eventLoopLagMs: {
      p99WorstMinute: Number(Math.max(...samples.map((s) => s.lagP99Ms)).toFixed(1)),
      p99Median: Number(median(samples.map((s) => s.lagP99Ms)).toFixed(1)),
      maxSeen: Number(Math.max(...samples.map((s) => s.lagMaxMs)).toFixed(1)),
    },
    cpuCoresMean: {
      skymap: Number(((last.cpuS - first.cpuS) / Math.max(1, last.atS - first.atS)).toFixed(2)),
      demoCluster: Number(((last.demoCpuS - first.demoCpuS) / Math.max(1, last.atS - first.atS)).toFixed(2)),
    },
    tick: {
      count: ticks,
      meanMs: ticks > 0 ? Number((((last.tickSum - first.tickSum) / ticks) * 1000).toFixed(1)) : Number.NaN,
    },
    deliveryLatencyMs: {
      samples: latencies.length,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      p99: quantile(latencies, 0.99),
    },
    clients: {
      flows: clients.filter((c) => c.kind === 'flows').length,
      map: clients.filter((c) => c.kind === 'map').length,
      framesPerClientMedian: median(clients.map((c) => c.frames)),
      resyncSnapshots: clients.reduce((s, c) => s + Math.max(0, c.snapshots - 1), 0),
      megabytesReceived: Math.round(clients.reduce((s, c) => s + c.bytes, 0) / 1_048_576),
      errors: clients.reduce((s, c) => s + c.errors, 0),
    },
    lostEvents: last.lost,
    decodeErrors: last.decodeErrors,
    heapMb: {
      steadyEarlyMedian: Math.round(median(steady.slice(0, half).map((s) => s.heapMb))),
      steadyLateMedian: Math.round(median(steady.slice(half).map((s) => s.heapMb))),
    },
    rssSeries: samples.map((s) => [s.atS, Math.round(s.rssMb), Math.round(s.heapMb)]),
  };
  console.log(JSON.stringify(report, null, 2));
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ ...report, samples }, null, 2)}\n`);
  if (!flat) {
    console.error(`soak: memory grew ${growthPct.toFixed(1)}% over the steady phase`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(`soak: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
