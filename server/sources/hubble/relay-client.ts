// Hubble Relay client: one follow GetFlows stream decoded with the hand-written decoder, batched
// delivery, resume-with-since + de-duplication after any stream failure, and status polls.
//
// Why each choice (see /work/shared/design/performance-facts.md and hubble/relay-notes.md):
// - raw bytes out of grpc-js (identity deserializer) so a bad message is counted and skipped
//   instead of failing the whole call, and the fast decoder does the only parse;
// - 4 MiB HTTP/2 window: the default 64 KiB leaves the client idle waiting for window updates;
// - no deadline on the stream; keepalive pings no more often than grpc-go servers tolerate
//   (enforcement MinTime 5 min → GOAWAY too_many_pings);
// - a fresh channel per attempt with a local subchannel pool, so grpc-js's own reconnect backoff
//   (up to 120 s) never delays our capped one.
import { type ChannelOptions, Client, type ClientReadableStream, Metadata } from '@grpc/grpc-js';
import type { FlowEvent } from '../../domain/flow';
import { createBackoff } from './backoff';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { createFlowDeduper } from './dedupe';
import { createEventBatcher } from './event-batcher';
import { encodeGetFlowsRequest } from './relay-codec';
import { createRelayPoller, describeGrpcError } from './relay-poller';
import { relayChannelSecurity } from './relay-tls';
import type {
  RelayClient,
  RelayClientOptions,
  RelayConnectionStatus,
  RelayFlowsRequest,
} from './relay-types';

export const GET_FLOWS_PATH = '/observer.Observer/GetFlows';

const DEFAULT_BACKFILL = 2000;
const FLOW_CONTROL_WINDOW = 4 * 1024 * 1024;
const KEEPALIVE_MS = 6 * 60_000;
// Fields resume and de-duplication need; added to any user field mask.
const MASK_ESSENTIALS = ['time', 'uuid', 'node_name'];

const toBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const raw = (b: Buffer): Buffer => b;

/**
 * Starts connecting immediately. Throws RelayTlsError (unreadable/invalid TLS files),
 * RelayFilterError (bad whitelist/blacklist) or RelayCodecError synchronously; everything after
 * that is reported through onStatus, never thrown.
 */
