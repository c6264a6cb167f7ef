// Ingest benchmark: how many flows/s one client process takes from a Relay over loopback, three
// ways, side by side in one run (absolute numbers drift on shared machines; the ratios do not):
//   (a) wire limit: a bare grpc-js client that receives raw message bytes and does nothing else
//   (b) stock: a @grpc/proto-loader client (decode + toObject) counting src→dst pairs in a Map
//   (c) Skymap: Relay client → domain flows → hub ingest (aggregation, history, …) → hub tick
// plus (a') the wire limit with grpc-js's default 64 KiB window and (c') Skymap's Relay client
// without the hub, which splits (c)'s CPU per flow into receiving, decoding and the hub.
// The server (scripts/bench-relay-server.ts, its own process) replays a recorded stream of
// pre-framed messages, so it is not the bottleneck; its CPU share is printed to show that.
// Each client runs in a fresh process; modes rotate each round; medians are reported.
//
//   npx tsx scripts/bench-ingest.ts [--rounds 3] [--seconds 5] [--warmup 2]
//     [--scenarios base,cardinality,filter,essential] [--messages 40000]
//
// Scenarios: base (demo cluster + 500 scale pods), cardinality (10,000 pods, 50,000 external IPs),
// filter (base stream, a namespace filter pushed down to the server in GetFlowsRequest.whitelist),
// essential (base stream, every client asking for SKYMAP_RELAY_FIELDS=essential's field mask).

import {
  cpuSeconds,
  fmt,
  intArg,
  machineLine,
  median,
  numArg,
  ratio,
  spawnScript,
  strArg,
} from './bench-support';

interface Scenario {
  readonly name: string;
  readonly extraPods: number;
  readonly externalIps: number;
  readonly namespace?: string;
  /** Every client asks for this field set (SKYMAP_RELAY_FIELDS). */
  readonly fields?: 'essential';
}

const SCENARIOS: Record<string, Scenario> = {
  base: { name: 'base: demo cluster + 500 pods', extraPods: 500, externalIps: 2_000 },
  cardinality: {
    name: 'cardinality: 10,000 pods, 50,000 external IPs',
    extraPods: 10_000,
    externalIps: 50_000,
  },
  filter: {
    name: 'filter pushed down: namespace shop (source or destination)',
    extraPods: 500,
    externalIps: 2_000,
    namespace: 'shop',
  },
  essential: {
    name: 'field mask: every client asks for the essential fields (SKYMAP_RELAY_FIELDS=essential)',
    extraPods: 500,
    externalIps: 2_000,
    fields: 'essential',
  },
};

const MODES = [
  { key: 'wire', label: '(a) wire limit: grpc-js, raw bytes, 4 MiB window' },
  { key: 'stock', label: '(b) stock: proto-loader + toObject + Map' },
  { key: 'skymap', label: '(c) Skymap: relay client → hub ingest + tick' },
  { key: 'wire64', label: "(a') grpc-js raw bytes, default 64 KiB window" },
  { key: 'client', label: "(c') Skymap's relay client alone, no hub" },
] as const;

interface Sample {
  rate: number;
  cpuRate: number;
  cpuShare: number;
  serverShare: number;
  rssMiB: number;
  tickMsMax?: number;
}

