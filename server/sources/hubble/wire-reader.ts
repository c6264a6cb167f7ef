// Minimal protobuf wire reader for the hand-written GetFlowsResponse decoder. Every read is
// bounds-checked against `end` (the end of the message being decoded), so malformed input fails
// with WireDecodeError instead of reading past a sub-message or looping forever.

export class WireDecodeError extends Error {
  override readonly name = 'WireDecodeError';
  /** Byte offset where decoding failed. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.offset = offset;
  }
}

export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const SGROUP = 3;
export const EGROUP = 4;
export const I32 = 5;

const TWO_POW_32 = 4294967296;
// Below this high word a uint64 is exactly representable as a double (< 2^53).
const SAFE_HIGH_LIMIT = 0x200000;
const MAX_GROUP_DEPTH = 32;

const utf8 = new TextDecoder('utf-8');
type Utf8Slice = (this: Uint8Array, start: number, end: number) => string;
// Buffer#utf8Slice (what Buffer#toString calls after argument checks) has a fraction of
// TextDecoder#decode's per-call cost; grpc-js hands the decoder Buffers. Same WHATWG replacement
// of invalid sequences. Plain Uint8Arrays (tests, other callers) keep using TextDecoder.
const bufferUtf8Slice = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slice }).utf8Slice;
function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  return bufferUtf8Slice !== undefined && buf instanceof Buffer
    ? bufferUtf8Slice.call(buf, start, end)
    : utf8.decode(buf.subarray(start, end));
}

// Direct-mapped string cache shared by all readers (decoding is synchronous, so no races).
// Keys live in one preallocated byte pool (slot i owns INTERN_MAX_BYTES bytes at i * 128), so a
// miss allocates nothing but the decoded string. Bounded: 16384 slots, 2 MiB of key bytes. 128
// bytes covers Cilium's long namespace-label keys (`k8s:io.cilium.k8s.namespace.labels.…`).
const INTERN_MAX_BYTES = 128;
const INTERN_BITS = 14;
const INTERN_SLOTS = 1 << INTERN_BITS;
const internPool = new Uint8Array(INTERN_SLOTS * INTERN_MAX_BYTES);
const internPoolView = new DataView(internPool.buffer);
const internLengths = new Uint8Array(INTERN_SLOTS); // 0 = empty slot
const internValues: string[] = new Array<string>(INTERN_SLOTS).fill('');

// One DataView per underlying ArrayBuffer, reused: grpc-js hands out each message as a slice of a
// shared 8 KiB pool, and a DataView per message was a measurable share of the allocation rate.
let lastBuffer: ArrayBufferLike | undefined;
let lastView: DataView | undefined;
function viewOf(buf: Uint8Array): DataView {
  if (buf.buffer !== lastBuffer || lastView === undefined) {
    lastBuffer = buf.buffer;
    lastView = new DataView(buf.buffer);
  }
  return lastView;
}

export class WireReader {
  readonly buf: Uint8Array;
  /** A view of the whole underlying ArrayBuffer: read position p of `buf` at `base + p`. */
  readonly view: DataView;
  readonly base: number;
  pos = 0;
  end: number;
  // Result registers of varint64(); avoids allocating a pair per 64-bit read.
  lo = 0;
  hi = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = viewOf(buf);
    this.base = buf.byteOffset;
    this.end = buf.length;
  }

  fail(message: string): never {
    throw new WireDecodeError(message, this.pos);
  }

  /** Reads a field tag and rejects field number 0 and wire types 6/7. */
  tag(): number {
    const tag = this.uint32();
    if (tag >>> 3 === 0) this.fail('field number 0');
    const wt = tag & 7;
    if (wt > 5) this.fail(`invalid wire type ${wt}`);
    return tag;
  }

  /** Varint truncated to its low 32 bits, unsigned (uint32 and enum-as-uint semantics). */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= this.end) this.fail('truncated varint');
    let b = buf[pos++]!;
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let value = b & 0x7f;
    for (let shift = 7; shift < 35; shift += 7) {
      if (pos >= this.end) this.fail('truncated varint');
      b = buf[pos++]!;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    // Bytes 6..10 only carry bits above 32 (e.g. a negative int32 sign-extended to 10 bytes).
    for (let i = 5; i < 10; i++) {
      if (pos >= this.end) this.fail('truncated varint');
      if (buf[pos++]! < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    return this.fail('varint longer than 10 bytes');
  }

  /** Varint as a signed 32-bit value (int32 fields, enums). */
  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    // Any non-zero varint is true; reading 64 bits keeps over-long encodings valid.
    this.varint64();
    return (this.lo | this.hi) !== 0;
  }

  /** Reads a full 64-bit varint into `lo`/`hi` (unsigned 32-bit halves). */
  varint64(): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= this.end) this.fail('truncated varint');
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    if (pos >= this.end) this.fail('truncated varint');
    b = buf[pos++]!;
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31) this.fail('varint longer than 10 bytes');
        if (pos >= this.end) this.fail('truncated varint');
        b = buf[pos++]!;
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** uint64 as a decimal string ("" for zero, so callers can omit defaults cheaply). */
  uint64String(): string {
    this.varint64();
    const lo = this.lo;
    const hi = this.hi;
    if (hi === 0) return lo === 0 ? '' : String(lo);
    if (hi < SAFE_HIGH_LIMIT) return String(hi * TWO_POW_32 + lo);
    return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
  }

  /** int64 as a double; exact for |value| < 2^53, which covers every valid Timestamp. */
  int64Number(): number {
    this.varint64();
    return (this.hi | 0) * TWO_POW_32 + this.lo;
  }

  /** Length prefix of a LEN field, checked against the current message end. */
  length(): number {
    const len = this.uint32();
    if (len > this.end - this.pos) this.fail(`length ${len} exceeds remaining ${this.end - this.pos} bytes`);
    return len;
  }

  /**
   * A string field. Short strings go through a small cache keyed by their bytes: flows repeat the
   * same labels, namespaces, pod and node names, IPs and MACs over and over, so a hit skips the
   * UTF-8 decode and every retained flow shares one copy of each string.
   */
  string(): string {
    const len = this.length();
    const start = this.pos;
    const stop = start + len;
    this.pos = stop;
    if (len === 0) return '';
    const buf = this.buf;
    if (len > INTERN_MAX_BYTES) return decodeUtf8(buf, start, stop);
    const view = this.view;
    const vb = this.base;
    // Hash the length and the first and last 8 bytes: strings here differ mostly at their ends
    // ("...namespace=shop" vs "...namespace=db", pod-name suffixes); a collision costs a miss.
    let h = len;
    if (len >= 8) {
      h = Math.imul(h ^ view.getInt32(vb + start, true), 0x01000193);
      h = Math.imul(h ^ view.getInt32(vb + start + 4, true), 0x01000193);
      h = Math.imul(h ^ view.getInt32(vb + stop - 8, true), 0x01000193);
      h ^= view.getInt32(vb + stop - 4, true);
    } else {
      for (let i = start; i < stop; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    }
    const slot = Math.imul(h, 0x9e3779b1) >>> (32 - INTERN_BITS);
    const base = slot * INTERN_MAX_BYTES;
    if (internLengths[slot] === len) {
      let i = 0;
      while (i <= len - 4 && internPoolView.getInt32(base + i, true) === view.getInt32(vb + start + i, true))
        i += 4;
      while (i < len && internPool[base + i] === buf[start + i]) i++;
      if (i === len) return internValues[slot]!;
    }
    const value = decodeUtf8(buf, start, stop);
    // Copied into the pool, never referenced: a view would pin the whole gRPC message in memory.
    for (let i = 0; i < len; i++) internPool[base + i] = buf[start + i]!;
    internLengths[slot] = len;
    internValues[slot] = value;
    return value;
  }

  /** A string field that is unique per flow (uuid, request ids): bypasses the cache. */
  uniqueString(): string {
    const len = this.length();
    const start = this.pos;
    this.pos = start + len;
    return len === 0 ? '' : decodeUtf8(this.buf, start, start + len);
  }

  /**
   * Decodes a LEN-delimited sub-message with `read`, which loops while `pos < end`.
   * The sub-message end is installed as `end`, so its fields cannot run past it.
   */
  message<T>(read: (r: WireReader, target: T) => void, target: T): T {
    return this.messageOfLength(this.length(), read, target);
  }

  /** message() after the length prefix has been read (and checked) by the caller. */
  messageOfLength<T>(len: number, read: (r: WireReader, target: T) => void, target: T): T {
    const outer = this.end;
    this.end = this.pos + len;
    read(this, target);
    this.end = outer;
    return target;
  }

  /** Skips a field this decoder does not keep. */
  skip(tag: number): void {
    switch (tag & 7) {
      case VARINT:
        this.varint64();
        return;
      case I64:
        this.advance(8);
        return;
      case LEN: {
        // Not `this.pos += this.length()`: that reads pos before length() advances it.
        const len = this.length();
        this.pos += len;
        return;
      }
      case SGROUP:
        this.skipGroup(tag >>> 3, 0);
        return;
      case I32:
        this.advance(4);
        return;
      default:
        this.fail(`unexpected end-group for field ${tag >>> 3}`);
    }
  }

  /** Rejects a known field number that arrived with the wrong wire type, else skips it. */
  skipUnknown(tag: number, known: ReadonlySet<number>): void {
    const field = tag >>> 3;
    if (known.has(field)) this.fail(`field ${field} has wrong wire type ${tag & 7}`);
    this.skip(tag);
  }

  private advance(n: number): void {
    if (n > this.end - this.pos) this.fail('truncated fixed-width field');
    this.pos += n;
  }

  private skipGroup(field: number, depth: number): void {
    if (depth >= MAX_GROUP_DEPTH) this.fail('groups nested too deeply');
    for (;;) {
      if (this.pos >= this.end) this.fail(`unterminated group ${field}`);
      const tag = this.tag();
      if ((tag & 7) === EGROUP) {
        if (tag >>> 3 !== field) this.fail(`mismatched end-group ${tag >>> 3} for group ${field}`);
        return;
      }
      if ((tag & 7) === SGROUP) this.skipGroup(tag >>> 3, depth + 1);
      else this.skip(tag);
    }
  }
}
