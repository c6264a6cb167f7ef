// One-shot (non-follow) GetFlows against Hubble Relay, for the flows explorer's back-fill: "give me
// what you still hold between `since` and `until`". The live follow stream (relay-client.ts) never
// carries history older than Skymap's own buffer, so this is a separate short call with a deadline,
// on its own channel, closed as soon as the answer is complete.
import { Client, Metadata } from '@grpc/grpc-js';
import type { FlowEvent } from '../../domain/flow';
import { RingBuffer } from '../../domain/ring-buffer';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { GET_FLOWS_PATH } from './relay-client';
import { encodeGetFlowsRequest } from './relay-codec';
import { describeGrpcError } from './relay-poller';
import { relayChannelSecurity } from './relay-tls';
import type { RelayFlowsRequest, RelayTlsOptions } from './relay-types';

export type FlowOnlyEvent = Extract<FlowEvent, { kind: 'flow' }>;
export type LostOnlyEvent = Extract<FlowEvent, { kind: 'lost' }>;

export interface RelayFetchResult {
  /** Flow events in Relay's order (oldest → newest); only the newest `maxFlows` are kept. */
  readonly flows: FlowOnlyEvent[];
  /** Lost-event notices Relay sent during the call (never filtered by Hubble). */
  readonly lost: LostOnlyEvent[];
  /** Older flows discarded because more than `maxFlows` arrived. */
  readonly discarded: number;
  /** Responses that did not decode (counted, skipped). */
  readonly malformed: number;
  /** Set when the call ended with an error (deadline, UNAVAILABLE, INVALID_ARGUMENT, …); what arrived before is kept. */
  readonly error?: string;
}

export interface RelayFetchOptions {
  /** Keep at most this many flows (the newest). Default 10,000. */
  readonly maxFlows?: number;
  /** Cancels the call (e.g. the HTTP client went away). */
  readonly signal?: AbortSignal;
}

const toBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const raw = (b: Buffer): Buffer => b;

/**
 * Runs GetFlows with `follow` forced off and resolves once Relay ends the stream, the deadline
 * passes or `signal` aborts. Rejects only for problems on our side before anything is sent (bad TLS
 * files: RelayTlsError; values Relay could not accept: RelayCodecError / RelayFilterError).
 */
export async function fetchFlowsOnce(
  address: string,
  tls: RelayTlsOptions | undefined,
  request: RelayFlowsRequest,
  timeoutMs: number,
  options: RelayFetchOptions = {},
): Promise<RelayFetchResult> {
  const bytes = encodeGetFlowsRequest({ ...request, follow: false });
  const security = relayChannelSecurity(tls);
  const maxFlows = Math.max(1, Math.floor(options.maxFlows ?? 10_000));
  const client = new Client(address, security.credentials, {
    ...security.channelOptions,
    // A fresh subchannel: a broken shared one must not turn this call into a long wait.
    'grpc.use_local_subchannel_pool': 1,
  });
  const flows = new RingBuffer<FlowOnlyEvent>(maxFlows);
  const lost: LostOnlyEvent[] = [];
  let received = 0;
  let malformed = 0;

  return new Promise<RelayFetchResult>((resolve) => {
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      client.close();
      const kept = flows.newest(maxFlows).reverse();
      resolve({
        flows: kept,
        lost,
        discarded: received - kept.length,
        malformed,
        ...(error !== undefined ? { error } : {}),
      });
    };
    const call = client.makeServerStreamRequest<Uint8Array, Buffer>(
      GET_FLOWS_PATH,
      toBuffer,
      raw,
      bytes,
      new Metadata(),
      { deadline: Date.now() + Math.max(1, timeoutMs) },
    );
    const onAbort = () => {
      call.cancel();
      finish('cancelled by the caller');
    };
    if (options.signal?.aborted) {
      onAbort();
    } else {
      options.signal?.addEventListener('abort', onAbort, { once: true });
    }
    call.on('data', (message: Buffer) => {
      let event: FlowEvent;
      try {
        event = decodeGetFlowsResponse(message);
      } catch {
        malformed += 1;
        return;
      }
      if (event.kind === 'flow') {
        received += 1;
        flows.push(event);
      } else if (event.kind === 'lost') {
        lost.push(event);
      }
    });
    call.on('error', (err: unknown) => finish(describeGrpcError(err)));
    call.on('status', (s: { code: number }) => {
      if (s.code === 0) finish();
    });
  });
}
