import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { ESSENTIAL_FLOW_FIELDS } from '../server/sources/hubble/relay-fields';
import type { RelayClientOptions, RelayFlowFilter } from '../server/sources/hubble/relay-types';
import { stockObserverClient } from './bench-stock-client';
import { intArg, numArg, strArg } from './bench-support';

const GET_FLOWS = '/observer.Observer/GetFlows';

type Counter = () => number;

function filters(): RelayFlowFilter[] {
  const ns = strArg('namespace', '');
  return ns === '' ? [] : [{ source_pod: [`${ns}/`] }, { destination_pod: [`${ns}/`] }];
}

/** --fields essential: every client asks for Skymap's essential field mask (same stream for all). */
function fieldMask(): readonly string[] | undefined {
  return strArg('fields', 'all') === 'essential' ? ESSENTIAL_FLOW_FIELDS : undefined;
}

async function wire(address: string, window: number | undefined): Promise<Counter> {
  const { encodeGetFlowsRequest } = await import('../server/sources/hubble/relay-codec');
  const client = new Client(
    address,
    credentials.createInsecure(),
    window ? { 'grpc-node.flow_control_window': window } : {},
  );
  let count = 0;
  const call = client.makeServerStreamRequest<Uint8Array, Buffer>(
    GET_FLOWS,
    (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    (b) => b,
    encodeGetFlowsRequest({ follow: true, whitelist: filters(), fieldMask: fieldMask() }),
    new Metadata(),
  );
  call.on('data', () => {
    count += 1;
  });
  call.on('error', () => {});
  return () => count;
}

interface StockEndpoint {
  namespace?: string;
  pod_name?: string;
}

function stock(address: string): Counter {
  const client = stockObserverClient(address);
  const pairs = new Map<string, number>();
  let count = 0;
  const mask = fieldMask();
  const call = client.GetFlows({
    follow: true,
    whitelist: filters(),
    ...(mask ? { field_mask: { paths: [...mask] } } : {}),
  });
  const name = (e: StockEndpoint | undefined) => (e?.pod_name ? `${e.namespace}/${e.pod_name}` : 'world');
  call.on('data', (msg: { flow?: { source?: StockEndpoint; destination?: StockEndpoint } }) => {
    count += 1;
    const f = msg.flow;
    if (f === undefined) return;
    const key = `${name(f.source)}>${name(f.destination)}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  });
  call.on('error', () => {});
  return () => count;
}

/** Skymap's Relay client as the product starts it, but with the bench's stream options. */
async function startRelayClient(address: string, onEvents: RelayClientOptions['onEvents']): Promise<void> {
  const { createRelayClient } = await import('../server/sources/hubble/relay-client');
  createRelayClient({
    address,
    whitelist: filters(),
    fieldMask: fieldMask(),
    onEvents,
    dedupeMaxKeys: intArg('dedupe-keys', 200_000),
    // --batch N overrides the product default (relay-types.ts batchMaxEvents).
    batchMaxEvents: intArg('batch', 0, 0) || undefined,
    statusPollMs: 60_000,
    namespacesPollMs: 60_000,
  });
}

/** Skymap's Relay client alone (receive, decode, de-duplicate, batch): what (c) costs before the hub. */
async function relayClientOnly(address: string): Promise<Counter> {
  let count = 0;
  await startRelayClient(address, (batch) => {
    count += batch.length;
  });
  return () => count;
}

async function skymap(address: string): Promise<Counter> {
  const { Hub } = await import('../server/hub/hub');
  const hub = new Hub({ flowHistory: intArg('history', 20_000), now: Date.now });
  // One browser on the flow tail and one on the default map view, as on a watched dashboard.
  const sink = { ready: () => true, send: () => true };
  hub.flowTail.subscribe(sink);
  hub.maps.channel({ window: '5m' })?.subscribe(sink);
  const ticks: number[] = [];
  const timer = setInterval(() => {
    const start = performance.now();
    hub.tick();
    ticks.push(performance.now() - start);
  }, 1000);
  timer.unref();
  await startRelayClient(address, (batch, wires) => hub.ingest(batch, wires));
  tickLog = ticks;
  return () => hub.counters.flowsReceived;
}

let tickLog: number[] = [];

async function main(): Promise<void> {
  const mode = strArg('mode', 'skymap');
  const address = `127.0.0.1:${intArg('port', 0)}`;
  const warmup = numArg('warmup', 2);
  const seconds = numArg('seconds', 5);
  const counter =
    mode === 'wire'
      ? await wire(address, 4 * 1024 * 1024)
      : mode === 'wire64'
        ? await wire(address, undefined)
        : mode === 'stock'
          ? stock(address)
          : mode === 'skymap'
            ? await skymap(address)
            : mode === 'client'
              ? await relayClientOnly(address)
              : undefined;
  if (counter === undefined) throw new Error(`unknown --mode ${mode}`);
  await new Promise((resolve) => setTimeout(resolve, warmup * 1000));
  const startCount = counter();
  const startCpu = process.cpuUsage();
  const start = performance.now();
  const ticksBefore = tickLog.length;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(startCpu);
  const flows = counter() - startCount;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const ticks = tickLog.slice(ticksBefore);
  console.log(
    JSON.stringify({
      mode,
      flows,
      rate: flows / elapsed,
      cpuRate: flows / cpuSeconds,
      cpuShare: cpuSeconds / elapsed,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
      tickMsMax: ticks.length ? Math.max(...ticks) : undefined,
      tickMsMean: ticks.length ? ticks.reduce((a, b) => a + b, 0) / ticks.length : undefined,
    }),
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
