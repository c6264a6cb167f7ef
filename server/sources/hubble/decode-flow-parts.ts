// Hand-written readers for the small flow.* messages (endpoints, services, policies, wrappers,
// timestamps). Each reader fills a caller-provided object so that a message repeated on the wire
// merges into the first one, as protobuf requires. protojson conventions: zero scalars, empty
// strings and false are left out; present sub-messages are kept even when empty.

import type { Endpoint, PolicyRef, ServiceRef, Workload } from '../../domain/flow';
import { formatTimestamp } from './rfc3339';
import type { WireReader } from './wire-reader';

// Module-local copies of imported bindings. Compiled to CommonJS (tsx, bundlers), each use of
// an import becomes a getter call; in these per-field loops that measured ~20% of decode time.
const _formatTimestamp = formatTimestamp;

/** The domain types are readonly; decoders build them in place before handing them out. */
export type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

/** Appends to a repeated field, creating the array on first use (unset lists stay absent). */
export function append<T>(list: T[] | undefined, value: T): T[] {
  if (list === undefined) return [value];
  list.push(value);
  return list;
}

const ONE_FIELD = new Set([1]);
const TWO_FIELDS = new Set([1, 2]);
const THREE_FIELDS = new Set([1, 2, 3]);

const ENDPOINT_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7]);
export function readEndpoint(r: WireReader, o: Mutable<Endpoint>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.ID = v;
          break;
        }
      case 16 /* 2:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.identity = v;
          break;
        }
      case 26 /* 3:LEN */:
        {
          const s = r.string();
          if (s !== '') o.namespace = s;
          break;
        }
      case 34 /* 4:LEN */:
        o.labels = append(o.labels, r.string());
        break;
      case 42 /* 5:LEN */:
        {
          const s = r.string();
          if (s !== '') o.pod_name = s;
          break;
        }
      case 50 /* 6:LEN */:
        o.workloads = append(o.workloads, r.message(readNameKind, {}));
        break;
      case 58 /* 7:LEN */:
        {
          const s = r.string();
          if (s !== '') o.cluster_name = s;
          break;
        }
      default:
        r.skipUnknown(tag, ENDPOINT_FIELDS);
    }
  }
}

function readNameKind(r: WireReader, o: Mutable<Workload>): void {
  readStringPair(r, o, 'name', 'kind');
}

/** A message of two strings, fields 1 and 2 (Workload, Service, Emitter, HTTPHeader). */
export function readStringPair<K1 extends string, K2 extends string>(
  r: WireReader,
  o: Partial<Record<K1 | K2, string>>,
  first: K1,
  second: K2,
): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 10 /* 1:LEN */) {
      const s = r.string();
      if (s !== '') o[first] = s;
    } else if (tag === 18 /* 2:LEN */) {
      const s = r.string();
      if (s !== '') o[second] = s;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

export function readService(r: WireReader, o: Mutable<ServiceRef>): void {
  readStringPair(r, o, 'name', 'namespace');
}

export function readNameVersion(r: WireReader, o: { name?: string; version?: string }): void {
  readStringPair(r, o, 'name', 'version');
}

export function readKeyValue(r: WireReader, o: { key?: string; value?: string }): void {
  readStringPair(r, o, 'key', 'value');
}

const POLICY_FIELDS = new Set([1, 2, 3, 4, 5]);
export function readPolicy(r: WireReader, o: Mutable<PolicyRef>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* 1:LEN */:
        {
          const s = r.string();
          if (s !== '') o.name = s;
          break;
        }
      case 18 /* 2:LEN */:
        {
          const s = r.string();
          if (s !== '') o.namespace = s;
          break;
        }
      case 26 /* 3:LEN */:
        o.labels = append(o.labels, r.string());
        break;
      case 32 /* 4:VARINT */:
        {
          const s = r.uint64String();
          if (s !== '') o.revision = s;
          break;
        }
      case 42 /* 5:LEN */:
        {
          const s = r.string();
          if (s !== '') o.kind = s;
          break;
        }
      default:
        r.skipUnknown(tag, POLICY_FIELDS);
    }
  }
}

