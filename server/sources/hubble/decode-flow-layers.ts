// Hand-written readers for the packet-layer parts of a flow: Ethernet, IP, Layer4 (oneof
// protocol) and Tunnel. Same conventions as decode-flow-parts.ts.

import type { IpInfo, Layer4, TcpFlags } from '../../domain/flow';
import type { Mutable } from './decode-flow-parts';
import { IP_VERSION, TUNNEL_PROTOCOL } from './enum-names';
import type { WireReader } from './wire-reader';

// Module-local copies of imported bindings. Compiled to CommonJS (tsx, bundlers), each use of
// an import becomes a getter call; in these per-field loops that measured ~20% of decode time.
const _IP_VERSION = IP_VERSION;
const _TUNNEL_PROTOCOL = TUNNEL_PROTOCOL;

type Ports = { source_port?: number; destination_port?: number };
type Tunnel = { protocol?: string; IP?: Mutable<IpInfo>; l4?: Mutable<Layer4>; vni?: number };

const TWO_FIELDS = new Set([1, 2]);
const THREE_FIELDS = new Set([1, 2, 3]);
const FOUR_FIELDS = new Set([1, 2, 3, 4]);
const FIVE_FIELDS = new Set([1, 2, 3, 4, 5]);
const SEVEN_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7]);
const NINE_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]);

export function readEthernet(r: WireReader, o: { source?: string; destination?: string }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 10 /* 1:LEN */) {
      const s = r.string();
      if (s !== '') o.source = s;
    } else if (tag === 18 /* 2:LEN */) {
      const s = r.string();
      if (s !== '') o.destination = s;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

export function readIp(r: WireReader, o: Mutable<IpInfo>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* 1:LEN */:
        {
          const s = r.string();
          if (s !== '') o.source = s;
          break;
        }
      case 18 /* 2:LEN */:
        {
          const s = r.string();
          if (s !== '') o.destination = s;
          break;
        }
      case 24 /* 3:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.ipVersion = _IP_VERSION.nameOf(v);
          break;
        }
      case 32 /* 4:VARINT */:
        if (r.bool()) o.encrypted = true;
        break;
      case 42 /* 5:LEN */:
        {
          const s = r.string();
          if (s !== '') o.source_xlated = s;
          break;
        }
      default:
        r.skipUnknown(tag, FIVE_FIELDS);
    }
  }
}

// A later oneof member replaces an earlier one (protobuf merge rule); rare, so delete is fine.
// Checked member by member: Object.keys here allocated an array for every flow.
function clearMembers(o: Record<string, unknown>): void {
  for (let i = 0; i < LAYER4_KEYS.length; i++) {
    const key = LAYER4_KEYS[i]!;
    if (o[key] !== undefined) delete o[key];
  }
}

/** Layer4's oneof members by field number: key and the reader for that member's message. */
const LAYER4_MEMBERS: Record<number, readonly [keyof Layer4, (r: WireReader, o: never) => void]> = {
  10 /* 1:LEN */: ['TCP', readTcp],
  18 /* 2:LEN */: ['UDP', readPorts],
  26 /* 3:LEN */: ['ICMPv4', readIcmp],
  34 /* 4:LEN */: ['ICMPv6', readIcmp],
  42 /* 5:LEN */: ['SCTP', readPorts],
  50 /* 6:LEN */: ['VRRP', readVrrp],
  58 /* 7:LEN */: ['IGMP', readIgmp],
};
const LAYER4_KEYS: readonly string[] = Object.values(LAYER4_MEMBERS).map((member) => member[0]);

function hasMember(o: Layer4): boolean {
  return (o.TCP ?? o.UDP ?? o.ICMPv4 ?? o.ICMPv6 ?? o.SCTP ?? o.VRRP ?? o.IGMP) !== undefined;
}

export function readLayer4(r: WireReader, o: Mutable<Layer4>): void {
  const members = o as Record<string, object | undefined>;
  while (r.pos < r.end) {
    const tag = r.tag();
    const member = LAYER4_MEMBERS[tag];
    if (member === undefined) {
      r.skipUnknown(tag, SEVEN_FIELDS);
      continue;
    }
    const [key, read] = member;
    const cur = members[key];
    // The common case, a first member into an empty Layer4, needs no clearing.
    if (cur === undefined && hasMember(o)) clearMembers(members);
    members[key] = r.message(read as (r: WireReader, o: object) => void, cur ?? {});
  }
}

function readTcp(r: WireReader, o: Ports & { flags?: Mutable<TcpFlags> }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.source_port = v;
    } else if (tag === 16 /* 2:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.destination_port = v;
    } else if (tag === 26 /* 3:LEN */) {
      o.flags = r.message(readTcpFlags, o.flags ?? {});
    } else r.skipUnknown(tag, THREE_FIELDS);
  }
}

function readTcpFlags(r: WireReader, o: Mutable<TcpFlags>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if ((tag & 7) !== 0 /* VARINT */ || tag >>> 3 > 9) {
      r.skipUnknown(tag, NINE_FIELDS);
      continue;
    }
    if (!r.bool()) continue;
    switch (tag >>> 3) {
      case 1:
        o.FIN = true;
        break;
      case 2:
        o.SYN = true;
        break;
      case 3:
        o.RST = true;
        break;
      case 4:
        o.PSH = true;
        break;
      case 5:
        o.ACK = true;
        break;
      case 6:
        o.URG = true;
        break;
      case 7:
        o.ECE = true;
        break;
      case 8:
        o.CWR = true;
        break;
      default:
        o.NS = true;
    }
  }
}

/** UDP and SCTP share {source_port, destination_port}. */
function readPorts(r: WireReader, o: Ports): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.source_port = v;
    } else if (tag === 16 /* 2:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.destination_port = v;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

function readIcmp(r: WireReader, o: { type?: number; code?: number }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.type = v;
    } else if (tag === 16 /* 2:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.code = v;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

function readVrrp(r: WireReader, o: { type?: number; vrid?: number; priority?: number }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    const field = tag >>> 3;
    if ((tag & 7) !== 0 /* VARINT */ || field > 3) {
      r.skipUnknown(tag, THREE_FIELDS);
      continue;
    }
    const v = r.uint32();
    if (v === 0) continue;
    if (field === 1) o.type = v;
    else if (field === 2) o.vrid = v;
    else o.priority = v;
  }
}

function readIgmp(r: WireReader, o: { type?: number; group_address?: string }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.type = v;
    } else if (tag === 18 /* 2:LEN */) {
      const s = r.string();
      if (s !== '') o.group_address = s;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

export function readTunnel(r: WireReader, o: Tunnel): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.protocol = _TUNNEL_PROTOCOL.nameOf(v);
          break;
        }
      case 18 /* 2:LEN */:
        o.IP = r.message(readIp, o.IP ?? {});
        break;
      case 26 /* 3:LEN */:
        o.l4 = r.message(readLayer4, o.l4 ?? {});
        break;
      case 32 /* 4:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.vni = v;
          break;
        }
      default:
        r.skipUnknown(tag, FOUR_FIELDS);
    }
  }
}
