// Structural sharing for the decoder: sub-messages that repeat byte for byte across flows (an
// endpoint with its labels, the node's label list, a policy, an IP pair, a service) are decoded
// once and the same frozen object is handed to every flow that carries the same bytes. A hit costs
// a hash of the head and tail plus one comparison of the bytes, and allocates nothing; the flows
// it returns are deep-equal to a fresh decode. Retained flows (the flow history) then share these
// objects too, which is most of their size, so the garbage collector has far less to trace.
//
// Direct-mapped and bounded: `slots` entries of at most `maxBytes` key bytes each; a collision
// just replaces the slot (a later miss, never a wrong answer: keys are compared in full).

import type { WireReader } from './wire-reader';

// Buffer#compare is a native memcmp: far cheaper than a JavaScript loop past a few dozen bytes, but
// each call pays for argument checks and the trip into C++; for short keys (event types, emitters,
// services, most policies) the word loop below wins (decode 4–11 % cheaper per flow, bench stream).
const nativeCompare = (Buffer.prototype as { compare?: unknown }).compare !== undefined;
const NATIVE_COMPARE_FROM = 64;

function sameBytes(
  buf: Uint8Array,
  start: number,
  len: number,
  key: Uint8Array,
  keyView: DataView,
  r: WireReader,
): boolean {
  if (len > NATIVE_COMPARE_FROM && nativeCompare && buf instanceof Buffer)
    return buf.compare(key, 0, len, start, start + len) === 0;
  const view = r.view;
  const vb = r.base;
  let i = 0;
  while (i <= len - 4 && keyView.getInt32(i, true) === view.getInt32(vb + start + i, true)) i += 4;
  while (i < len && key[i] === buf[start + i]) i++;
  return i === len;
}

// Index loops for arrays (for…in would enumerate label lists by string index) and no call per
// primitive: a miss on a labelled endpoint freezes a dozen objects and arrays.
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
  }
  return value;
}

export class SharedMessages<T extends object> {
  // A slot's key bytes live in a buffer it keeps and reuses for the next key that fits (a miss that
  // replaces a slot then allocates nothing: a typed array per miss, with its backing store, cost
  // more than the decode it saved); `keyLengths` says how many of its bytes are the key.
  private readonly keys: (Uint8Array | undefined)[];
  private readonly keyLengths: Int32Array;
  private readonly keyViews: (DataView | undefined)[];
  private readonly values: (T | undefined)[];
  private readonly shift: number;

  constructor(
    bits: number,
    private readonly maxBytes: number,
    /** Hash every byte (short keys that differ only in the middle, e.g. node label runs). */
    private readonly hashAll = false,
  ) {
    // A 32-bit shift is no shift in JavaScript: at least one bit.
    if (!(bits >= 1 && bits <= 24)) throw new RangeError(`bits must be 1–24, got ${bits}`);
    const slots = 1 << bits;
    this.keys = new Array<Uint8Array | undefined>(slots).fill(undefined);
    this.keyLengths = new Int32Array(slots).fill(-1);
    this.keyViews = new Array<DataView | undefined>(slots).fill(undefined);
    this.values = new Array<T | undefined>(slots).fill(undefined);
    this.shift = 32 - bits;
  }

  /**
   * Reads the LEN-delimited sub-message at the reader's position with `read` into a fresh object,
   * or returns the shared (frozen) object decoded earlier from identical bytes. Callers that must
   * merge a repeated field into an earlier value use WireReader.message on a copy instead.
   */
  message(r: WireReader, read: (r: WireReader, target: T) => void): T {
    const len = r.length();
    this.read = read;
    return this.range(r, len, this.decodeMessage);
  }

  // The reader of the current message() call, kept in a field so no closure is made per call.
  private read: (r: WireReader, target: T) => void = () => {};
  private readonly decodeMessage = (r: WireReader, len: number): T =>
    r.messageOfLength(len, this.read, {} as T);

  /**
   * The value `decode` makes of the `len` bytes at the reader's position (it must consume exactly
   * those bytes), or the shared value decoded earlier from identical bytes.
   */
  range(r: WireReader, len: number, decode: (r: WireReader, len: number) => T): T {
    const start = r.pos;
    if (len > this.maxBytes || len === 0) return decode(r, len);
    const buf = r.buf;
    const view = r.view;
    const vb = r.base;
    let h = Math.imul(len, 0x9e3779b1);
    const stop = start + len;
    if (len < 8) {
      for (let i = start; i < stop; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    } else if (this.hashAll) {
      let i = start;
      for (; i + 4 <= stop; i += 4) h = Math.imul(h ^ view.getInt32(vb + i, true), 0x01000193);
      h = Math.imul(h ^ view.getInt32(vb + stop - 4, true), 0x01000193);
    } else {
      // Head and tail words: what tells endpoints apart sits at the ends (ID and identity first;
      // the pod name last, before the workload, so the tail reaches 48 bytes back). A collision
      // only costs a miss.
      const words = len >> 2;
      const head = Math.min(words, 4);
      const tail = Math.min(words, 12);
      for (let i = 0; i < head; i++) h = Math.imul(h ^ view.getInt32(vb + start + 4 * i, true), 0x01000193);
      for (let i = 1; i <= tail; i++) h = Math.imul(h ^ view.getInt32(vb + stop - 4 * i, true), 0x01000193);
    }
    const slot = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> this.shift;
    const key = this.keys[slot];
    if (
      key !== undefined &&
      this.keyLengths[slot] === len &&
      sameBytes(buf, start, len, key, this.keyViews[slot]!, r)
    ) {
      r.pos = stop;
      return this.values[slot]!;
    }
    const value = deepFreeze(decode(r, len));
    let store = key;
    if (store === undefined || store.length < len) {
      store = new Uint8Array((len + 63) & ~63);
      this.keys[slot] = store;
      this.keyViews[slot] = new DataView(store.buffer);
    }
    store.set(buf.subarray(start, stop));
    this.keyLengths[slot] = len;
    this.values[slot] = value;
    return value;
  }
}
