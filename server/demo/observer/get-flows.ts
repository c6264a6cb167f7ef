// One GetFlows call on the demo Relay: node_status first (like Relay), then the back-fill chosen by
// selectBackfill, then live events (follow), each through the request's filters and time bounds,
// and cut down to the request's field mask when it has one (as Hubble does before sending).
import { status as grpcStatus, Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import type { Flow, FlowEvent } from '../../domain/flow';
import { maskFlow } from '../../domain/flow-mask';
import { encodeGetFlowsResponseFast } from '../../sources/hubble/encode-flow-fast';
import { decodeGetFlowsRequest } from '../../sources/hubble/relay-codec';
import type { RelayFlowsRequest } from '../../sources/hubble/relay-types';
import { afterUntil, beforeSince, eventNode, eventTime, selectBackfill, timeBounds } from './backfill';
import { StreamWriter } from './stream-writer';
import type { EncodedEvent, FlowPredicate, ObserverSource, RequestFilters } from './types';

export interface GetFlowsContext {
  readonly source: ObserverSource;
  readonly filter: FlowPredicate | undefined;
  readonly relayNodeName: string;
  readonly maxPending: number;
  readonly now: () => number;
  readonly metadata: () => Metadata;
  /** Encoded back-fill events, shared by all clients; entries vanish with the events. */
  readonly encoded: WeakMap<FlowEvent, Uint8Array>;
  readonly streams: Set<ActiveStream>;
  readonly onRequest?: (req: RelayFlowsRequest) => void;
}

export interface ActiveStream {
  /** Ends the stream with UNAVAILABLE. */
  cut(): void;
}

export type GetFlowsCall = ServerWritableStream<Buffer, Uint8Array>;

function fail(call: GetFlowsCall, code: grpcStatus, details: string): void {
  call.emit('error', { code, details, metadata: new Metadata() });
}

export function handleGetFlows(ctx: GetFlowsContext, call: GetFlowsCall): void {
  let req: RelayFlowsRequest;
  try {
    req = decodeGetFlowsRequest(call.request);
  } catch (err) {
    fail(
      call,
      grpcStatus.INVALID_ARGUMENT,
      `invalid GetFlowsRequest: ${err instanceof Error ? err.message : err}`,
    );
    return;
  }
  ctx.onRequest?.(req);
  if (req.first && req.follow) {
    fail(call, grpcStatus.INVALID_ARGUMENT, 'first cannot be specified with follow');
    return;
  }
  try {
    serve(ctx, call, req);
  } catch (err) {
    fail(call, grpcStatus.INTERNAL, `demo relay: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function serve(ctx: GetFlowsContext, call: GetFlowsCall, req: RelayFlowsRequest): void {
  call.sendMetadata(ctx.metadata());
  const nodes = ctx.source.nodes();
  const connected = nodes.filter((n) => n.state === 'NODE_CONNECTED').map((n) => n.name);
  const unavailable = new Set(nodes.filter((n) => n.state !== 'NODE_CONNECTED').map((n) => n.name));
  const filters: RequestFilters = { whitelist: req.whitelist ?? [], blacklist: req.blacklist ?? [] };
  const predicate = filters.whitelist.length + filters.blacklist.length > 0 ? ctx.filter : undefined;
  const accept = (flow: Flow, node: string): boolean =>
    !(unavailable.size > 0 && unavailable.has(node)) && (predicate === undefined || predicate(filters, flow));
  const bounds = timeBounds(req);
  const mask = req.fieldMask && req.fieldMask.length > 0 ? req.fieldMask : undefined;
  // Masked flows are encoded for this stream; unmasked ones reuse the bytes shared by all streams.
  // undefined: the masked flow cannot be encoded (skipped, like an unencodable event).
  const maskEvent =
    mask === undefined
      ? undefined
      : (event: FlowEvent & { kind: 'flow' }): Uint8Array | undefined => {
          try {
            return encodeGetFlowsResponseFast({ ...event, flow: maskFlow(event.flow, mask) });
          } catch {
            return undefined;
          }
        };

  let done = false;
  let unsubscribe: (() => void) | undefined;
  const stream: ActiveStream = {
    cut: () => {
      if (done) return;
      cleanup();
      fail(call, grpcStatus.UNAVAILABLE, 'demo relay: stream cut');
    },
  };
  const cleanup = () => {
    done = true;
    unsubscribe?.();
    unsubscribe = undefined;
    writer.close();
    ctx.streams.delete(stream);
  };
  const finish = () => {
    if (done) return;
    cleanup();
    call.end();
  };
  const relayEvent = (event: FlowEvent): Uint8Array =>
    encodeGetFlowsResponseFast({
      ...event,
      nodeName: ctx.relayNodeName,
      time: new Date(ctx.now()).toISOString(),
    });

  const writer = new StreamWriter(call, {
    maxPending: ctx.maxPending,
    lostEvent: (count) =>
      relayEvent({ kind: 'lost', lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: String(count) } }),
    onBackfillWritten: () => {
      if (!req.follow || backfill.reachedUntil) finish();
    },
  });
  ctx.streams.add(stream);
  call.on('cancelled', cleanup);
  call.on('close', cleanup);
  call.on('error', cleanup);

  const statusEvents: Uint8Array[] = [
    relayEvent({ kind: 'node-status', status: { state_change: 'NODE_CONNECTED', node_names: connected } }),
  ];
  if (unavailable.size > 0) {
    statusEvents.push(
      relayEvent({
        kind: 'node-status',
        status: { state_change: 'NODE_UNAVAILABLE', node_names: [...unavailable] },
      }),
    );
  }
  const backfill = selectBackfill(ctx.source.history(), req, accept);
  writer.start(backfillBytes(ctx, statusEvents, backfill.events, maskEvent));
  if (done || !req.follow || backfill.reachedUntil) return;

  // history() and subscribe() run in the same tick, so no event falls between them.
  const live = (batch: readonly EncodedEvent[]) => {
    for (const { event, bytes } of batch) {
      if (done) return;
      if (event.kind === 'flow') {
        const t = bounds.since || bounds.until ? eventTime(event) : undefined;
        if (afterUntil(t, bounds)) {
          finish();
          return;
        }
        if (beforeSince(t, bounds) || !accept(event.flow, eventNode(event))) continue;
      }
      if (maskEvent !== undefined && event.kind === 'flow') {
        const own = maskEvent(event);
        if (own !== undefined) writer.offer(own);
        continue;
      }
      writer.offer(bytes);
    }
  };
  unsubscribe = ctx.source.subscribe((batch: readonly EncodedEvent[]) => {
    // A throwing filter hook ends this stream, never the source's publish loop.
    try {
      live(batch);
    } catch (err) {
      cleanup();
      fail(
        call,
        grpcStatus.INTERNAL,
        `demo relay: filter failed: ${err instanceof Error ? err.message : err}`,
      );
    }
  });
}

function* backfillBytes(
  ctx: GetFlowsContext,
  head: readonly Uint8Array[],
  events: readonly FlowEvent[],
  masked?: (event: FlowEvent & { kind: 'flow' }) => Uint8Array | undefined,
): Generator<Uint8Array> {
  yield* head;
  for (const event of events) {
    if (masked !== undefined && event.kind === 'flow') {
      const own = masked(event);
      if (own !== undefined) yield own;
      continue;
    }
    let bytes = ctx.encoded.get(event);
    if (bytes === undefined) {
      try {
        bytes = encodeGetFlowsResponseFast(event);
      } catch {
        continue; // An event the source could not have produced on a real wire.
      }
      ctx.encoded.set(event, bytes);
    }
    yield bytes;
  }
}
