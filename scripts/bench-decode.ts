// Decode benchmark for GetFlowsResponse messages, one core, in one process:
//   (a) the hand-written decoder (server/sources/hubble/decode-flow-response.ts) -> domain FlowEvent
//   (b) ts-proto GetFlowsResponse.decode -> generated objects
//   (c) the stock @grpc/proto-loader path: protobufjs decode + toObject (the GetFlows
//       responseDeserialize a proto-loader client would use)
// The stream is the real fixture flows re-encoded with varied pods, ports, identities and times.
//
//   npx tsx scripts/bench-decode.ts [--flows 50000] [--rounds 7] [--pod-variants 40]
//
// --pod-variants: how many replicas of each fixture pod the stream spreads flows over. The
// default (40, about 1,200 distinct pods) is a mid-sized cluster; a large value models a huge
// cluster where pod names rarely repeat (the hand decoder's string cache then mostly misses).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as protoLoader from '@grpc/proto-loader';
import { GetFlowsResponse } from '../proto/gen/observer/observer';
import type { Endpoint, Flow, FlowEvent } from '../server/domain/flow';
import { decodeGetFlowsResponse } from '../server/sources/hubble/decode-flow-response';
import { encodeGetFlowsResponse } from '../server/sources/hubble/encode-flow-response';
import { parseFlowJsonLine } from '../server/sources/hubble/flow-from-json';
import { stockPackageDefinition } from './bench-stock-client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.resolve(ROOT, '../shared/fixtures/flows');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

function fixtureFlows(): Flow[] {
  const flows: Flow[] = [];
  for (const file of jsonFiles(FIXTURES)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseFlowJsonLine(line);
      if ('event' in parsed && parsed.event.kind === 'flow') flows.push(parsed.event.flow);
    }
  }
  if (flows.length === 0) throw new Error(`no fixture flows under ${FIXTURES}`);
  return flows;
}

// Deterministic PRNG so every run decodes the same stream.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vary(e: Endpoint | undefined, replica: number, next: () => number): Endpoint | undefined {
  if (e === undefined) return undefined;
  return {
    ...e,
    ...(e.pod_name ? { pod_name: `${e.pod_name.slice(0, 40)}-${replica}` } : {}),
    ...(e.identity ? { identity: e.identity + Math.floor(next() * 50) } : {}),
  };
}

function buildStream(count: number, podVariants: number): Buffer[] {
  const base = fixtureFlows();
  const next = rng(1);
  const startSeconds = 1_770_000_000;
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const f = base[i % base.length]!;
    // ~5,000 flows/s: several flows share each second, as on a busy Relay.
    const nanosTotal = i * 200_000 + Math.floor(next() * 1000);
    const seconds = startSeconds + Math.floor(nanosTotal / 1e9);
    const time = new Date(seconds * 1000)
      .toISOString()
      .replace('.000Z', `.${String(nanosTotal % 1e9).padStart(9, '0')}Z`);
    const port = 1024 + Math.floor(next() * 60000);
    const l4 = f.l4?.TCP
      ? { TCP: { ...f.l4.TCP, source_port: port } }
      : f.l4?.UDP
        ? { UDP: { ...f.l4.UDP, source_port: port } }
        : f.l4;
    const flow: Flow = {
      ...f,
      time,
      l4,
      source: vary(f.source, Math.floor(next() * podVariants), next),
      destination: vary(f.destination, Math.floor(next() * podVariants), next),
    };
    const event: FlowEvent = { kind: 'flow', flow, nodeName: f.node_name, time };
    const bytes = encodeGetFlowsResponse(event);
    // grpc-js hands deserializers a Buffer; give every decoder the same input type.
    out.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return out;
}

type Decoder = { name: string; decode: (b: Buffer) => unknown; sample: (v: unknown) => number };

