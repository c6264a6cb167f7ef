// Remembers recently delivered flows so that a stream resumed with `since` (which re-sends the
// overlap) delivers every flow exactly once. Keys are kept only for flows within `windowMs` of the
// newest flow seen, and never more than `maxKeys`; when the cap evicts a key the resume point moves
// past it, so a bounded memory can cost history but never a double count.
import type { Flow, FlowEvent } from '../../domain/flow';
import { parseFlowTime } from '../../domain/flow-time';

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
   */
  resumeSince(overlapMs: number): string | undefined;
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

export function createFlowDeduper(options: FlowDedupeOptions): FlowDeduper {
  const windowMs = Math.max(0, options.windowMs);
  const maxKeys = Math.max(1, Math.floor(options.maxKeys));
  const seen = new Map<string, number>();
  // Insertion-ordered queue (two parallel arrays + head) so eviction is O(1) amortised.
  let keys: string[] = [];
  let times: number[] = [];
  let head = 0;
  let newestMs = Number.NEGATIVE_INFINITY;
  let evictedNewestMs = Number.NEGATIVE_INFINITY;

  function evictHead(): void {
    const key = keys[head]!;
    const t = times[head]!;
    head += 1;
    // A key may have been re-inserted later (same flow after eviction); only drop the current entry.
    if (seen.get(key) === t) seen.delete(key);
    if (t > evictedNewestMs) evictedNewestMs = t;
    if (head > 1024 && head * 2 > keys.length) {
      keys = keys.slice(head);
      times = times.slice(head);
      head = 0;
    }
  }

  function admitKey(key: string, time: string | undefined, advances: boolean): boolean {
    if (seen.has(key)) return false;
    const parsed = parseFlowTime(time);
    const valid = Number.isFinite(parsed);
    let t = valid ? parsed : Number.isFinite(newestMs) ? newestMs : 0;
    if (advances && valid && t > newestMs) newestMs = t;
    // Never let a non-flow key carry a time past the newest flow: evicting it would then push the
    // resume point beyond flows not yet received.
    if (!advances && Number.isFinite(newestMs) && t > newestMs) t = newestMs;
    // Far older than everything kept: a resume can never re-send it, so do not remember it.
    if (t < newestMs - windowMs) return true;
    seen.set(key, t);
    keys.push(key);
    times.push(t);
    while (keys.length - head > 0 && (times[head]! < newestMs - windowMs || seen.size > maxKeys)) {
      evictHead();
    }
    return true;
  }

  return {
    get size() {
      return seen.size;
    },
    admit(flow: Flow, nodeName?: string): boolean {
      return admitKey(flowKey(flow, nodeName), flow.time, true);
    },
    admitEvent(event: FlowEvent): boolean {
      if (event.kind === 'flow') return admitKey(flowKey(event.flow, event.nodeName), event.flow.time, true);
      if (event.kind === 'node-status') return true;
      const l = event.lost;
      const key = `lost\u0000${event.nodeName}\u0000${event.time}\u0000${l.source}\u0000${l.num_events_lost}\u0000${l.cpu}\u0000${l.first}`;
      return admitKey(key, event.time, false);
    },
    resumeSince(overlapMs: number): string | undefined {
      if (!Number.isFinite(newestMs)) return undefined;
      const sinceMs = Math.max(newestMs - Math.max(0, overlapMs), evictedNewestMs + 1);
      return new Date(sinceMs).toISOString();
    },
  };
}
