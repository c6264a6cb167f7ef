// Load generator for bench-ingest: a raw HTTP/2 server that answers observer.Observer/GetFlows with
// a recorded stream of pre-framed gRPC messages, replayed in a loop at full speed. It does no
// protobuf work per message (only an 8-byte uuid stamp per message per round), so on loopback the
// client, not this server, is the bottleneck. Filters in the request are applied once, up front
// (standing in for Relay's own filtering), by picking a pre-filtered copy of the stream.
//
//   started by bench-ingest.ts / bench-memory.ts:
//   tsx scripts/bench-relay-server.ts --messages N --extra-pods P --external-ips I [--rate R]
// Prints one JSON line {port, messages, meanBytes, distinctPods} when listening.

import http2 from 'node:http2';
import { matchRelayLists } from '../server/domain/flow-filter';
import { maskFlow } from '../server/domain/flow-mask';
import { decodeGetFlowsRequest } from '../server/sources/hubble/relay-codec';
import type { RelayFlowsRequest } from '../server/sources/hubble/relay-types';
import { type BenchStream, buildBenchStream, filterStream, frameEvents, stampedSlice } from './bench-stream';
import { intArg } from './bench-support';

const GET_FLOWS = '/observer.Observer/GetFlows';
const SLICE = 256 * 1024;
/** Flows per second (0: as fast as the client reads). */
const RATE = intArg('rate', 0, 0);

const base = buildBenchStream({
  messages: intArg('messages', 40_000),
  extraPods: intArg('extra-pods', 500, 0),
  externalIps: intArg('external-ips', 2_000, 0),
  seed: intArg('seed', 11),
  startMs: Date.now() - 2_000,
  spanMs: Math.max(2_000, intArg('messages', 40_000) / 20),
});
const variants = new Map<string, BenchStream>([['', base]]);

function variantFor(req: RelayFlowsRequest): BenchStream {
  const whitelist = req.whitelist ?? [];
  const blacklist = req.blacklist ?? [];
  const mask = req.fieldMask ?? [];
  if (whitelist.length === 0 && blacklist.length === 0 && mask.length === 0) return base;
  const key = JSON.stringify([whitelist, blacklist, mask]);
  let stream = variants.get(key);
  if (stream === undefined) {
    stream = filterStream(base, (e) => e.kind !== 'flow' || matchRelayLists(whitelist, blacklist, e.flow));
    // The field mask, applied once up front like the filters (Relay applies it per flow).
    if (mask.length > 0) {
      stream = frameEvents(
        stream.events.map((e) => (e.kind === 'flow' ? { ...e, flow: maskFlow(e.flow, mask) } : e)),
      );
      const bytes = stream.messageOffsets[stream.messageOffsets.length - 1]!;
      console.log(`field mask: ${mask.length} paths, mean ${Math.round(bytes / stream.events.length)} bytes`);
    }
    variants.set(key, stream);
    const share = (100 * stream.events.length) / Math.max(1, base.events.length);
    console.log(
      `filter pushed down: ${stream.events.length} of ${base.events.length} messages match (${share.toFixed(1)}%)`,
    );
  }
  return stream;
}

function grpcRequest(body: Buffer): RelayFlowsRequest {
  if (body.length < 5) return {};
  return decodeGetFlowsRequest(body.subarray(5, 5 + body.readUInt32BE(1)));
}

function serve(stream: http2.ServerHttp2Stream, variant: BenchStream): void {
  const count = variant.messageOffsets.length - 1;
  let next = 0;
  let round = 0;
  let closed = false;
  stream.on('close', () => {
    closed = true;
  });
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
  if (count === 0) return;

  /** Writes messages up to `limit` (absolute count since the start), in ~256 KiB slices. */
  let sent = 0;
  const writeUpTo = (limit: number, then: () => void): void => {
    while (!closed && sent < limit) {
      let to = next;
      const start = variant.messageOffsets[next]!;
      while (to < count && to - next < limit - sent && variant.messageOffsets[to]! - start < SLICE) to++;
      // Fresh bytes per slice (HTTP/2 may hold earlier slices): uuids stamped with the loop round,
      // flow times with the current second.
      const slice = stampedSlice(variant, next, to, round, Math.floor(Date.now() / 1000));
      sent += to - next;
      next = to;
      if (next === count) {
        next = 0;
        round += 1;
      }
      if (!stream.write(slice)) {
        stream.once('drain', () => writeUpTo(limit, then));
        return;
      }
    }
    if (!closed) then();
  };

  if (RATE <= 0) {
    const loop = () => writeUpTo(sent + 4096, () => setImmediate(loop));
    loop();
    return;
  }
  // Paced: every 10 ms, as many messages as the rate allows since the stream started.
  const started = performance.now();
  let busy = false;
  const timer = setInterval(() => {
    if (closed) {
      clearInterval(timer);
      return;
    }
    if (busy) return;
    busy = true;
    writeUpTo(Math.floor(((performance.now() - started) / 1000) * RATE), () => {
      busy = false;
    });
  }, 10);
}

const server = http2.createServer();
server.on('session', (session) => session.on('error', () => {}));
server.on('stream', (stream, headers) => {
  stream.on('error', () => {});
  if (headers[':path'] !== GET_FLOWS) {
    stream.respond(
      { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' },
      { endStream: true },
    );
    return;
  }
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => {
    let variant: BenchStream;
    try {
      variant = variantFor(grpcRequest(Buffer.concat(chunks)));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '3', 'grpc-message': message },
        { endStream: true },
      );
      return;
    }
    serve(stream, variant);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(
    JSON.stringify({
      port,
      messages: base.events.length,
      meanBytes: Math.round(base.meanBytes),
      distinctPods: base.distinctPods,
    }),
  );
});

process.on('SIGTERM', () => process.exit(0));
// The orchestrator owns this process: exit when it goes away.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