function stockDecoder(): (b: Buffer) => unknown {
  const def = stockPackageDefinition();
  const service = def['observer.Observer'] as Record<string, protoLoader.MethodDefinition<unknown, unknown>>;
  const getFlows = service.GetFlows;
  if (getFlows === undefined) throw new Error('observer.Observer/GetFlows not found');
  return getFlows.responseDeserialize;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function main(): void {
  const count = arg('flows', 50_000);
  const rounds = arg('rounds', 7);
  const podVariants = arg('pod-variants', 40);
  const stream = buildStream(count, podVariants);
  const bytes = stream.reduce((n, b) => n + b.length, 0);
  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}, single thread`);
  console.log(
    `stream: ${count} GetFlowsResponse messages, mean ${(bytes / count).toFixed(0)} bytes, ${podVariants} replicas per fixture pod`,
  );

  const stock = stockDecoder();
  const decoders: Decoder[] = [
    {
      name: '(a) hand decoder -> FlowEvent',
      decode: decodeGetFlowsResponse,
      sample: (v) =>
        (v as FlowEvent).kind === 'flow' ? ((v as { flow: Flow }).flow.source?.pod_name?.length ?? 0) : 0,
    },
    {
      name: '(b) ts-proto GetFlowsResponse.decode',
      decode: (b) => GetFlowsResponse.decode(b),
      sample: (v) => (v as GetFlowsResponse).flow?.source?.podName.length ?? 0,
    },
    {
      name: '(c) proto-loader (protobufjs + toObject)',
      decode: stock,
      sample: (v) => (v as { flow?: { source?: { pod_name?: string } } }).flow?.source?.pod_name?.length ?? 0,
    },
  ];

  // Same answer from all three on the first message, so nobody is measured doing less work.
  const first = stream[0]!;
  const samples = decoders.map((d) => d.sample(d.decode(first)));
  if (new Set(samples).size !== 1) throw new Error(`decoders disagree on the sample field: ${samples}`);

  // Wall-clock rate, and rate per CPU-second of this process: the second stays meaningful when
  // other work shares the cores (it excludes time the process was not scheduled).
  const wall = new Map<string, number[]>(decoders.map((d) => [d.name, []]));
  const cpu = new Map<string, number[]>(decoders.map((d) => [d.name, []]));
  let sink = 0;
  for (let round = -1; round < rounds; round++) {
    // Rotate the order so no decoder always runs right after another's garbage.
    for (let k = 0; k < decoders.length; k++) {
      const d = decoders[(k + Math.max(round, 0)) % decoders.length]!;
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let i = 0; i < stream.length; i++) sink += d.sample(d.decode(stream[i]!));
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const used = process.cpuUsage(cpuStart);
      if (round < 0) continue; // warm-up
      wall.get(d.name)!.push(stream.length / seconds);
      cpu.get(d.name)!.push(stream.length / ((used.user + used.system) / 1e6));
    }
  }

  const load = os.loadavg()[0]!;
  console.log(`\n${rounds} rounds after 1 warm-up round; medians (load average ${load.toFixed(2)}):`);
  console.log(
    `${'decoder'.padEnd(44)}${'flows/s'.padStart(11)}${'µs/flow'.padStart(9)}${'flows/CPU-s'.padStart(13)}${'µs CPU/flow'.padStart(13)}${'wall min–max'.padStart(15)}`,
  );
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  for (const d of decoders) {
    const w = wall.get(d.name)!;
    const c = median(cpu.get(d.name)!);
    const m = median(w);
    const range = `${Math.round(Math.min(...w) / 1000)}k–${Math.round(Math.max(...w) / 1000)}k`;
    console.log(
      `${d.name.padEnd(44)}${fmt(m).padStart(11)}${(1e6 / m).toFixed(2).padStart(9)}${fmt(c).padStart(13)}${(1e6 / c).toFixed(2).padStart(13)}${range.padStart(15)}`,
    );
  }
  const ratio = (rates: Map<string, number[]>) => {
    const [a, b, c] = decoders.map((d) => median(rates.get(d.name)!));
    return `a/b = ${(a! / b!).toFixed(2)}x, a/c = ${(a! / c!).toFixed(2)}x`;
  };
  console.log(`\nratios (wall): ${ratio(wall)}; ratios (CPU time): ${ratio(cpu)}   (sink ${sink})`);
}

main();
