// What a conversation is: two peers, a protocol, the policy outcome, optional L7. The compiler in
// flow-compile.ts turns it into the sequence of events Hubble would report for one connection.
import type { Flow, PolicyRef, ServiceRef, TcpFlags } from '../../domain/flow';
import type { NodeModel } from './cluster-model';
import type { Peer } from './flow-peers';

export interface Attribution {
  readonly verdict: 'FORWARDED' | 'REDIRECTED';
  /** policy_match_type: 1 L3-only, 2 L3L4, 3 L4-only, 4 all. */
  readonly match: number;
  readonly by: readonly PolicyRef[];
}

export interface HttpRoute {
  readonly method: string;
  readonly path: string;
  readonly weight: number;
}

export interface HttpSpec {
  readonly protocol: 'HTTP/1.1' | 'HTTP/2';
  /** Host part of the URL the client used, e.g. `cart:8080`. */
  readonly authority: string;
  readonly routes: readonly HttpRoute[];
  readonly medianMs: number;
  readonly errors: 'none' | 'catalog' | 'rare';
  readonly userAgent: string;
  readonly grpc?: boolean;
}

export interface DnsQuery {
  readonly query: string;
  readonly qtype: 'A' | 'AAAA';
  readonly rcode: number;
  readonly ips: readonly string[];
  readonly ttl: number;
}

export interface DenySpec {
  readonly at: 'client' | 'server';
  /** 133 POLICY_DENIED (default deny), 181 POLICY_DENY (deny rule), or another drop reason. */
  readonly code: number;
  /** Deny rules only: the policy named in `*_denied_by` on the verdict event. */
  readonly by?: readonly PolicyRef[];
  /** Whether a policy-verdict event accompanies the drop (policy drops only). */
  readonly verdictEvent: boolean;
  /** SYN plus retransmits. */
  readonly attempts: number;
}

export interface Conv {
  readonly client: Peer;
  readonly server: Peer;
  readonly proto: 'TCP' | 'UDP' | 'ICMPv4' | 'ICMPv6';
  readonly dport: number;
  /** destination_service on requests, source_service on replies. */
  readonly service?: ServiceRef;
  readonly egressAllow?: Attribution;
  readonly ingressAllow?: Attribution;
  readonly http?: HttpSpec;
  readonly dns?: readonly DnsQuery[];
  readonly deny?: DenySpec;
  /** A pooled connection: no handshake or teardown, only data. */
  readonly established?: boolean;
  readonly rounds: number;
  readonly weight: number;
}

export type L7Slot = 'http-req' | 'http-resp';

/** One event of a compiled conversation; `base` holds every field except the per-instance ones. */
export interface Step {
  readonly base: Flow;
  readonly node: NodeModel;
  /** Packet travels client → server. */
  readonly fwd: boolean;
  /** TCP flags object to put in l4 (shared, frozen); undefined = no flags (L7 events). */
  readonly flags?: TcpFlags;
  readonly l4: 'tcp' | 'udp' | 'fixed';
  readonly l7?: L7Slot;
}

export interface CompiledConv {
  readonly conv: Conv;
  readonly steps: readonly Step[];
  /** Compiled for a single use: emission fills the step objects in place instead of copying. */
  readonly oneShot: boolean;
}
