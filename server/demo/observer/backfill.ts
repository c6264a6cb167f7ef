// Which stored events a GetFlows request gets before (or instead of) live events, following the
// Hubble agent's rules as Relay forwards them: `number` and `first` count flows PER NODE, `since`
// wins over `number` as the start point, `until` ends the stream, lost events are never filtered
// or counted, output is oldest → newest.
import type { Flow, FlowEvent } from '../../domain/flow';
import type { RelayFlowsRequest } from '../../sources/hubble/relay-types';
import { parseTimestamp, type TimestampParts } from '../../sources/hubble/rfc3339';

export interface TimeBounds {
  readonly since?: TimestampParts;
  readonly until?: TimestampParts;
}

export interface Backfill {
  readonly events: readonly FlowEvent[];
  /** An event newer than `until` was met: a following stream must end after the backfill. */
  readonly reachedUntil: boolean;
}

export function timeBounds(req: RelayFlowsRequest): TimeBounds {
  return {
    since: req.since === undefined ? undefined : parseTimestamp(req.since),
    until: req.until === undefined ? undefined : parseTimestamp(req.until),
  };
}

export function eventTime(event: FlowEvent): TimestampParts | undefined {
  const text = event.time ?? (event.kind === 'flow' ? event.flow.time : undefined);
  return text === undefined ? undefined : parseTimestamp(text);
}

export function eventNode(event: FlowEvent): string {
  return event.nodeName ?? (event.kind === 'flow' ? event.flow.node_name : undefined) ?? '';
}

function compare(a: TimestampParts, b: TimestampParts): number {
  return a.seconds === b.seconds ? a.nanos - b.nanos : a.seconds - b.seconds;
}

/** Events without a time pass every bound (Hubble cannot place them either). */
export function beforeSince(t: TimestampParts | undefined, b: TimeBounds): boolean {
  return b.since !== undefined && t !== undefined && compare(t, b.since) < 0;
}

export function afterUntil(t: TimestampParts | undefined, b: TimeBounds): boolean {
  return b.until !== undefined && t !== undefined && compare(t, b.until) > 0;
}

export function selectBackfill(
  history: readonly FlowEvent[],
  req: RelayFlowsRequest,
  accept: (flow: Flow, node: string) => boolean,
): Backfill {
  const bounds = timeBounds(req);
  const candidates: FlowEvent[] = [];
  let reachedUntil = false;
  for (const event of history) {
    if (event.kind === 'node-status') continue;
    const t = eventTime(event);
    if (afterUntil(t, bounds)) {
      reachedUntil = true;
      break;
    }
    // `since` is where the reader starts in the ring, so it bounds lost events too; filters do not.
    if (beforeSince(t, bounds)) continue;
    if (event.kind === 'lost' || accept(event.flow, eventNode(event))) candidates.push(event);
  }

  const n = Math.max(0, Math.floor(req.number ?? 0));
  const all = req.first ? n === 0 : n === 0 && (req.since !== undefined || !req.follow);
  const none = !req.first && n === 0 && !all;
  if (none) return { events: [], reachedUntil };
  if (all) return { events: candidates, reachedUntil };

  // Per node: the first n flows (first) or the last n (walking back from the newest).
  const chosen = new Set<number>();
  const perNode = new Map<string, number>();
  let start = Number.POSITIVE_INFINITY;
  let last = -1;
  const take = (i: number) => {
    const event = candidates[i]!;
    if (event.kind !== 'flow') return;
    const node = eventNode(event);
    const count = perNode.get(node) ?? 0;
    if (count >= n) return;
    perNode.set(node, count + 1);
    chosen.add(i);
    start = Math.min(start, i);
    last = Math.max(last, i);
  };
  if (req.first) for (let i = 0; i < candidates.length; i++) take(i);
  else for (let i = candidates.length - 1; i >= 0; i--) take(i);
  if (chosen.size === 0) return { events: [], reachedUntil };

  const end = req.first ? last : candidates.length - 1;
  const events: FlowEvent[] = [];
  for (let i = start; i <= end; i++) {
    const event = candidates[i]!;
    // Lost events inside the chosen range are part of what the reader walked over.
    if (chosen.has(i) || event.kind === 'lost') events.push(event);
  }
  return { events, reachedUntil };
}
