// Writers for the flow.* sub-messages of the hand-written encoder (encode-flow-fast.ts). Field
// order and default omission follow the ts-proto generated encoders field for field, so both
// encoders produce identical bytes (encode-flow-fast.test.ts checks that on every fixture).

import type {
  Dns,
  Endpoint,
  Http,
  IpInfo,
  Kafka,
  Layer4,
  Layer7,
  PolicyRef,
  PortPair,
  TcpFlags,
} from '../../domain/flow';
import { type EnumTable, IP_VERSION, L7_FLOW_TYPE } from './enum-names';
import { parseTimestamp } from './rfc3339';
import type { WireWriter } from './wire-writer';

// Module-local copies of imported bindings (see decode-flow.ts: CommonJS getters cost per call).
const _IP_VERSION = IP_VERSION;
const _L7_FLOW_TYPE = L7_FLOW_TYPE;
const _parseTimestamp = parseTimestamp;

/** The event cannot be put on the wire; the public entry point rethrows it as FlowEncodeError. */
export class EncodeFieldError extends Error {
  override readonly name = 'EncodeFieldError';
}

const UINT64_MAX = 18446744073709551615n;
const UINT64_TEXT = /^\d{1,20}$/;

export function str(w: WireWriter, tag: number, s: string | undefined): void {
  if (s === undefined || s === null || s === '') return;
  w.tag(tag);
  w.string(typeof s === 'string' ? s : String(s));
}

export function strList(w: WireWriter, tag: number, list: readonly string[] | undefined): void {
  if (list === undefined || list === null) return;
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as string;
    // Repeated strings keep empty entries (ts-proto writes every element).
    w.tag(tag);
    w.string(typeof s === 'string' ? s : String(s));
  }
}

export function u32(w: WireWriter, tag: number, v: number | undefined, path: string): void {
  if (v === undefined || v === null || v === 0) return;
  w.tag(tag);
  w.uint32(v, path);
}

export function i32(w: WireWriter, tag: number, v: number | undefined, path: string): void {
  if (v === undefined || v === null || v === 0) return;
  w.tag(tag);
  w.int32(v, path);
}

export function flag(w: WireWriter, tag: number, v: boolean | undefined): void {
  if (v === undefined || v === null || v === false) return;
  w.tag(tag);
  w.bool(Boolean(v));
}

export function enumField(
  w: WireWriter,
  tag: number,
  table: EnumTable,
  name: string | undefined,
  path: string,
): void {
  if (name === undefined || name === null) return;
  const n = table.numberOf(name);
  if (n === undefined) throw new EncodeFieldError(`${path}: "${name}" is not a ${table.protoName} name`);
  if (n === 0) return;
  w.tag(tag);
  w.int32(n, path);
}

export function uint64Field(w: WireWriter, tag: number, text: string | undefined, path: string): void {
  if (text === undefined || text === null) return;
  if (!UINT64_TEXT.test(text) || (text.length === 20 && BigInt(text) > UINT64_MAX)) {
    throw new EncodeFieldError(`${path}: "${text}" is not a uint64 decimal string`);
  }
  if (text === '0') return;
  w.tag(tag);
  w.uint64Decimal(text);
}

// A GetFlowsResponse repeats its flow's time; the date part rarely changes between flows.
let lastTimeText = '';
let lastSeconds = 0;
let lastNanos = 0;

/** A google.protobuf.Timestamp field from RFC 3339 text. */
export function timestampField(w: WireWriter, tag: number, text: string | undefined, path: string): void {
  if (text === undefined || text === null) return;
  if (text !== lastTimeText) {
    const parts = _parseTimestamp(text);
    if (parts === undefined) throw new EncodeFieldError(`${path}: "${text}" is not an RFC 3339 timestamp`);
    lastTimeText = text;
    lastSeconds = parts.seconds;
    lastNanos = parts.nanos;
  }
  const seconds = lastSeconds;
  const nanos = lastNanos;
  w.tag(tag);
  w.fork();
  if (seconds !== 0) {
    w.tag(8);
    w.int64(seconds);
  }
  if (nanos !== 0) {
    w.tag(16);
    w.int32(nanos, path);
  }
  w.join();
}

/** Opens a sub-message field; the caller writes its body and calls w.join(). */
export function open(w: WireWriter, tag: number): void {
  w.tag(tag);
  w.fork();
}

export function stringPair(w: WireWriter, tag: number, a: string | undefined, b: string | undefined): void {
  open(w, tag);
  str(w, 10, a);
  str(w, 18, b);
  w.join();
}

export function writeEndpoint(w: WireWriter, tag: number, e: Endpoint, path: string): void {
  open(w, tag);
  u32(w, 8, e.ID, `${path}.ID`);
  u32(w, 16, e.identity, `${path}.identity`);
  str(w, 58, e.cluster_name);
  str(w, 26, e.namespace);
  strList(w, 34, e.labels);
  str(w, 42, e.pod_name);
  const workloads = e.workloads;
  if (workloads !== undefined && workloads !== null) {
    for (let i = 0; i < workloads.length; i++) {
      const wl = workloads[i]!;
      stringPair(w, 50, wl.name, wl.kind);
    }
  }
  w.join();
}

export function writeIp(w: WireWriter, tag: number, ip: IpInfo, path: string): void {
  open(w, tag);
  str(w, 10, ip.source);
  str(w, 42, ip.source_xlated);
  str(w, 18, ip.destination);
  enumField(w, 24, _IP_VERSION, ip.ipVersion, `${path}.ipVersion`);
  flag(w, 32, ip.encrypted);
  w.join();
}

