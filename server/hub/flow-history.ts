// The hub's flow history: the newest `capacity` flows, kept as the GetFlowsResponse bytes they
// arrived in (copied into 1 MiB blocks) rather than as decoded object graphs. Holding 20,000
// decoded flows meant ~150 MB of small objects that every garbage collection had to copy or
// trace, ~2 µs per ingested flow at high rates; the bytes cost one copy and nothing afterwards.
// Reads decode on demand (a few µs per flow) and remember the last few thousand flows they
// decoded, so the flow tail and several explorer streams reading the same new flows in one tick
// decode each flow once. Flows that arrive without bytes (tests, JSON sources) or that redaction
// changed are kept as objects; the bytes of a flow are therefore always what browsers may see.
//
// Same reading API as RingBuffer<StoredFlow> (newest, newestWhile, size, capacity).

import type { Flow } from '../domain/flow';
import { decodeGetFlowsResponse } from '../sources/hubble/decode-flow-response';

export interface StoredFlowRecord {
  readonly flow: Flow;
  readonly arrivedMs: number;
  /** Monotonic ingest number, for stable ordering and "since" cursors. */
  readonly n: number;
}

const BLOCK_BYTES = 1 << 20;
/** Messages larger than this are decoded and kept as objects (none of Hubble's come close). */
const MAX_WIRE_BYTES = BLOCK_BYTES >> 4;
const READ_CACHE = 4096;

interface Block {
  readonly bytes: Buffer;
  used: number;
  /** Entries still referring to this block. */
  live: number;
}

const NO_FLOW: Flow = Object.freeze({});

function decodeWire(bytes: Buffer): Flow {
  try {
    const event = decodeGetFlowsResponse(bytes);
    return event.kind === 'flow' ? event.flow : NO_FLOW;
  } catch {
    // The bytes decoded once already when they arrived; this cannot fail short of memory damage.
    return NO_FLOW;
  }
}

export class FlowHistory {
  private readonly ns: Float64Array;
  private readonly arrived: Float64Array;
  private readonly offsets: Int32Array;
  private readonly lengths: Int32Array;
  private readonly blocks: (Block | undefined)[];
  private readonly objects: (Flow | undefined)[];
  private readonly cache: (StoredFlowRecord | undefined)[] = new Array(READ_CACHE).fill(undefined);
  private next = 0;
  private count = 0;
  private current: Block | undefined;
  private spare: Block | undefined;

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new RangeError('capacity must be positive');
    this.ns = new Float64Array(capacity);
    this.arrived = new Float64Array(capacity);
    this.offsets = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.blocks = new Array<Block | undefined>(capacity).fill(undefined);
    this.objects = new Array<Flow | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** Keeps a decoded flow as it is. */
  push(stored: StoredFlowRecord): void {
    const slot = this.claim(stored.n, stored.arrivedMs);
    this.objects[slot] = stored.flow;
  }

  /** Keeps a flow as the serialized GetFlowsResponse it arrived in (copied; `bytes` may be reused). */
  pushWire(bytes: Uint8Array, arrivedMs: number, n: number, flow: Flow): void {
    const len = bytes.length;
    if (len > MAX_WIRE_BYTES) {
      this.push({ flow, arrivedMs, n });
      return;
    }
    const slot = this.claim(n, arrivedMs);
    let block = this.current;
    if (block === undefined || block.used + len > BLOCK_BYTES) {
      block = this.spare ?? { bytes: Buffer.allocUnsafeSlow(BLOCK_BYTES), used: 0, live: 0 };
      this.spare = undefined;
      block.used = 0;
      this.current = block;
    }
    block.bytes.set(bytes, block.used);
    this.offsets[slot] = block.used;
    this.lengths[slot] = len;
    this.blocks[slot] = block;
    block.used += len;
    block.live += 1;
  }

  /** Newest first, at most `limit`, stopping early when `accept` has collected enough. */
  newest(limit: number, accept?: (item: StoredFlowRecord) => boolean): StoredFlowRecord[] {
    const out: StoredFlowRecord[] = [];
    for (let i = 0; i < this.count && out.length < limit; i++) {
      const item = this.at(i);
      if (accept === undefined || accept(item)) out.push(item);
    }
    return out;
  }

  /** Newest first while `keep` holds (items are in insertion order, so this stops early). */
  newestWhile(limit: number, keep: (item: StoredFlowRecord) => boolean): StoredFlowRecord[] {
    const out: StoredFlowRecord[] = [];
    for (let i = 0; i < this.count && out.length < limit; i++) {
      const item = this.at(i);
      if (!keep(item)) break;
      out.push(item);
    }
    return out;
  }

  /** The i-th newest flow (0 = newest). */
  private at(i: number): StoredFlowRecord {
    const slot = (this.next - 1 - i + this.capacity) % this.capacity;
    const n = this.ns[slot]!;
    const key = n % READ_CACHE;
    const cached = this.cache[key];
    if (cached !== undefined && cached.n === n) return cached;
    const object = this.objects[slot];
    let flow: Flow;
    if (object !== undefined) flow = object;
    else {
      const offset = this.offsets[slot]!;
      flow = decodeWire(this.blocks[slot]!.bytes.subarray(offset, offset + this.lengths[slot]!));
    }
    const item: StoredFlowRecord = { flow, arrivedMs: this.arrived[slot]!, n };
    this.cache[key] = item;
    return item;
  }

  /** The slot for a new entry, evicting the oldest when full. */
  private claim(n: number, arrivedMs: number): number {
    const slot = this.next;
    if (this.count === this.capacity) this.release(slot);
    else this.count += 1;
    this.next = (slot + 1) % this.capacity;
    this.ns[slot] = n;
    this.arrived[slot] = arrivedMs;
    return slot;
  }

  private release(slot: number): void {
    this.objects[slot] = undefined;
    const block = this.blocks[slot];
    if (block === undefined) return;
    this.blocks[slot] = undefined;
    block.live -= 1;
    // Entries leave in the order they came, so an empty block other than the current one is done.
    if (block.live === 0 && block !== this.current) this.spare = block;
  }
}
