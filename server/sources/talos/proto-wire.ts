// Just enough protobuf wire format for the handful of Talos messages Skymap reads: varints, bools,
// strings, nested messages and Timestamps. Hand-written so the Talos client needs no generated code.

export class WireError extends Error {}

export interface WireField {
  readonly no: number;
  readonly wire: number;
  /** varint value (wire 0) */
  readonly num: bigint;
  /** payload bytes (wire 2) */
  readonly bytes: Uint8Array;
}

function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = pos; i < buf.length && shift < 70n; i += 1) {
    const b = buf[i] ?? 0;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, i + 1];
    shift += 7n;
  }
  throw new WireError(`truncated varint at byte ${pos}`);
}

const EMPTY = new Uint8Array(0);

/** Every field of one message, in wire order. Throws WireError on malformed input. */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (no === 0) throw new WireError(`field number 0 at byte ${pos}`);
    pos = afterKey;
    if (wire === 0) {
      const [num, next] = readVarint(buf, pos);
      out.push({ no, wire, num, bytes: EMPTY });
      pos = next;
    } else if (wire === 2) {
      const [len, next] = readVarint(buf, pos);
      const end = next + Number(len);
      if (end > buf.length) throw new WireError(`field ${no} runs past the end of the message`);
      out.push({ no, wire, num: 0n, bytes: buf.subarray(next, end) });
      pos = end;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new WireError(`field ${no} runs past the end of the message`);
      out.push({ no, wire, num: 0n, bytes: buf.subarray(pos, pos + size) });
      pos += size;
    } else {
      throw new WireError(`unsupported wire type ${wire} for field ${no}`);
    }
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: false });
export const text = (bytes: Uint8Array): string => decoder.decode(bytes);

/** google.protobuf.Timestamp → RFC3339 like protojson (fraction only when non-zero). */
export function timestampText(bytes: Uint8Array): string {
  let seconds = 0n;
  let nanos = 0;
  for (const f of readFields(bytes)) {
    if (f.no === 1 && f.wire === 0) seconds = BigInt.asIntN(64, f.num);
    if (f.no === 2 && f.wire === 0) nanos = Number(BigInt.asIntN(32, f.num));
  }
  const ms = Number(seconds) * 1000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  const base = date.toISOString().slice(0, 19);
  if (nanos <= 0) return `${base}Z`;
  return `${base}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
}

export class WireWriter {
  private readonly parts: number[] = [];
  private static readonly encoder = new TextEncoder();

  private varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }

  private key(no: number, wire: number): void {
    this.varint(BigInt((no << 3) | wire));
  }

  uint(no: number, value: bigint | number): this {
    if (value === 0 || value === 0n) return this;
    this.key(no, 0);
    this.varint(BigInt(value));
    return this;
  }

  bool(no: number, value: boolean | undefined): this {
    return value ? this.uint(no, 1) : this;
  }

  bytes(no: number, value: Uint8Array | undefined): this {
    if (value === undefined) return this;
    this.key(no, 2);
    this.varint(BigInt(value.length));
    for (const b of value) this.parts.push(b);
    return this;
  }

  string(no: number, value: string | undefined): this {
    if (!value) return this;
    return this.bytes(no, WireWriter.encoder.encode(value));
  }

  message(no: number, value: Uint8Array | undefined): this {
    return this.bytes(no, value);
  }

  /** RFC3339 → google.protobuf.Timestamp; unparsable or empty strings are left out. */
  timestamp(no: number, rfc3339: string | undefined): this {
    if (!rfc3339) return this;
    const ms = Date.parse(rfc3339);
    if (Number.isNaN(ms)) return this;
    const fraction = /\.(\d+)Z?$/i.exec(rfc3339)?.[1] ?? '';
    const nanos = fraction ? Number(fraction.padEnd(9, '0').slice(0, 9)) : 0;
    const seconds = BigInt(Math.floor(ms / 1000));
    return this.message(no, new WireWriter().uint(1, seconds).uint(2, nanos).finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}
