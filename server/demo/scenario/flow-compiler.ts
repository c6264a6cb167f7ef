// Compiles a conversation into Hubble events, following the observation points seen in real
// captures (fixtures/flows): TO_OVERLAY on the sender's node for cross-node packets (no direction,
// no is_reply), TO_ENDPOINT on the receiver's node, TO_STACK towards the host, TO_PROXY into the
// L7 proxy, policy-verdict events on the first packet, verdict + drop pairs per denied SYN.
import type { Flow, TcpFlags } from '../../domain/flow';
import type { NodeModel } from './cluster-model';
import { dropReasonName } from './drop-reasons';
import type { Conv, Step } from './flow-spec';

export const f = <T>(v: T): T => Object.freeze(v);

export const FLAGS = {
  SYN: f<TcpFlags>({ SYN: true }),
  SYN_ACK: f<TcpFlags>({ SYN: true, ACK: true }),
  ACK: f<TcpFlags>({ ACK: true }),
  PSH_ACK: f<TcpFlags>({ PSH: true, ACK: true }),
  FIN_ACK: f<TcpFlags>({ FIN: true, ACK: true }),
};

const FLAG_SUMMARY = new Map<TcpFlags, string>([
  [FLAGS.SYN, 'TCP Flags: SYN'],
  [FLAGS.SYN_ACK, 'TCP Flags: SYN, ACK'],
  [FLAGS.ACK, 'TCP Flags: ACK'],
  [FLAGS.PSH_ACK, 'TCP Flags: ACK, PSH'],
  [FLAGS.FIN_ACK, 'TCP Flags: ACK, FIN'],
]);

/** Monitor trace sub-types (api-facts §6); to-endpoint is 0 and therefore omitted. */
export const EVENT = {
  toEndpoint: f({ type: 4 }),
  toProxy: f({ type: 4, sub_type: 1 }),
  toStack: f({ type: 4, sub_type: 3 }),
  toOverlay: f({ type: 4, sub_type: 4 }),
  verdict: f({ type: 5 }),
  l7: f({ type: 129 }),
};

const POINT_EVENT: Record<string, { type: number; sub_type?: number }> = {
  TO_ENDPOINT: EVENT.toEndpoint,
  TO_PROXY: EVENT.toProxy,
  TO_STACK: EVENT.toStack,
  TO_OVERLAY: EVENT.toOverlay,
};

const ICMP = {
  echoRequest: f({ ICMPv4: f({ type: 8 }) }),
  echoReply: f({ ICMPv4: f({}) }),
  routerSolicitation: f({ ICMPv6: f({ type: 133 }) }),
};

export type Dir = 'INGRESS' | 'EGRESS' | undefined;

interface EventOpts {
  readonly fwd: boolean;
  readonly node: NodeModel;
  readonly event: { type: number; sub_type?: number };
  readonly verdict: string;
  readonly type: 'L3_L4' | 'L7';
  readonly dir: Dir;
  readonly isReply?: boolean;
  readonly point?: string;
  readonly reason?: string;
  readonly flags?: TcpFlags;
  readonly dropCode?: number;
  readonly match?: number;
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly l7?: 'http-req' | 'http-resp' | 'static';
  readonly summary?: string;
}

export class Compiler {
  readonly steps: Step[] = [];
  private readonly ipFwd;
  private readonly ipRev;
  readonly cNode: NodeModel | undefined;
  readonly sNode: NodeModel | undefined;
  readonly sameNode: boolean;

  constructor(
    readonly conv: Conv,
    private readonly oneShot: boolean,
  ) {
    const ipVersion = conv.proto === 'ICMPv6' ? 'IPv6' : 'IPv4';
    this.ipFwd = f({ source: conv.client.ip, destination: conv.server.ip, ipVersion });
    this.ipRev = f({ source: conv.server.ip, destination: conv.client.ip, ipVersion });
    this.cNode = conv.client.node;
    this.sNode = conv.server.node;
    this.sameNode = this.cNode !== undefined && this.cNode === this.sNode;
  }

  private l4Summary(fwd: boolean, flags?: TcpFlags): string {
    const p = this.conv.proto;
    if (p === 'TCP') return flags ? (FLAG_SUMMARY.get(flags) ?? 'TCP Flags: ACK') : 'TCP Flags: ACK';
    if (p === 'UDP') return 'UDP';
    if (p === 'ICMPv6') return 'ICMPv6 RouterSolicitation';
    return fwd ? 'ICMPv4 EchoRequest' : 'ICMPv4 EchoReply';
  }

