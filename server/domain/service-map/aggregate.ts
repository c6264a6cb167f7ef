// The per-flow hot path (budget ~0.5 µs per flow at 200k flows/s on one core). Per flow: parse the
// time, resolve both nodes through the caches, orient the edge, classify once into a reused sample,
// add it to the totals and three ring buckets. No allocation unless something new appears (a node,
// an edge, a bucket, a drop reason).

import type { Flow, FlowEvent } from '../flow';
import { enforceEdgeCap, enforceNodeCap, sweep } from './bounds';
import { countsAsReply, directionUnknown, protocolHasPorts, protocolOf, serverPortOf } from './edge-key';
import { classifyFlow } from './edge-stats';
import { timeOf } from './parse-time';
import { resolveNode } from './resolve-node';
import { getOrCreateEdge, type ServiceMapState } from './state';
import { clockAt, MINUTE_MS, newRings, recordInRings } from './windows';

// Module-local copies of the per-flow imports: compiled to CommonJS or bundled, each use of an
// imported binding is a getter call, which measured ~5% of aggregation time.
const _countsAsReply = countsAsReply;
const _directionUnknown = directionUnknown;
const _protocolHasPorts = protocolHasPorts;
const _protocolOf = protocolOf;
const _serverPortOf = serverPortOf;
const _classifyFlow = classifyFlow;
const _timeOf = timeOf;
const _resolveNode = resolveNode;
const _getOrCreateEdge = getOrCreateEdge;
const _newRings = newRings;
const _recordInRings = recordInRings;

function checkNow(now: number): void {
  if (!Number.isFinite(now)) throw new RangeError(`aggregate: now must be a finite epoch ms, got ${now}`);
}

function beginBatch(state: ServiceMapState, now: number): void {
  checkNow(now);
  if (state.clock.now !== now) state.clock = clockAt(now);
  if (now < state.dataStartMs) state.dataStartMs = now;
  if (now - state.lastSweep >= MINUTE_MS) {
    state.lastSweep = now;
    sweep(state);
  }
}

function recordFlow(state: ServiceMapState, flow: Flow): void {
  if (flow === null || typeof flow !== 'object') {
    state.counters.malformed++;
    return;
  }
  const counters = state.counters;
  counters.flows++;
  const clock = state.clock;
  let t = _timeOf(flow, clock.now, counters);
  if (t > clock.now) t = clock.now;
  // A back-filled flow extends the span rates are over; one from a node clock years behind must not.
  if (t < state.dataStartMs && t >= clock.horizon) state.dataStartMs = t;

  const protoCode = _protocolOf(flow);
  let reply = _countsAsReply(flow, protoCode);
  const source = _resolveNode(state, flow, 'source');
  const destination = _resolveNode(state, flow, 'destination');
  if (!reply && _protocolHasPorts(protoCode) && _directionUnknown(flow)) {
    // The answer to a request edge already on the map (destination → source on the source port).
    const back = destination.out.get(source);
    reply = back?.has((protoCode << 16) | _serverPortOf(flow, protoCode, true)) === true;
  }
  const client = reply ? destination : source;
  const server = reply ? source : destination;
  const port = _protocolHasPorts(protoCode) ? _serverPortOf(flow, protoCode, reply) : null;
  const edge = _getOrCreateEdge(state, client, server, protoCode, port);

  const sample = state.sample;
  _classifyFlow(flow, sample);
  edge.totals.add(sample);
  if (t >= clock.horizon) {
    if (edge.rings === null) edge.rings = _newRings();
    _recordInRings(edge.rings, clock, t, sample);
  }
  if (t > edge.lastSeen) edge.lastSeen = t;
  client.total++;
  if (t > client.lastSeen) client.lastSeen = t;
  if (server !== client) {
    server.total++;
    if (t > server.lastSeen) server.lastSeen = t;
  }

  if (state.nodes.size > state.maxNodes) enforceNodeCap(state);
  if (state.edgeCount > state.maxEdges) enforceEdgeCap(state);
}

/**
 * Adds `flows` to `state` (mutated in place; see state.ts). `now` is the caller's clock in epoch ms:
 * windows are relative to it and flow times later than it are clamped to it. Malformed entries are
 * counted in `state.counters` and skipped; this never throws on flow content.
 */
export function aggregate(state: ServiceMapState, flows: readonly Flow[], now: number): void {
  beginBatch(state, now);
  for (let i = 0; i < flows.length; i++) recordFlow(state, flows[i] as Flow);
}

/** One flow; same contract as aggregate. */
export function aggregateFlow(state: ServiceMapState, flow: Flow, now: number): void {
  beginBatch(state, now);
  recordFlow(state, flow);
}

/** Same as aggregate for the flows among `events`; lost and node-status events are ignored here. */
export function aggregateEvents(state: ServiceMapState, events: readonly FlowEvent[], now: number): void {
  beginBatch(state, now);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event !== undefined && event !== null && event.kind === 'flow') recordFlow(state, event.flow);
  }
}
