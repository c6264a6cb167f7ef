// Periodic unary calls next to the flow stream, like hubble-ui's status checker: ServerStatus +
// GetNodes every few seconds, GetNamespaces rarely. Each call has a deadline (never the stream),
// never overlaps its previous run, and UNIMPLEMENTED (agent-local servers, old Relays) is silent.
import { type Client, status as grpcStatus, Metadata, type ServiceError } from '@grpc/grpc-js';
import {
  decodeGetNamespacesResponse,
  decodeGetNodesResponse,
  decodeServerStatus,
  EMPTY_MESSAGE,
} from './relay-codec';
import type { RelayNamespace, RelayNode, ServerStatus } from './relay-types';

export const SERVER_STATUS_PATH = '/observer.Observer/ServerStatus';
export const GET_NODES_PATH = '/observer.Observer/GetNodes';
export const GET_NAMESPACES_PATH = '/observer.Observer/GetNamespaces';

export interface RelayPollerOptions {
  readonly client: () => Client | undefined;
  readonly statusPollMs: number;
  readonly namespacesPollMs: number;
  readonly unaryTimeoutMs: number;
  readonly onServerStatus?: (status: ServerStatus) => void;
  readonly onNodes?: (nodes: readonly RelayNode[]) => void;
  readonly onNamespaces?: (namespaces: readonly RelayNamespace[]) => void;
  /** A response that did not decode. */
  readonly onMalformed: () => void;
  readonly guard: (fn: () => void) => void;
}

export interface RelayPoller {
  /** Polls now, then on the intervals. */
  start(): void;
  stop(): void;
}

const toBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const raw = (b: Buffer): Buffer => b;

export function createRelayPoller(options: RelayPollerOptions): RelayPoller {
  const inFlight = new Set<string>();
  const timers: ReturnType<typeof setInterval>[] = [];
  let stopped = false;

  function call<T>(
    path: string,
    decode: (b: Uint8Array) => T,
    deliver: ((value: T) => void) | undefined,
  ): void {
    const client = options.client();
    if (stopped || deliver === undefined || client === undefined || inFlight.has(path)) return;
    inFlight.add(path);
    const deadline = Date.now() + options.unaryTimeoutMs;
    client.makeUnaryRequest(
      path,
      toBuffer,
      raw,
      EMPTY_MESSAGE,
      new Metadata(),
      { deadline },
      (err: ServiceError | null, value?: Buffer) => {
        inFlight.delete(path);
        // Errors other than UNIMPLEMENTED are connectivity problems the flow stream already
        // reports; a poll that fails just tries again next interval.
        if (stopped || err || value === undefined) return;
        let decoded: T;
        try {
          decoded = decode(value);
        } catch {
          options.onMalformed();
          return;
        }
        options.guard(() => deliver(decoded));
      },
    );
  }

  function pollStatus(): void {
    call(SERVER_STATUS_PATH, decodeServerStatus, options.onServerStatus);
    call(GET_NODES_PATH, decodeGetNodesResponse, options.onNodes);
  }

  function pollNamespaces(): void {
    call(GET_NAMESPACES_PATH, decodeGetNamespacesResponse, options.onNamespaces);
  }

  return {
    start(): void {
      if (stopped || timers.length > 0) return;
      pollStatus();
      pollNamespaces();
      timers.push(setInterval(pollStatus, Math.max(10, options.statusPollMs)));
      timers.push(setInterval(pollNamespaces, Math.max(10, options.namespacesPollMs)));
      for (const t of timers) t.unref?.();
    },
    stop(): void {
      stopped = true;
      for (const t of timers) clearInterval(t);
      timers.length = 0;
    },
  };
}

/** `UNAVAILABLE: details`, the way grpc-go and the Hubble CLI print a status. */
export function describeGrpcError(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number') {
    const name = grpcStatus[err.code] ?? `code ${err.code}`;
    // grpc-js appends an empty "Resolution note: " to connection errors; it only adds noise.
    const details =
      'details' in err && typeof err.details === 'string'
        ? err.details.replace(/\.? Resolution note: ?$/, '')
        : '';
    return details ? `${name}: ${details}` : name;
  }
  return err instanceof Error ? err.message : String(err);
}
