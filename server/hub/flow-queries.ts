// The flows explorer's history query: `hubble observe` filters over the flows the hub still holds,
// newest first, with a back-fill from Hubble Relay when `since` reaches further back than Skymap's
// own buffer. Relay evaluates what it can (pushed-down whitelist / blacklist, so fewer bytes cross
// the wire); the complete query is applied again here, so the answer is exact either way.
import type { Flow } from '../domain/flow';
import { compileFlowQuery, type FlowQuery, parseFlowQuery, toRelayFilters } from '../domain/flow-filter';
import { compareTimes } from '../domain/flow-filter/time-bounds';
import { parseFlowTime } from '../domain/flow-time';
import { flowKey } from '../sources/hubble/dedupe';
import type { RelayFlowsRequest } from '../sources/hubble/relay-types';
import type { Hub } from './hub';

export const DEFAULT_FLOW_LIMIT = 100;
export const MAX_FLOW_LIMIT = 10_000;

export interface FlowsRequest {
  readonly query: FlowQuery;
  /** How many of the newest matches to return (the query's `limit`, defaulted and capped). */
  readonly limit: number;
}

export type ParsedFlowsRequest = { readonly request: FlowsRequest } | { readonly error: string };

/** URL parameters (named like `hubble observe` flags) → a validated request; `now` anchors `since=5m`. */
export function parseFlowsRequest(params: URLSearchParams, now: number): ParsedFlowsRequest {
  const parsed = parseFlowQuery(params, now);
  if ('error' in parsed) return { error: parsed.error };
  const limit = parsed.query.limit ?? DEFAULT_FLOW_LIMIT;
  if (limit > MAX_FLOW_LIMIT) return { error: `invalid limit "${limit}" (1 to ${MAX_FLOW_LIMIT})` };
  return { request: { query: parsed.query, limit } };
}

/** A one-shot GetFlows against Relay (server/sources/hubble/relay-fetch.ts, bound to an address). */
export type FlowBackfill = (
  request: RelayFlowsRequest,
  maxFlows: number,
  signal?: AbortSignal,
) => Promise<BackfillAnswer>;

export interface BackfillAnswer {
  readonly flows: readonly { readonly flow: Flow; readonly nodeName?: string }[];
  readonly lost: readonly {
    readonly lost: { readonly source?: string; readonly num_events_lost?: string };
    readonly nodeName?: string;
  }[];
  readonly discarded: number;
  readonly malformed: number;
  readonly error?: string;
}

export interface BackfillReport {
  /** Matching flows Relay added that Skymap no longer held. */
  readonly flows: number;
  /** Relay's answer was cut to the newest flows; older ones in the window were not read. */
  readonly discarded: number;
  readonly lost: { readonly node: string; readonly source: string; readonly count: number }[];
  readonly malformed: number;
  readonly error?: string;
}

export interface FlowsResult {
  /** Newest first, in Hubble's JSON shape. */
  readonly flows: Flow[];
  /** The hub's newest ingest number when the query ran: live deltas with a larger `n` are newer. */
  readonly cursor: number;
  /** How far back Skymap's own buffer reaches. */
  readonly retained: { readonly flows: number; readonly oldest?: string };
  /** Present when Relay was asked for older flows. */
  readonly backfill?: BackfillReport;
}

export interface QueryFlowsOptions {
  /** Set when a Relay is connected; omitted, only the hub's buffer is searched. */
  readonly backfill?: FlowBackfill;
  readonly signal?: AbortSignal;
  /** Only flows this accepts are visible (a scoped person's namespaces; applies to back-fill too). */
  readonly accept?: (flow: Flow) => boolean;
}

/** Newest-first matches from the hub, back-filled from Relay when `since` is older than the buffer. */
export async function queryFlows(
  hub: Hub,
  request: FlowsRequest,
  _now: number,
  options: QueryFlowsOptions = {},
): Promise<FlowsResult> {
  const { query, limit } = request;
  const compiled = compileFlowQuery(query);
  const accept = options.accept;
  const match = accept === undefined ? compiled : (flow: Flow) => accept(flow) && compiled(flow);
  const wantOldest = query.since !== undefined;
  let oldestMs = Number.POSITIVE_INFINITY;
  let oldestText: string | undefined;
  const local = hub.flows
    .newest(limit, (stored) => {
      if (wantOldest) {
        const t = parseFlowTime(stored.flow.time);
        if (t < oldestMs || (t === oldestMs && compareTimes(stored.flow.time ?? '', oldestText ?? '') < 0)) {
          oldestMs = t;
          oldestText = stored.flow.time;
        }
      }
      return match(stored.flow);
    })
    .map((stored) => stored.flow);
  const cursor = hub.flows.newest(1)[0]?.n ?? 0;
  const retained = { flows: hub.flows.size, ...(oldestText !== undefined ? { oldest: oldestText } : {}) };
  const result: FlowsResult = { flows: local, cursor, retained };

  const since = query.since === undefined ? Number.NaN : parseFlowTime(query.since);
  const reachesBack = hub.flows.size === 0 || since < oldestMs;
  if (options.backfill === undefined || local.length >= limit || !reachesBack || Number.isNaN(since)) {
    return result;
  }
  // Up to the oldest flow held here (inclusive: the overlap is de-duplicated below).
  const until =
    oldestText !== undefined && (query.until === undefined || parseFlowTime(query.until) > oldestMs)
      ? oldestText
      : query.until;
  const pushed = toRelayFilters(query);
  // `number` 0: with `since` Hubble reads forward from `since`, so a count would return the OLDEST
  // matches; the newest are kept on our side instead (maxFlows).
  const relayRequest: RelayFlowsRequest = {
    number: 0,
    follow: false,
    since: query.since,
    ...(until !== undefined ? { until } : {}),
    whitelist: pushed.whitelist,
    blacklist: pushed.blacklist,
  };
  let answer: BackfillAnswer;
  try {
    answer = await options.backfill(relayRequest, limit, options.signal);
  } catch (err) {
    return { ...result, backfill: emptyReport(err instanceof Error ? err.message : String(err)) };
  }
  const seen = new Set(local.map((flow) => flowKey(flow)));
  const older: Flow[] = [];
  for (let i = answer.flows.length - 1; i >= 0 && local.length + older.length < limit; i--) {
    const event = answer.flows[i];
    if (event === undefined || !match(event.flow)) continue;
    const key = flowKey(event.flow, event.nodeName);
    if (seen.has(key)) continue;
    seen.add(key);
    older.push(event.flow);
  }
  return {
    ...result,
    flows: [...local, ...older],
    backfill: {
      flows: older.length,
      discarded: answer.discarded,
      lost: answer.lost.map((e) => ({
        node: e.nodeName ?? 'unknown',
        source: e.lost.source ?? 'UNKNOWN_LOST_EVENT_SOURCE',
        count: lostCount(e.lost.num_events_lost),
      })),
      malformed: answer.malformed,
      ...(answer.error !== undefined ? { error: answer.error } : {}),
    },
  };
}

function lostCount(text: string | undefined): number {
  const n = Number(text ?? '0');
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function emptyReport(error: string): BackfillReport {
  return { flows: 0, discarded: 0, lost: [], malformed: 0, error };
}