async function runScenario(s: Scenario, rounds: number, seconds: number, warmup: number): Promise<void> {
  const server = spawnScript('bench-relay-server.ts', [
    '--messages',
    String(intArg('messages', 40_000)),
    '--extra-pods',
    String(s.extraPods),
    '--external-ips',
    String(s.externalIps),
  ]);
  const info = await server.next();
  const serverPid = server.process.pid!;
  console.log(`\n## ${s.name}`);
  console.log(
    `stream: ${fmt(Number(info.messages))} messages replayed in a loop, mean ${info.meanBytes} bytes, ${fmt(Number(info.distinctPods))} distinct pods`,
  );
  const samples = new Map<string, Sample[]>(MODES.map((m) => [m.key, []]));
  const variantArgs: string[] = [];
  if (s.namespace) variantArgs.push('--namespace', s.namespace);
  if (s.fields) variantArgs.push('--fields', s.fields);
  if (variantArgs.length > 0) {
    // The server builds a filtered or masked copy of the stream on the first such request (seconds
    // for a field mask): an untimed client asks first, so no measured client waits for it.
    const prime = spawnScript('bench-ingest-client.ts', [
      ...['--mode', 'wire', '--port', String(info.port), '--seconds', '1', '--warmup', '5'],
      ...variantArgs,
    ]);
    await prime.next();
    await prime.stop();
  }
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < MODES.length; k++) {
      const mode = MODES[(k + round) % MODES.length]!;
      const args = ['--mode', mode.key, '--port', String(info.port), '--seconds', String(seconds)];
      args.push('--warmup', String(warmup), ...variantArgs);
      const client = spawnScript('bench-ingest-client.ts', args);
      const cpu0 = cpuSeconds(serverPid);
      const result = await client.next();
      const serverShare = (cpuSeconds(serverPid) - cpu0) / (seconds + warmup);
      await client.stop();
      samples.get(mode.key)!.push({ ...(result as unknown as Sample), serverShare });
    }
  }
  await server.stop();

  console.log(
    `${'client'.padEnd(50)}${'flows/s'.padStart(11)}${'min–max'.padStart(15)}${'flows/CPU-s'.padStart(13)}${'client CPU'.padStart(12)}${'server CPU'.padStart(12)}`,
  );
  const med = (key: string, f: (x: Sample) => number) => median(samples.get(key)!.map(f));
  for (const m of MODES) {
    const list = samples.get(m.key)!;
    const rates = list.map((x) => x.rate);
    const range = `${Math.round(Math.min(...rates) / 1000)}k–${Math.round(Math.max(...rates) / 1000)}k`;
    console.log(
      `${m.label.padEnd(50)}${fmt(med(m.key, (x) => x.rate)).padStart(11)}${range.padStart(15)}${fmt(med(m.key, (x) => x.cpuRate)).padStart(13)}${`${Math.round(100 * med(m.key, (x) => x.cpuShare))}%`.padStart(12)}${`${Math.round(100 * med(m.key, (x) => x.serverShare))}%`.padStart(12)}`,
    );
  }
  const a = med('wire', (x) => x.rate);
  const b = med('stock', (x) => x.rate);
  const c = med('skymap', (x) => x.rate);
  const a64 = med('wire64', (x) => x.rate);
  const sky = samples.get('skymap')!;
  console.log(
    `ratios, wall clock: c/b = ${ratio(c, b)} (target ≥ 2.0)   c/a = ${ratio(c, a)} (target ≥ 0.5)   c/a' = ${ratio(c, a64)}   ` +
      `b/a = ${ratio(b, a)}`,
  );
  // Per CPU-second of the client: what each approach costs per flow, whatever share of the machine
  // the scheduler gave it (on a shared machine the wall-clock rates mostly measure that share).
  const cpu = (key: string) => med(key, (x) => x.cpuRate);
  console.log(
    `ratios, per CPU-second: c/b = ${ratio(cpu('skymap'), cpu('stock'))}   c/a = ${ratio(cpu('skymap'), cpu('wire'))}   ` +
      `(µs per flow: a ${(1e6 / cpu('wire')).toFixed(1)}, b ${(1e6 / cpu('stock')).toFixed(1)}, c ${(1e6 / cpu('skymap')).toFixed(1)})`,
  );
  // Where (c)'s CPU per flow goes: receiving (a), decoding and de-duplicating (c' − a), the hub (c − c').
  const us = (key: string) => 1e6 / cpu(key);
  console.log(
    `(c) per flow: grpc-js receive ${us('wire').toFixed(1)} µs + decode, de-duplicate, batch ${(us('client') - us('wire')).toFixed(1)} µs + hub ${(us('skymap') - us('client')).toFixed(1)} µs`,
  );
  console.log(
    `Skymap process: RSS ${Math.round(median(sky.map((x) => x.rssMiB)))} MiB, slowest hub tick ${median(sky.map((x) => x.tickMsMax ?? 0)).toFixed(1)} ms (median over rounds)`,
  );
}

async function main(): Promise<void> {
  const rounds = intArg('rounds', 3);
  const seconds = numArg('seconds', 5);
  const warmup = numArg('warmup', 2);
  const names = strArg('scenarios', 'base,cardinality,filter,essential').split(',');
  console.log(`# bench-ingest — ${machineLine()}`);
  console.log(`${rounds} rounds × ${seconds} s per client after ${warmup} s warm-up; medians; loopback only`);
  for (const name of names) {
    const s = SCENARIOS[name];
    if (!s) throw new Error(`unknown scenario ${name} (base, cardinality, filter, essential)`);
    await runScenario(s, rounds, seconds, warmup);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
