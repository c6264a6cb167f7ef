// Recorded flow streams for the benchmarks: the demo scenario's flows (modern Hubble shape: uuid,
// full label sets, node labels, policies; ~1.1 KB per message) encoded once into pre-framed gRPC
// messages, so a load generator only copies bytes. `extraPods` / `externalIps` set the cardinality.

import { createDemoScenario } from '../server/demo/scenario';
import type { Flow, FlowEvent } from '../server/domain/flow';
import { encodeGetFlowsResponseFast } from '../server/sources/hubble/encode-flow-fast';

export interface BenchStreamOptions {
  readonly messages: number;
  /** Scale pods added to the demo cluster (10 per Deployment). */
  readonly extraPods: number;
  readonly externalIps: number;
  readonly seed?: number;
  /** Flow times run from startMs over spanMs. */
  readonly startMs: number;
  readonly spanMs: number;
}

export interface BenchStream {
  readonly events: readonly FlowEvent[];
  /** Every message behind its 5-byte gRPC header, back to back. */
  readonly framed: Buffer;
  /** Offset in `framed` where each message (its 5-byte header) starts; one extra entry: the end. */
  readonly messageOffsets: Int32Array;
  /** Offset in `framed` of each message's uuid text (-1 when it has none), for patching. */
  readonly uuidOffsets: Int32Array;
  /** Offsets of the 5-byte `seconds` varints of each message's flow.time and response time (-1: none). */
  readonly secondsOffsets: Int32Array;
  readonly meanBytes: number;
  readonly distinctPods: number;
}

export function buildBenchStream(options: BenchStreamOptions): BenchStream {
  const scenario = createDemoScenario({
    seed: options.seed ?? 11,
    startMs: options.startMs,
    scale: { extraPods: options.extraPods, externalIps: options.externalIps },
  });
  const events = scenario.flowsBetween(options.startMs, options.startMs + options.spanMs, options.messages);
  return frameEvents(events);
}

export function frameEvents(events: readonly FlowEvent[]): BenchStream {
  const bodies: Uint8Array[] = [];
  let total = 0;
  const kept: FlowEvent[] = [];
  for (const event of events) {
    const body = encodeGetFlowsResponseFast(event);
    bodies.push(body);
    kept.push(event);
    total += body.length + 5;
  }
  const framed = Buffer.allocUnsafe(total);
  const messageOffsets = new Int32Array(bodies.length + 1);
  const uuidOffsets = new Int32Array(bodies.length);
  const secondsOffsets = new Int32Array(bodies.length * 2).fill(-1);
  const pods = new Set<string>();
  let pos = 0;
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[i]!;
    messageOffsets[i] = pos;
    framed[pos] = 0;
    framed.writeUInt32BE(body.length, pos + 1);
    framed.set(body, pos + 5);
    const event = kept[i]!;
    const uuid = event.kind === 'flow' ? event.flow.uuid : undefined;
    uuidOffsets[i] = uuid ? framed.indexOf(uuid, pos + 5, 'latin1') : -1;
    const at = findSeconds(framed, pos + 5, pos + 5 + body.length, event);
    secondsOffsets[2 * i] = at[0];
    secondsOffsets[2 * i + 1] = at[1];
    if (event.kind === 'flow') {
      const f: Flow = event.flow;
      if (f.source?.pod_name) pods.add(`${f.source.namespace}/${f.source.pod_name}`);
      if (f.destination?.pod_name) pods.add(`${f.destination.namespace}/${f.destination.pod_name}`);
    }
    pos += body.length + 5;
  }
  messageOffsets[bodies.length] = pos;
  return {
    events: kept,
    framed,
    messageOffsets,
    uuidOffsets,
    secondsOffsets,
    meanBytes: total / Math.max(1, bodies.length) - 5,
    distinctPods: pods.size,
  };
}

/** The messages whose events pass `keep`, as a new stream (a filter Relay would apply). */
export function filterStream(stream: BenchStream, keep: (event: FlowEvent) => boolean): BenchStream {
  return frameEvents(stream.events.filter(keep));
}

/** A Timestamp's seconds as the 5-byte varint it is for any date between 1978 and 3058. */
function varint5(value: number, out: Uint8Array): void {
  let v = value;
  for (let i = 0; i < 4; i++) {
    out[i] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  out[4] = v;
}

/** Where the seconds varints of flow.time and of the response time are (first and last match). */
function findSeconds(buf: Buffer, start: number, end: number, event: FlowEvent): [number, number] {
  const text = event.kind === 'flow' ? event.flow.time : undefined;
  if (text === undefined) return [-1, -1];
  const pattern = new Uint8Array(6);
  pattern[0] = 0x08; // Timestamp field 1 (seconds), varint
  varint5(Math.floor(Date.parse(text) / 1000), pattern.subarray(1));
  const first = buf.indexOf(pattern, start);
  if (first < 0 || first >= end) return [-1, -1];
  const last = buf.lastIndexOf(pattern, end - 6);
  return [first + 1, last > first ? last + 1 : -1];
}

const HEX = '0123456789abcdef';

/**
 * Copies messages [from, to) of the stream, rewriting the first 8 hex digits of every uuid with
 * `round` (a stream replayed in a loop must never repeat a flow: Skymap de-duplicates by uuid, as
 * it must after a resumed stream) and every flow time's seconds with `seconds` (flows are "now").
 */
export function stampedSlice(
  stream: BenchStream,
  from: number,
  to: number,
  round: number,
  seconds: number,
): Buffer {
  const base = stream.messageOffsets[from]!;
  const out = Buffer.allocUnsafe(stream.messageOffsets[to]! - base);
  stream.framed.copy(out, 0, base, stream.messageOffsets[to]!);
  const digits = new Uint8Array(8);
  for (let i = 0; i < 8; i++) digits[i] = HEX.charCodeAt((round >>> (28 - 4 * i)) & 15);
  const secs = new Uint8Array(5);
  varint5(seconds, secs);
  for (let m = from; m < to; m++) {
    const at = stream.uuidOffsets[m]!;
    if (at >= 0) out.set(digits, at - base);
    for (let k = 0; k < 2; k++) {
      const s = stream.secondsOffsets[2 * m + k]!;
      if (s >= 0) out.set(secs, s - base);
    }
  }
  return out;
}
