// Server side of bench-fanout: a Hub holding a synthetic map (--nodes workloads, --edges edges),
// fed flows on --changing distinct edges per tick (1 tick/s), serving the map as Server-Sent
// Events at GET /map to any number of browsers. Modes:
//   skymap  Skymap's path: MapChannels → one diff per tick, serialized once (LiveChannel), framed
//           by server/transport/sse.ts and written to every subscriber
//   naive   the baseline: every tick, the full view serialized separately for each browser
// Prints {port} when listening, then one {tick, deltaBytes, upserts} line per tick.

import http from 'node:http';
import { Readable } from 'node:stream';
import { Hub } from '../server/hub/hub';
import { sseResponse } from '../server/transport/sse';
import { intArg, strArg } from './bench-support';
import { edgeFlow, makeTopology } from './bench-synthetic';

const mode = strArg('mode', 'skymap');
const nodes = intArg('nodes', 1000);
const edgeCount = intArg('edges', 5000);
const changing = intArg('changing', 2000);
const topo = makeTopology(nodes, edgeCount);
const hub = new Hub({ flowHistory: 20_000, now: Date.now });
const query = { window: '5m' as const };

let serial = 0;
let cursor = 0;
function feed(count: number): void {
  const now = Date.now();
  const batch = [];
  for (let i = 0; i < count; i++) {
    batch.push(edgeFlow(topo, cursor, now, serial++));
    cursor = (cursor + 1) % topo.edges.length;
  }
  hub.ingest(batch);
}
// Every edge exists before browsers connect.
feed(edgeCount);
hub.tick();

const naiveClients = new Set<http.ServerResponse>();
let lastDelta = { bytes: 0, upserts: 0 };
const channel = hub.maps.channel(query);
channel?.subscribe({
  ready: () => true,
  send(message) {
    if (message.event === 'delta') {
      const body = JSON.parse(message.data) as { edges?: { upsert?: unknown[] } };
      lastDelta = { bytes: message.data.length, upserts: body.edges?.upsert?.length ?? 0 };
    }
    return true;
  },
});

let tick = 0;
setInterval(() => {
  feed(changing);
  hub.tick();
  if (mode === 'naive' && naiveClients.size > 0) {
    const view = hub.maps.view(query);
    for (const res of naiveClients) res.write(`event: snapshot\ndata: ${JSON.stringify(view)}\n\n`);
    lastDelta = { bytes: JSON.stringify(view).length, upserts: view.edges.length };
  }
  tick += 1;
  console.log(JSON.stringify({ tick, deltaBytes: lastDelta.bytes, upserts: lastDelta.upserts }));
}, 1000);

const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/map') !== true || channel === undefined) {
    res.writeHead(404).end();
    return;
  }
  if (mode === 'naive') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    naiveClients.add(res);
    req.on('close', () => naiveClients.delete(res));
    return;
  }
  // What Next.js does with a route handler's Response: stream its body into the socket.
  const abort = new AbortController();
  req.on('close', () => abort.abort());
  const response = sseResponse(channel, abort.signal);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  const body = response.body;
  if (body) Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>).pipe(res);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