  push(o: EventOpts): void {
    const c = this.conv;
    const src = o.fwd ? c.client : c.server;
    const dst = o.fwd ? c.server : c.client;
    const b: Record<string, unknown> = { time: '', uuid: '', verdict: o.verdict };
    if (o.dropCode !== undefined) b.drop_reason = o.dropCode;
    b.IP = o.fwd ? this.ipFwd : this.ipRev;
    let l4: Step['l4'] = 'fixed';
    if (c.proto === 'TCP') l4 = 'tcp';
    else if (c.proto === 'UDP') l4 = 'udp';
    else if (c.proto === 'ICMPv6') b.l4 = ICMP.routerSolicitation;
    else b.l4 = o.fwd ? ICMP.echoRequest : ICMP.echoReply;
    if (l4 !== 'fixed') b.l4 = undefined;
    b.source = src.ep;
    b.destination = dst.ep;
    b.Type = o.type;
    b.node_name = o.node.hubbleName;
    b.node_labels = o.node.hubbleNodeLabels;
    if (src.names) b.source_names = src.names;
    if (dst.names) b.destination_names = dst.names;
    if (o.l7) b.l7 = undefined;
    if (o.isReply) b.reply = true;
    b.event_type = o.event;
    if (c.service) b[o.fwd ? 'destination_service' : 'source_service'] = c.service;
    if (o.dir) b.traffic_direction = o.dir;
    if (o.match) b.policy_match_type = o.match;
    if (o.point) b.trace_observation_point = o.point;
    if (o.reason) b.trace_reason = o.reason;
    if (o.dropCode !== undefined) b.drop_reason_desc = dropReasonName(o.dropCode);
    if (o.isReply !== undefined) b.is_reply = o.isReply;
    b.Summary = o.summary ?? this.l4Summary(o.fwd, o.flags);
    if (o.extra) Object.assign(b, o.extra);
    const step: Step = {
      base: this.oneShot ? (b as Flow) : f(b as Flow),
      node: o.node,
      fwd: o.fwd,
      flags: o.l7 ? undefined : o.flags,
      l4,
      l7: o.l7 === 'static' ? undefined : o.l7,
    };
    this.steps.push(step);
  }

  trace(
    fwd: boolean,
    side: 'client' | 'server',
    flags: TcpFlags | undefined,
    reason: string,
    proxy = false,
  ): void {
    const here = side === 'client' ? this.cNode : this.sNode;
    if (!here) return;
    const peerKind = side === 'client' ? this.conv.server.kind : this.conv.client.kind;
    const peerObserved = side === 'client' ? this.sNode !== undefined : this.cNode !== undefined;
    const sending = fwd === (side === 'client');
    let point: string;
    let dir: Dir;
    let isReply: boolean | undefined;
    if (!sending) {
      point = proxy ? 'TO_PROXY' : 'TO_ENDPOINT';
      dir = side === 'client' ? 'EGRESS' : 'INGRESS';
      isReply = !fwd;
    } else if (this.sameNode) {
      return;
    } else if (peerObserved || peerKind === 'remote-node' || peerKind === 'ingress') {
      point = 'TO_OVERLAY';
    } else {
      point = 'TO_STACK';
      dir = side === 'client' ? 'EGRESS' : 'INGRESS';
      isReply = !fwd;
    }
    this.push({
      fwd,
      node: here,
      event: POINT_EVENT[point] ?? EVENT.toEndpoint,
      verdict: 'FORWARDED',
      type: 'L3_L4',
      dir,
      isReply,
      point,
      reason,
      flags,
    });
  }

  verdictEvent(
    side: 'client' | 'server',
    verdict: string,
    match: number,
    flags: TcpFlags | undefined,
    extra?: Record<string, unknown>,
    dropCode?: number,
  ): void {
    const node = side === 'client' ? this.cNode : this.sNode;
    if (!node) return;
    const dir = side === 'client' ? 'EGRESS' : 'INGRESS';
    this.push({
      fwd: true,
      node,
      event: EVENT.verdict,
      verdict,
      type: 'L3_L4',
      dir,
      isReply: dropCode === undefined ? false : undefined,
      flags,
      match,
      extra,
      dropCode,
    });
  }
}
