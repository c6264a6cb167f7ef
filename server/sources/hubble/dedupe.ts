// Remembers recently delivered flows so that a stream resumed with `since` (which re-sends the
// overlap) delivers every flow exactly once. Keys are kept only for flows within `windowMs` of the
// newest flow seen, and never more than `maxKeys`; when the cap evicts a key the resume point moves
// past it, so a bounded memory can cost history but never a double count.
//
// Repeats only come from a resumed stream's overlap (Relay does not send one flow twice within a
// call), so looking keys up is only needed while an overlap is replayed. The rest of the time a key
// is just appended to a ring of fingerprints: sequential writes, no hash-table probe. At a
// reconnect, beginResume() indexes the ring into the table (a few ms for 200,000 keys) and every
// event is checked until the stream has moved `windowMs` past the newest flow seen before. At
// 120k flows/s the ring is always at its cap, and probing and unlinking in a 2 MiB table were cache
// misses: ~0.5 µs per flow in the ingest benchmark's client (docs/performance.md, third round).
import type { Flow, FlowEvent } from '../../domain/flow';
import { flowTimeMs, parseFlowTime } from '../../domain/flow-time';

export interface FlowDedupeOptions {
  /** Keys are dropped once their flow is this much older than the newest flow. */
  readonly windowMs: number;
  readonly maxKeys: number;
}

export interface FlowDeduper {
  /** True when the flow was not seen before (deliver it); false for a repeat. */
  admit(flow: Flow, nodeName?: string): boolean;
  /**
   * Flows as above; lost events too (a resumed stream re-sends those in the overlap, and counting
   * them twice would inflate the loss), keyed by node/time/source/count but never moving the resume
   * point (their time is when the loss was seen, not a flow time). node_status always passes.
   */
  admitEvent(event: FlowEvent): boolean;
  /**
   * RFC 3339 start for a resumed stream: `overlapMs` before the newest flow time seen, but never at
   * or before a flow whose key was evicted. `undefined` until a flow with a valid time was seen.
   * Pure: does not start replay checking (beginResume does).
   */
  resumeSince(overlapMs: number): string | undefined;
  /**
   * Call when re-subscribing: returns resumeSince(overlapMs) and, once anything was remembered,
   * rejects repeats of remembered keys from now until the stream has moved `windowMs` past the
   * newest flow seen so far. Outside such a replay, admit() remembers keys without looking them up.
   */
  beginResume(overlapMs: number): string | undefined;
  /** True while a resumed stream's overlap is being checked for repeats. */
  readonly replaying: boolean;
  readonly size: number;
}

/** Identity of a flow across two streams: its uuid, else node + time + what it was. */
export function flowKey(flow: Flow, nodeName?: string): string {
  if (flow.uuid) return flow.uuid;
  const ip = flow.IP;
  const l4 = flow.l4;
  const ports = l4?.TCP ?? l4?.UDP ?? l4?.SCTP;
  const what =
    flow.Summary ??
    `${ip?.source}>${ip?.destination}|${ports?.source_port}>${ports?.destination_port}|${l4?.ICMPv4?.type ?? l4?.ICMPv6?.type}`;
  return `${flow.node_name ?? nodeName}\u0000${flow.time}\u0000${flow.verdict}\u0000${flow.trace_observation_point}\u0000${what}`;
}

// Two independent 32-bit string hashes make a 64-bit fingerprint: with 200,000 keys held, the
// chance that a new flow is taken for a repeat is about 1e-14 per flow. No object per key is
// kept (typed arrays only), so remembering 200,000 flows costs the garbage collector nothing.
function hashPair(key: string, out: Int32Array): void {
  let a = 0x811c9dc5 | 0;
  let b = key.length ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b + c, 0x5bd1e995);
  }
  a ^= a >>> 13;
  b ^= b >>> 15;
  out[0] = Math.imul(a, 0x85ebca6b) ^ (b >>> 7);
  out[1] = Math.imul(b, 0xc2b2ae35) ^ (a >>> 11);
}