function ports(w: WireWriter, tag: number, p: PortPair, path: string): void {
  open(w, tag);
  u32(w, 8, p.source_port, `${path}.source_port`);
  u32(w, 16, p.destination_port, `${path}.destination_port`);
}

function tcpFlags(w: WireWriter, f: TcpFlags): void {
  open(w, 26);
  flag(w, 8, f.FIN);
  flag(w, 16, f.SYN);
  flag(w, 24, f.RST);
  flag(w, 32, f.PSH);
  flag(w, 40, f.ACK);
  flag(w, 48, f.URG);
  flag(w, 56, f.ECE);
  flag(w, 64, f.CWR);
  flag(w, 72, f.NS);
  w.join();
}

function typeCode(w: WireWriter, tag: number, m: { type?: number; code?: number }, path: string): void {
  open(w, tag);
  u32(w, 8, m.type, `${path}.type`);
  u32(w, 16, m.code, `${path}.code`);
  w.join();
}

const L4_MEMBERS = ['TCP', 'UDP', 'ICMPv4', 'ICMPv6', 'SCTP', 'VRRP', 'IGMP'] as const;
const L7_MEMBERS = ['dns', 'http', 'kafka'] as const;

function onlyOne(o: object, members: readonly string[], path: string): void {
  let count = 0;
  for (const m of members) if ((o as Record<string, unknown>)[m] !== undefined) count++;
  if (count <= 1) return;
  const set = members.filter((m) => (o as Record<string, unknown>)[m] !== undefined);
  throw new EncodeFieldError(`${path}: oneof has ${set.join(' and ')} set`);
}

export function writeLayer4(w: WireWriter, tag: number, l4: Layer4, path: string): void {
  onlyOne(l4, L4_MEMBERS, path);
  open(w, tag);
  if (l4.TCP !== undefined) {
    ports(w, 10, l4.TCP, `${path}.TCP`);
    if (l4.TCP.flags !== undefined) tcpFlags(w, l4.TCP.flags);
    w.join();
  }
  if (l4.UDP !== undefined) {
    ports(w, 18, l4.UDP, `${path}.UDP`);
    w.join();
  }
  if (l4.ICMPv4 !== undefined) typeCode(w, 26, l4.ICMPv4, `${path}.ICMPv4`);
  if (l4.ICMPv6 !== undefined) typeCode(w, 34, l4.ICMPv6, `${path}.ICMPv6`);
  if (l4.SCTP !== undefined) {
    ports(w, 42, l4.SCTP, `${path}.SCTP`);
    w.join();
  }
  if (l4.VRRP !== undefined) {
    open(w, 50);
    u32(w, 8, l4.VRRP.type, `${path}.VRRP.type`);
    u32(w, 16, l4.VRRP.vrid, `${path}.VRRP.vrid`);
    u32(w, 24, l4.VRRP.priority, `${path}.VRRP.priority`);
    w.join();
  }
  if (l4.IGMP !== undefined) {
    open(w, 58);
    u32(w, 8, l4.IGMP.type, `${path}.IGMP.type`);
    str(w, 18, l4.IGMP.group_address);
    w.join();
  }
  w.join();
}

function writeDns(w: WireWriter, d: Dns): void {
  open(w, 802);
  str(w, 10, d.query);
  strList(w, 18, d.ips);
  u32(w, 24, d.ttl, 'flow.l7.dns.ttl');
  strList(w, 34, d.cnames);
  str(w, 42, d.observation_source);
  u32(w, 48, d.rcode, 'flow.l7.dns.rcode');
  strList(w, 58, d.qtypes);
  strList(w, 66, d.rrtypes);
  w.join();
}

function writeHttp(w: WireWriter, h: Http): void {
  open(w, 810);
  u32(w, 8, h.code, 'flow.l7.http.code');
  str(w, 18, h.method);
  str(w, 26, h.url);
  str(w, 34, h.protocol);
  const headers = h.headers;
  if (headers !== undefined && headers !== null) {
    for (let i = 0; i < headers.length; i++) stringPair(w, 42, headers[i]!.key, headers[i]!.value);
  }
  w.join();
}

function writeKafka(w: WireWriter, k: Kafka): void {
  open(w, 818);
  i32(w, 8, k.error_code, 'flow.l7.kafka.error_code');
  i32(w, 16, k.api_version, 'flow.l7.kafka.api_version');
  str(w, 26, k.api_key);
  i32(w, 32, k.correlation_id, 'flow.l7.kafka.correlation_id');
  str(w, 42, k.topic);
  w.join();
}

export function writeLayer7(w: WireWriter, l7: Layer7): void {
  onlyOne(l7, L7_MEMBERS, 'flow.l7');
  open(w, 122);
  enumField(w, 8, _L7_FLOW_TYPE, l7.type, 'flow.l7.type');
  uint64Field(w, 16, l7.latency_ns, 'flow.l7.latency_ns');
  if (l7.dns !== undefined) writeDns(w, l7.dns);
  if (l7.http !== undefined) writeHttp(w, l7.http);
  if (l7.kafka !== undefined) writeKafka(w, l7.kafka);
  w.join();
}

export function writePolicies(
  w: WireWriter,
  tag: number,
  list: readonly PolicyRef[] | undefined,
  path: string,
): void {
  if (list === undefined || list === null) return;
  for (let i = 0; i < list.length; i++) {
    const p = list[i]!;
    open(w, tag);
    str(w, 10, p.name);
    str(w, 18, p.namespace);
    strList(w, 26, p.labels);
    uint64Field(w, 32, p.revision, `${path}.revision`);
    str(w, 42, p.kind);
    w.join();
  }
}