export function readEventType(r: WireReader, o: { type?: number; sub_type?: number }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) {
      const v = r.int32();
      if (v !== 0) o.type = v;
    } else if (tag === 16 /* 2:VARINT */) {
      const v = r.int32();
      if (v !== 0) o.sub_type = v;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

/** NetworkInterface {index, name}. */
export function readInterface(r: WireReader, o: { index?: number; name?: string }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.index = v;
    } else if (tag === 18 /* 2:LEN */) {
      const s = r.string();
      if (s !== '') o.name = s;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

/** FileInfo {name, line}. */
export function readFileInfo(r: WireReader, o: { name?: string; line?: number }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 10 /* 1:LEN */) {
      const s = r.string();
      if (s !== '') o.name = s;
    } else if (tag === 16 /* 2:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.line = v;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

export function readIpTraceId(r: WireReader, o: { trace_id?: string; ip_option_type?: number }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) {
      const s = r.uint64String();
      if (s !== '') o.trace_id = s;
    } else if (tag === 16 /* 2:VARINT */) {
      const v = r.uint32();
      if (v !== 0) o.ip_option_type = v;
    } else r.skipUnknown(tag, TWO_FIELDS);
  }
}

/** TraceContext {parent: TraceParent {trace_id}}. */
export function readTraceContext(r: WireReader, o: { parent?: { trace_id?: string } }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 10 /* 1:LEN */) o.parent = r.message(readTraceParent, o.parent ?? {});
    else r.skipUnknown(tag, ONE_FIELD);
  }
}

function readTraceParent(r: WireReader, o: { trace_id?: string }): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 10 /* 1:LEN */) {
      const s = r.uniqueString();
      if (s !== '') o.trace_id = s;
    } else r.skipUnknown(tag, ONE_FIELD);
  }
}

export function readAggregate(
  r: WireReader,
  o: { ingress_flow_count?: number; egress_flow_count?: number; unknown_direction_flow_count?: number },
): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.ingress_flow_count = v;
          break;
        }
      case 16 /* 2:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.egress_flow_count = v;
          break;
        }
      case 24 /* 3:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.unknown_direction_flow_count = v;
          break;
        }
      default:
        r.skipUnknown(tag, THREE_FIELDS);
    }
  }
}

/** google.protobuf.BoolValue: present means known, so false is kept. */
export function readBoolValue(r: WireReader): boolean {
  const len = r.length();
  const outer = r.end;
  r.end = r.pos + len;
  let value = false;
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) value = r.bool();
    else r.skipUnknown(tag, ONE_FIELD);
  }
  r.end = outer;
  return value;
}

/** google.protobuf.Int32Value: present means known, so 0 is kept. */
export function readInt32Value(r: WireReader): number {
  const len = r.length();
  const outer = r.end;
  r.end = r.pos + len;
  let value = 0;
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) value = r.int32();
    else r.skipUnknown(tag, ONE_FIELD);
  }
  r.end = outer;
  return value;
}

/** google.protobuf.Timestamp as protojson text. */
/**
 * `[0]`: epoch ms of the timestamp readTimestamp returned last (a slot rather than an object per
 * call: the caller reads it right after, on the same synchronous path).
 */
export const LAST_TIMESTAMP_MS = new Float64Array(1);

export function readTimestamp(r: WireReader): string {
  const len = r.length();
  const outer = r.end;
  r.end = r.pos + len;
  let seconds = 0;
  let nanos = 0;
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag === 8 /* 1:VARINT */) seconds = r.int64Number();
    else if (tag === 16 /* 2:VARINT */) nanos = r.int32();
    else r.skipUnknown(tag, TWO_FIELDS);
  }
  r.end = outer;
  LAST_TIMESTAMP_MS[0] = seconds * 1000 + Math.floor(nanos / 1e6);
  const text = _formatTimestamp(seconds, nanos);
  return text ?? r.fail(`timestamp out of range (seconds ${seconds}, nanos ${nanos})`);
}