export function createFlowDeduper(options: FlowDedupeOptions): FlowDeduper {
  const windowMs = Math.max(0, options.windowMs);
  const maxKeys = Math.max(1, Math.floor(options.maxKeys));
  // Insertion-ordered ring of remembered keys (fingerprint halves and time)...
  const ringSize = maxKeys + 1;
  const ringA = new Int32Array(ringSize);
  const ringB = new Int32Array(ringSize);
  const ringT = new Float64Array(ringSize);
  let head = 0;
  let count = 0;
  // ...indexed by an open-addressing table of ring positions (linear probing, -1 = empty).
  let bits = 4;
  while (1 << bits < maxKeys * 2) bits++;
  const mask = (1 << bits) - 1;
  const table = new Int32Array(1 << bits).fill(-1);
  const fp = new Int32Array(2);
  let newestMs = Number.NEGATIVE_INFINITY;
  let evictedNewestMs = Number.NEGATIVE_INFINITY;
  // Replay phase: the table indexes the ring and lookups run until newestMs passes replayUntilMs.
  let replaying = false;
  let replayUntilMs = Number.NEGATIVE_INFINITY;

  const home = (a: number) => Math.imul(a, 0x9e3779b1) >>> (32 - bits);

  function find(a: number, b: number): number {
    for (let slot = home(a); ; slot = (slot + 1) & mask) {
      const at = table[slot]!;
      if (at < 0) return -1;
      if (ringA[at] === a && ringB[at] === b) return slot;
    }
  }

  /** Removes the table slot of ring position `at`, shifting later probes back (no tombstones). */
  function unlink(at: number): void {
    let slot = home(ringA[at]!);
    while (table[slot] !== at) slot = (slot + 1) & mask;
    let hole = slot;
    for (let next = (hole + 1) & mask; table[next]! >= 0; next = (next + 1) & mask) {
      const want = home(ringA[table[next]!]!);
      // Move `next` into the hole unless its home lies cyclically in (hole, next].
      const between = hole <= next ? want > hole && want <= next : want > hole || want <= next;
      if (!between) {
        table[hole] = table[next]!;
        hole = next;
      }
    }
    table[hole] = -1;
  }

  function link(at: number): void {
    let slot = home(ringA[at]!);
    while (table[slot]! >= 0) slot = (slot + 1) & mask;
    table[slot] = at;
  }

  function evictHead(): void {
    const t = ringT[head]!;
    if (replaying) unlink(head);
    head = (head + 1) % ringSize;
    count -= 1;
    if (t > evictedNewestMs) evictedNewestMs = t;
  }

  /** `parsed`: the event's time in epoch ms, NaN when it has none or an invalid one. */
  function admitKey(key: string, parsed: number, advances: boolean): boolean {
    hashPair(key, fp);
    const a = fp[0]!;
    const b = fp[1]!;
    if (replaying && find(a, b) >= 0) return false;
    const valid = Number.isFinite(parsed);
    let t = valid ? parsed : Number.isFinite(newestMs) ? newestMs : 0;
    if (advances && valid && t > newestMs) {
      newestMs = t;
      if (replaying) {
        if (Number.isNaN(replayUntilMs)) replayUntilMs = newestMs + windowMs;
        else if (newestMs > replayUntilMs) replaying = false;
      }
    }
    // Never let a non-flow key carry a time past the newest flow: evicting it would then push the
    // resume point beyond flows not yet received.
    if (!advances && Number.isFinite(newestMs) && t > newestMs) t = newestMs;
    // Far older than everything kept: a resume can never re-send it, so do not remember it.
    if (t < newestMs - windowMs) return true;
    while (count > 0 && (ringT[head]! < newestMs - windowMs || count >= maxKeys)) evictHead();
    const at = (head + count) % ringSize;
    ringA[at] = a;
    ringB[at] = b;
    ringT[at] = t;
    count += 1;
    if (replaying) link(at);
    return true;
  }

  function resumeSince(overlapMs: number): string | undefined {
    if (!Number.isFinite(newestMs)) return undefined;
    const sinceMs = Math.max(newestMs - Math.max(0, overlapMs), evictedNewestMs + 1);
    return new Date(sinceMs).toISOString();
  }

  return {
    get size() {
      return count;
    },
    admit(flow: Flow, nodeName?: string): boolean {
      return admitKey(flowKey(flow, nodeName), flowTimeMs(flow), true);
    },
    admitEvent(event: FlowEvent): boolean {
      if (event.kind === 'flow')
        return admitKey(flowKey(event.flow, event.nodeName), flowTimeMs(event.flow), true);
      if (event.kind === 'node-status') return true;
      const l = event.lost;
      const key = `lost\u0000${event.nodeName}\u0000${event.time}\u0000${l.source}\u0000${l.num_events_lost}\u0000${l.cpu}\u0000${l.first}`;
      return admitKey(key, parseFlowTime(event.time), false);
    },
    get replaying() {
      return replaying;
    },
    resumeSince,
    beginResume(overlapMs: number): string | undefined {
      // Also without a valid time: the caller then repeats its back-fill, which re-sends flows.
      if (count > 0) {
        // Re-index from scratch: the table may hold positions from an earlier replay.
        table.fill(-1);
        for (let i = 0; i < count; i++) link((head + i) % ringSize);
        replaying = true;
        // Without a flow time yet, the end is set by the first one (NaN: not yet known).
        replayUntilMs = Number.isFinite(newestMs) ? newestMs + windowMs : Number.NaN;
      }
      return resumeSince(overlapMs);
    },
  };
}
