// Plain, generated-code-free types for talking to Hubble Relay. The hub, the runtime and the demo
// Relay server import these (type-only) instead of ts-proto messages, which stay inside
// server/sources/hubble.
import type { FlowEvent } from '../../domain/flow';

/**
 * One `flow.FlowFilter` in Hubble's JSON shape (proto field names, enum NAMES), e.g.
 * `{ source_pod: ['shop/'], verdict: ['DROPPED'] }`. All set fields must match (AND); the values of
 * one field are alternatives (OR). A list of filters is OR-ed.
 */
export interface RelayFlowFilter {
  readonly uuid?: readonly string[];
  readonly source_ip?: readonly string[];
  readonly source_ip_xlated?: readonly string[];
  readonly source_pod?: readonly string[];
  readonly source_fqdn?: readonly string[];
  readonly source_label?: readonly string[];
  readonly source_service?: readonly string[];
  readonly source_workload?: readonly { readonly name?: string; readonly kind?: string }[];
  readonly source_cluster_name?: readonly string[];
  readonly destination_ip?: readonly string[];
  readonly destination_pod?: readonly string[];
  readonly destination_fqdn?: readonly string[];
  readonly destination_label?: readonly string[];
  readonly destination_service?: readonly string[];
  readonly destination_workload?: readonly { readonly name?: string; readonly kind?: string }[];
  readonly destination_cluster_name?: readonly string[];
  readonly traffic_direction?: readonly string[];
  readonly verdict?: readonly string[];
  readonly drop_reason_desc?: readonly string[];
  readonly interface?: readonly { readonly index?: number; readonly name?: string }[];
  readonly event_type?: readonly {
    readonly type: number;
    readonly match_sub_type?: boolean;
    readonly sub_type?: number;
  }[];
  readonly http_status_code?: readonly string[];
  readonly protocol?: readonly string[];
  readonly source_port?: readonly string[];
  readonly destination_port?: readonly string[];
  readonly reply?: readonly boolean[];
  readonly dns_query?: readonly string[];
  readonly source_identity?: readonly number[];
  readonly destination_identity?: readonly number[];
  readonly http_method?: readonly string[];
  readonly http_path?: readonly string[];
  readonly http_url?: readonly string[];
  readonly http_header?: readonly { readonly key?: string; readonly value?: string }[];
  readonly tcp_flags?: readonly Readonly<Partial<Record<TcpFlagName, boolean>>>[];
  readonly node_name?: readonly string[];
  readonly node_labels?: readonly string[];
  readonly ip_version?: readonly string[];
  readonly trace_id?: readonly string[];
  /** uint64 as decimal strings. */
  readonly ip_trace_id?: readonly string[];
  readonly encrypted?: readonly boolean[];
  readonly experimental?: { readonly cel_expression?: readonly string[] };
}

export type TcpFlagName = 'FIN' | 'SYN' | 'RST' | 'PSH' | 'ACK' | 'URG' | 'ECE' | 'CWR' | 'NS';

/** `observer.GetFlowsRequest` in domain form. */
export interface RelayFlowsRequest {
  /** Flows per node (not lost events). 0/absent = none, or "all" when not following. */
  readonly number?: number;
  readonly first?: boolean;
  readonly follow?: boolean;
  /** RFC 3339; inclusive lower bound, overrides number/first as the start point. */
  readonly since?: string;
  /** RFC 3339; the stream ends at the first event newer than this. */
  readonly until?: string;
  readonly whitelist?: readonly RelayFlowFilter[];
  readonly blacklist?: readonly RelayFlowFilter[];
  /** Proto-name paths, e.g. `source.pod_name`, `IP`, `l4`. */
  readonly fieldMask?: readonly string[];
}

/** `observer.ServerStatusResponse`. 64-bit counters are numbers (exact below 2^53). */
export interface ServerStatus {
  readonly numFlows: number;
  readonly maxFlows: number;
  readonly seenFlows: number;
  readonly uptimeNs: number;
  /** Relay only; `undefined` when the server is an agent. */
  readonly numConnectedNodes?: number;
  readonly numUnavailableNodes?: number;
  /** At most 10 names. */
  readonly unavailableNodes: readonly string[];
  readonly version: string;
  readonly flowsRate: number;
}

/** `relay.NodeState` names; unknown numbers arrive as decimal strings. */
export type RelayNodeState =
  | 'UNKNOWN_NODE_STATE'
  | 'NODE_CONNECTED'
  | 'NODE_UNAVAILABLE'
  | 'NODE_GONE'
  | 'NODE_ERROR'
  | (string & {});