export function createRelayClient(options: RelayClientOptions): RelayClient {
  const now = options.now ?? Date.now;
  const security = relayChannelSecurity(options.tls);
  const channelOptions: ChannelOptions = {
    ...security.channelOptions,
    'grpc-node.flow_control_window': FLOW_CONTROL_WINDOW,
    'grpc.keepalive_time_ms': KEEPALIVE_MS,
    'grpc.keepalive_timeout_ms': 20_000,
    'grpc.keepalive_permit_without_calls': 0,
    'grpc.use_local_subchannel_pool': 1,
  };
  const overlapMs = Math.max(0, options.resumeOverlapMs ?? 2000);
  const fieldMask =
    options.fieldMask && options.fieldMask.length > 0
      ? [...new Set([...options.fieldMask, ...MASK_ESSENTIALS])]
      : undefined;
  const baseRequest: RelayFlowsRequest = {
    follow: true,
    whitelist: options.whitelist,
    blacklist: options.blacklist,
    fieldMask,
  };
  const firstRequest = encodeGetFlowsRequest({
    ...baseRequest,
    number: Math.max(0, Math.floor(options.backfill ?? DEFAULT_BACKFILL)),
  });

  const reportCallbackError = (err: unknown): void => {
    // A consumer bug must not kill the stream handlers (an exception there would be uncaught).
    console.error(
      `skymap relay client: a callback threw: ${err instanceof Error ? err.message : String(err)}`,
    );
  };
  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      reportCallbackError(err);
    }
  };
  const backoff = createBackoff(options.backoff, options.random);
  // The window must cover the overlap plus Relay's ~1 s sort-buffer reordering.
  const deduper = createFlowDeduper({
    windowMs: overlapMs + 3000,
    maxKeys: options.dedupeMaxKeys ?? 200_000,
  });
  // Each flow travels with the bytes it was decoded from: the hub keeps those as its history.
  const batcher = createEventBatcher<FlowEvent, Uint8Array>({
    maxEvents: options.batchMaxEvents ?? 256,
    maxDelayMs: options.batchMaxDelayMs ?? 20,
    deliver: options.onEvents,
    deliverMalformed: options.onMalformed,
    onCallbackError: reportCallbackError,
  });

  let status: RelayConnectionStatus = { state: 'connecting', address: options.address, reconnects: 0 };
  let stopped = false;
  let client: Client | undefined;
  let call: ClientReadableStream<Buffer> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function setStatus(next: RelayConnectionStatus): void {
    status = next;
    guard(() => options.onStatus?.(next));
  }

  function onMessage(bytes: Buffer): void {
    let event: FlowEvent;
    try {
      event = decodeGetFlowsResponse(bytes);
    } catch {
      batcher.countMalformed();
      return;
    }
    if (!deduper.admitEvent(event)) return;
    batcher.push(event, event.kind === 'flow' ? bytes : undefined);
  }

  function markConnected(): void {
    if (status.state === 'connected') return;
    backoff.reset();
    setStatus({ ...status, state: 'connected', connectedSince: now() });
  }

  function streamEnded(ended: ClientReadableStream<Buffer>, reason: string): void {
    if (stopped || ended !== call) return;
    call = undefined;
    batcher.flush();
    setStatus({
      state: 'unavailable',
      address: options.address,
      lastError: reason,
      reconnects: status.reconnects,
    });
    const delay = backoff.next();
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (stopped) return;
      setStatus({ ...status, reconnects: status.reconnects + 1 });
      connect();
    }, delay);
    retryTimer.unref?.();
  }

  function nextRequest(): Uint8Array {
    const since = deduper.beginResume(overlapMs);
    // Nothing received yet: repeat the back-fill; otherwise fill the gap from the last flow seen.
    return since === undefined ? firstRequest : encodeGetFlowsRequest({ ...baseRequest, number: 0, since });
  }

  function connect(): void {
    client?.close();
    client = new Client(options.address, security.credentials, channelOptions);
    const stream = client.makeServerStreamRequest<Uint8Array, Buffer>(
      GET_FLOWS_PATH,
      toBuffer,
      raw,
      nextRequest(),
      new Metadata(),
    );
    call = stream;
    stream.on('metadata', markConnected);
    stream.on('data', (bytes: Buffer) => {
      if (stopped) return;
      if (stream === call) markConnected();
      // Late messages of a finished stream are still new data; the deduper absorbs any overlap.
      onMessage(bytes);
    });
    stream.on('error', (err: unknown) => streamEnded(stream, describeGrpcError(err)));
    stream.on('status', (s: { code: number }) => {
      // A follow stream never ends on its own: OK here is Relay going away (EOF), so reconnect.
      if (s.code === 0) streamEnded(stream, 'stream ended by the server (EOF)');
    });
  }

  const poller = createRelayPoller({
    client: () => client,
    statusPollMs: options.statusPollMs ?? 3000,
    namespacesPollMs: options.namespacesPollMs ?? 30_000,
    unaryTimeoutMs: options.unaryTimeoutMs ?? 5000,
    onServerStatus: options.onServerStatus,
    onNodes: options.onNodes,
    onNamespaces: options.onNamespaces,
    onMalformed: () => batcher.countMalformed(),
    guard,
  });

  setStatus(status);
  connect();
  poller.start();

  return {
    address: options.address,
    status: () => status,
    stop(): void {
      if (stopped) return;
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      poller.stop();
      const current = call;
      call = undefined;
      current?.cancel();
      batcher.close();
      client?.close();
      client = undefined;
    },
  };
}
