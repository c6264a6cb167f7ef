// Edge orientation. An edge is (client node, server node, L4 protocol, server port). A request flow
// goes client → server as written; a reply flow (`is_reply` true, or the deprecated `reply` when
// `is_reply` is absent) travels server → client, so its ends and ports are swapped and it counts
// toward the edge of the request it answers. A reply never creates a reverse edge; it creates the
// request's edge when the request itself was never seen. Flows whose direction Hubble leaves unknown
// (no `is_reply`, no `reply`: drops, some trace points such as TO_OVERLAY) are requests unless their
// ports say otherwise: from a port below the ephemeral range to one inside it is a server answering
// a client. Counting those as requests made one edge per client port (thousands of
// "server → client :4xxxx" edges in a minute), which is noise on the map and cost on every tick.

import type { Flow, PortPair } from '../flow';
import type { EndpointSide } from './node-identity';

/** Protocol codes, index into PROTOCOL_NAMES; names are Hubble's `l4` oneof keys. */
export const PROTO_UNKNOWN = 0;
export const PROTO_TCP = 1;
export const PROTO_UDP = 2;
export const PROTO_SCTP = 3;
export const PROTO_ICMPV4 = 4;
export const PROTO_ICMPV6 = 5;
export const PROTO_VRRP = 6;
export const PROTO_IGMP = 7;

export const PROTOCOL_NAMES: readonly string[] = [
  'unknown',
  'TCP',
  'UDP',
  'SCTP',
  'ICMPv4',
  'ICMPv6',
  'VRRP',
  'IGMP',
];

export function protocolHasPorts(code: number): boolean {
  return code === PROTO_TCP || code === PROTO_UDP || code === PROTO_SCTP;
}

/**
 * Linux's default `net.ipv4.ip_local_port_range` starts here; services listen below it (NodePorts
 * end at 32767), clients connect from inside it.
 */
export const EPHEMERAL_PORT_MIN = 32768;

/** Hubble's own answer: `is_reply`, or the deprecated `reply` when `is_reply` is absent. */
export function isReplyFlow(flow: Flow): boolean {
  const isReply: unknown = flow.is_reply;
  if (isReply === true) return true;
  if (isReply === false) return false;
  return flow.reply === true;
}

/** Hubble left the direction unknown: no `is_reply`, no deprecated `reply`. */
export function directionUnknown(flow: Flow): boolean {
  const isReply: unknown = flow.is_reply;
  return isReply !== true && isReply !== false && flow.reply !== true;
}

/**
 * Whether the flow counts as a reply by what it carries: Hubble's answer when it has one, otherwise
 * (direction unknown) true only for a flow from a service port to an ephemeral port of protocol
 * `code`. The aggregator adds what only it knows: an unknown-direction flow answering a request edge
 * it has already seen (a server listening inside the ephemeral range, gRPC's 50051 say).
 */
export function countsAsReply(flow: Flow, code: number): boolean {
  const isReply: unknown = flow.is_reply;
  if (isReply === true) return true;
  if (isReply === false) return false;
  if (flow.reply === true) return true;
  const l4 = flow.l4;
  if (l4 === undefined || l4 === null || typeof l4 !== 'object') return false;
  let pair: PortPair | undefined;
  if (code === PROTO_TCP) pair = l4.TCP;
  else if (code === PROTO_UDP) pair = l4.UDP;
  else if (code === PROTO_SCTP) pair = l4.SCTP;
  if (pair === undefined || pair === null || typeof pair !== 'object') return false;
  const from = validPort(pair.source_port);
  return from > 0 && from < EPHEMERAL_PORT_MIN && validPort(pair.destination_port) >= EPHEMERAL_PORT_MIN;
}

/** The protocol code of the flow's `l4` oneof. */
export function protocolOf(flow: Flow): number {
  const l4 = flow.l4;
  if (l4 === undefined || l4 === null || typeof l4 !== 'object') return PROTO_UNKNOWN;
  if (l4.TCP !== undefined) return PROTO_TCP;
  if (l4.UDP !== undefined) return PROTO_UDP;
  if (l4.ICMPv4 !== undefined) return PROTO_ICMPV4;
  if (l4.ICMPv6 !== undefined) return PROTO_ICMPV6;
  if (l4.SCTP !== undefined) return PROTO_SCTP;
  if (l4.VRRP !== undefined) return PROTO_VRRP;
  if (l4.IGMP !== undefined) return PROTO_IGMP;
  return PROTO_UNKNOWN;
}

function validPort(value: unknown): number {
  return typeof value === 'number' && value >= 0 && value <= 65535 ? value | 0 : 0;
}

/**
 * The server port for a flow of protocol `code` (0 when a port protocol omits it, as proto3 JSON
 * does for zero). Only meaningful when protocolHasPorts(code).
 */
export function serverPortOf(flow: Flow, code: number, reply: boolean): number {
  const l4 = flow.l4;
  if (l4 === undefined) return 0;
  let pair: PortPair | undefined;
  if (code === PROTO_TCP) pair = l4.TCP;
  else if (code === PROTO_UDP) pair = l4.UDP;
  else if (code === PROTO_SCTP) pair = l4.SCTP;
  if (pair === undefined || pair === null || typeof pair !== 'object') return 0;
  return validPort(reply ? pair.source_port : pair.destination_port);
}

export interface EdgeOrientation {
  readonly clientSide: EndpointSide;
  readonly serverSide: EndpointSide;
  readonly reply: boolean;
  readonly protocol: string;
  /** Null for protocols without ports. */
  readonly port: number | null;
}

/** The orientation of one flow (allocates; the aggregator uses the pieces above directly). */
export function orientFlow(flow: Flow): EdgeOrientation {
  const code = protocolOf(flow);
  const reply = countsAsReply(flow, code);
  return {
    clientSide: reply ? 'destination' : 'source',
    serverSide: reply ? 'source' : 'destination',
    reply,
    protocol: PROTOCOL_NAMES[code] as string,
    port: protocolHasPorts(code) ? serverPortOf(flow, code, reply) : null,
  };
}
