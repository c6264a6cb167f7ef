// Contracts of the embedded demo Hubble Relay. The demo-cluster scenario implements ObserverSource;
// the server turns it into a real observer.Observer gRPC service on loopback.
import type { ServerCredentials } from '@grpc/grpc-js';
import type { Flow, FlowEvent } from '../../domain/flow';
import type {
  RelayFlowFilter,
  RelayFlowsRequest,
  RelayNamespace,
  RelayNode,
  ServerStatus,
} from '../../sources/hubble/relay-types';

/** A live event with its serialized GetFlowsResponse, encoded once for every client. */
export interface EncodedEvent {
  readonly event: FlowEvent;
  readonly bytes: Uint8Array;
}

export interface ObserverSource {
  /**
   * The ring buffers' contents, oldest first (bounded like Hubble: 4,095 flows per node). Flows
   * and lost events; the node of a flow is `event.nodeName ?? flow.node_name`.
   */
  history(): readonly FlowEvent[];
  /** Live events in order, pre-encoded (see encodeEvents). Returns the unsubscribe function. */
  subscribe(listener: (batch: readonly EncodedEvent[]) => void): () => void;
  /** Every node Relay knows; `state` NODE_CONNECTED ones serve flows. */
  nodes(): readonly RelayNode[];
  serverStatus(): ServerStatus;
  namespaces(): readonly RelayNamespace[];
}

export interface RequestFilters {
  readonly whitelist: readonly RelayFlowFilter[];
  readonly blacklist: readonly RelayFlowFilter[];
}

/**
 * Hook for a Hubble-compatible filter engine: true when the flow passes (matches any whitelist
 * filter, or the whitelist is empty, and matches no blacklist filter). Not called when both lists
 * are empty. The same `filters` object is passed for every flow of one stream, so an engine can
 * memoize its compiled form in a WeakMap keyed by it. Lost events are never filtered.
 */
export type FlowPredicate = (filters: RequestFilters, flow: Flow) => boolean;

export interface ObserverServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  readonly source: ObserverSource;
  /** Default: accept every flow. */
  readonly filter?: FlowPredicate;
  /** Top-level node_name of Relay-generated node_status / lost_events. Default `hubble-relay`. */
  readonly relayNodeName?: string;
  /** `hubble-relay-version` response header. Default `v1.19.4-skymap-demo`. */
  readonly version?: string;
  /**
   * Messages a client may have queued before it counts as a slow reader and further events are
   * skipped (then reported as one HUBBLE_RING_BUFFER lost event). Default 16,383 (~8–16 MB at
   * Hubble message sizes). Nothing drains within one synchronous publish(), so one batch larger
   * than this is always partly lost: publish often, in batches well below it.
   */
  readonly maxPendingPerClient?: number;
  /** Plaintext when absent (tests pass TLS credentials). */
  readonly credentials?: ServerCredentials;
  /** Sees every decoded GetFlows request (tests, debug logging). */
  readonly onRequest?: (req: RelayFlowsRequest) => void;
  readonly now?: () => number;
}

export interface ObserverServer {
  /** host:port to dial, e.g. `127.0.0.1:41234`. */
  readonly address: string;
  readonly port: number;
  /** Ends every open GetFlows stream with UNAVAILABLE (fault injection); returns how many. */
  cutStreams(): number;
  /** Open GetFlows streams. */
  activeStreams(): number;
  /** Ends every stream and stops the server. */
  close(): Promise<void>;
}