/** `observer.Node` from GetNodes. */
export interface RelayNode {
  readonly name: string;
  readonly version: string;
  readonly address: string;
  readonly state: RelayNodeState;
  readonly uptimeNs: number;
  readonly numFlows: number;
  readonly maxFlows: number;
  readonly seenFlows: number;
  readonly tls?: { readonly enabled: boolean; readonly serverName: string };
}

export interface RelayNamespace {
  readonly cluster: string;
  readonly namespace: string;
}

export interface RelayTlsOptions {
  /** PEM CA bundle that signed the Relay certificate; system roots when absent. */
  readonly caFile?: string;
  /** Client certificate + key for mTLS; both or neither. */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Name to verify in the Relay certificate (and SNI), e.g. `ui.hubble-relay.cilium.io`. */
  readonly serverName?: string;
}

export type RelayConnectionState = 'connecting' | 'connected' | 'unavailable';

export interface RelayConnectionStatus {
  readonly state: RelayConnectionState;
  readonly address: string;
  /** Text of the last stream error (gRPC code name + details), kept until the next error. */
  readonly lastError?: string;
  /** How many times the GetFlows stream was re-issued after a failure. */
  readonly reconnects: number;
  /** Epoch ms when the current stream delivered its first response. */
  readonly connectedSince?: number;
}

export interface RelayBackoffOptions {
  readonly initialMs: number;
  readonly multiplier: number;
  readonly maxMs: number;
  /** ± fraction of the delay, e.g. 0.2 = ±20 %. */
  readonly jitter: number;
}

export interface RelayClientOptions {
  /** host:port, e.g. `hubble-relay.kube-system:80`. */
  readonly address: string;
  /** Plaintext when absent; TLS when present (mTLS with certFile + keyFile). */
  readonly tls?: RelayTlsOptions;
  /** GetFlows `number` (per node) on the first connect. Default 2000. */
  readonly backfill?: number;
  readonly whitelist?: readonly RelayFlowFilter[];
  readonly blacklist?: readonly RelayFlowFilter[];
  readonly fieldMask?: readonly string[];

  /**
   * Decoded responses in arrival order, batched (never one call per flow). `wires[i]` is the
   * serialized GetFlowsResponse `batch[i]` was decoded from when it is a flow (the client never
   * reuses those bytes; the hub keeps a copy as its flow history).
   */
  readonly onEvents: (batch: readonly FlowEvent[], wires: readonly (Uint8Array | undefined)[]) => void;
  readonly onStatus?: (status: RelayConnectionStatus) => void;
  /** Number of responses that failed to decode since the previous call (a delta). */
  readonly onMalformed?: (count: number) => void;
  readonly onServerStatus?: (status: ServerStatus) => void;
  readonly onNodes?: (nodes: readonly RelayNode[]) => void;
  readonly onNamespaces?: (namespaces: readonly RelayNamespace[]) => void;

  // Tuning; the defaults suit production, tests shorten them.
  /** Deliver a batch at least this often while events arrive. Default 20 ms. */
  readonly batchMaxDelayMs?: number;
  /**
   * Deliver as soon as a batch holds this many events. Default 256: the hub makes several passes
   * over a batch, and a batch that stays in the CPU cache between them made ingest ~10 % cheaper
   * per flow than 2,000 (bench-ingest, alternating runs); at 150k flows/s that is ~600 batches/s.
   */
  readonly batchMaxEvents?: number;
  /** Default 1 s × 1.6, max 30 s, ±20 % jitter. */
  readonly backoff?: Partial<RelayBackoffOptions>;
  /** ServerStatus + GetNodes interval. Default 3000 ms. */
  readonly statusPollMs?: number;
  /** GetNamespaces interval. Default 30000 ms. */
  readonly namespacesPollMs?: number;
  /** Deadline of the unary polls. Default 5000 ms. */
  readonly unaryTimeoutMs?: number;
  /** How far before the newest flow seen a resumed stream starts. Default 2000 ms. */
  readonly resumeOverlapMs?: number;
  /** Upper bound of remembered flow keys for de-duplication. Default 200 000. */
  readonly dedupeMaxKeys?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface RelayClient {
  readonly address: string;
  /** Current connection status (the same object last passed to onStatus). */
  status(): RelayConnectionStatus;
  /** Cancels the stream, stops polls and timers, flushes the pending batch, closes the channel. */
  stop(): void;
}
