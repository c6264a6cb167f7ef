// Fan-out benchmark: what 100 browsers watching the live map cost the server, at 1 tick/s with
// 2,000 edges changing per tick on a 1,000-node / 5,000-edge map. Measured as the server process's
// CPU with the browsers connected minus its CPU without them (ingest and view building are the
// same either way), in the same run for Skymap's path (one diff per tick, serialized once, the same
// bytes written to every browser) and for a naive baseline (the full view serialized per browser
// per tick). Browsers are real SSE connections from a separate process.
//
//   npx tsx scripts/bench-fanout.ts [--clients 100] [--seconds 10] [--nodes 1000] [--edges 5000]
//     [--changing 2000]

import {
  type Child,
  cpuSeconds,
  fmt,
  intArg,
  machineLine,
  numArg,
  sleep,
  spawnScript,
} from './bench-support';

interface Line {
  tick?: number;
  deltaBytes?: number;
  upserts?: number;
  messages?: number;
  bytes?: number;
  connected?: number;
}

function follow(child: Child): Line[] {
  const lines: Line[] = [];
  void (async () => {
    for (;;) {
      try {
        lines.push((await child.next()) as Line);
      } catch {
        return;
      }
    }
  })();
  return lines;
}

async function waitFor(lines: Line[], test: (l: Line) => boolean, timeoutMs = 60_000): Promise<Line> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const hit = lines.find(test);
    if (hit) return hit;
    await sleep(100);
  }
  throw new Error('timed out waiting for a benchmark process');
}

async function cpuOver(pid: number, seconds: number): Promise<number> {
  const c0 = cpuSeconds(pid);
  await sleep(seconds * 1000);
  return (cpuSeconds(pid) - c0) / seconds;
}

interface Result {
  idle: number;
  loaded: number;
  deltaBytes: number;
  upserts: number;
  perClientMsgs: number;
  perClientBytes: number;
}

async function run(mode: string, clients: number, seconds: number, common: string[]): Promise<Result> {
  const server = spawnScript('bench-fanout-server.ts', ['--mode', mode, ...common]);
  const lines = follow(server);
  const { port } = (await waitFor(lines, (l) => 'port' in l)) as { port: number };
  await waitFor(lines, (l) => (l.tick ?? 0) >= 3);
  const pid = server.process.pid!;
  const idle = await cpuOver(pid, seconds);
  const swarm = spawnScript('bench-fanout-clients.ts', [
    '--port',
    String(port),
    '--clients',
    String(clients),
  ]);
  const seen = follow(swarm);
  await waitFor(seen, (l) => l.connected !== undefined);
  await sleep(3000);
  const before = seen[seen.length - 1] ?? { messages: 0, bytes: 0 };
  const loaded = await cpuOver(pid, seconds);
  const after = seen[seen.length - 1] ?? before;
  const ticks = lines.filter((l) => l.tick !== undefined).slice(-seconds);
  await swarm.stop();
  // Idle again after the browsers left: the mean of both idle readings is the baseline.
  await sleep(2000);
  const idleAfter = await cpuOver(pid, seconds);
  await server.stop();
  const avg = (f: (l: Line) => number) => ticks.reduce((s, l) => s + f(l), 0) / Math.max(1, ticks.length);
  return {
    idle: (idle + idleAfter) / 2,
    loaded,
    deltaBytes: avg((l) => l.deltaBytes ?? 0),
    upserts: avg((l) => l.upserts ?? 0),
    perClientMsgs: ((after.messages ?? 0) - (before.messages ?? 0)) / clients / seconds,
    perClientBytes: ((after.bytes ?? 0) - (before.bytes ?? 0)) / clients / seconds,
  };
}

async function main(): Promise<void> {
  const clients = intArg('clients', 100);
  const seconds = numArg('seconds', 10);
  const common = [
    '--nodes',
    String(intArg('nodes', 1000)),
    '--edges',
    String(intArg('edges', 5000)),
    '--changing',
    String(intArg('changing', 2000)),
  ];
  console.log(`# bench-fanout — ${machineLine()}`);
  console.log(`${clients} SSE browsers, 1 tick/s, ${common.join(' ')}, ${seconds} s per measurement`);
  const results = new Map<string, Result>();
  for (const mode of ['skymap', 'naive']) results.set(mode, await run(mode, clients, seconds, common));
  console.log(
    `\n${'server'.padEnd(44)}${'CPU, 0 browsers'.padStart(17)}${`CPU, ${clients}`.padStart(10)}${'browsers cost'.padStart(15)}${'msg/tick'.padStart(11)}${'bytes/s per browser'.padStart(21)}`,
  );
  const label: Record<string, string> = {
    skymap: 'Skymap: diff once, serialize once, send all',
    naive: 'baseline: full view serialized per browser',
  };
  for (const [mode, r] of results) {
    console.log(
      `${label[mode]!.padEnd(44)}${`${(100 * r.idle).toFixed(1)}%`.padStart(17)}${`${(100 * r.loaded).toFixed(1)}%`.padStart(10)}${`${(100 * (r.loaded - r.idle)).toFixed(1)}%`.padStart(15)}${fmt(r.deltaBytes).padStart(11)}${fmt(r.perClientBytes).padStart(21)}`,
    );
  }
  const s = results.get('skymap')!;
  const n = results.get('naive')!;
  console.log(
    `\nSkymap: ${Math.round(s.upserts)} edges upserted per delta, ${s.perClientMsgs.toFixed(2)} messages/s per browser; ` +
      `browsers cost ${(100 * (s.loaded - s.idle)).toFixed(1)}% of one core (target < 10%)`,
  );
  // Below ~1% of a core the difference is within this machine's noise: the ratio is then a floor.
  const skyCost = s.loaded - s.idle;
  const floor = skyCost < 0.01;
  console.log(
    `ratio baseline/Skymap: browsers' CPU ${floor ? '≥ ' : ''}${((n.loaded - n.idle) / Math.max(0.01, skyCost)).toFixed(1)}x, bytes ${(n.perClientBytes / Math.max(1, s.perClientBytes)).toFixed(1)}x` +
      (floor ? ' (Skymap cost below 1% of a core, within noise; ratio computed against 1%)' : ''),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
