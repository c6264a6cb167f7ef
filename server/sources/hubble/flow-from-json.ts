// Reads Hubble's JSON lines (`hubble observe -o jsonpb`, Hubble exporter files) into domain
// FlowEvents. Accepts what protojson parsers accept: proto names or lowerCamelCase keys, enums as
// names or numbers, 64-bit and 32-bit integers as strings or numbers, null as "unset". Output is
// the shape decodeGetFlowsResponse produces, so JSON and wire input are interchangeable.
// Unknown keys are ignored (newer Hubble versions add fields); type errors reject the line.

import type { Flow, FlowEvent, LostEvent, NodeStatusEvent } from '../../domain/flow';
import { normalizeMessage, ShapeError } from './flow-json-normalize';
import { FLOW_SPEC, LOST_EVENT_SPEC, type MessageSpec, NODE_STATUS_SPEC } from './flow-json-schema';

export type ParsedFlowLine = { readonly event: FlowEvent } | { readonly error: string };

const MEMBERS = [
  { proto: 'flow', json: 'flow' },
  { proto: 'lost_events', json: 'lostEvents' },
  { proto: 'node_status', json: 'nodeStatus' },
  { proto: 'agent_event', json: 'agentEvent' },
  { proto: 'debug_event', json: 'debugEvent' },
] as const;

/**
 * Parses one JSON line: a GetFlowsResponse / ExportEvent (`{"flow":{...},"node_name":...,"time":...}`,
 * `lost_events`, `node_status`) or a bare Flow object. Never throws.
 */
export function parseFlowJsonLine(line: string): ParsedFlowLine {
  if (line.trim() === '') return { error: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    return { event: eventFromJson(value) };
  } catch (e) {
    if (e instanceof ShapeError) return { error: e.message };
    return { error: `unexpected: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function eventFromJson(value: unknown): FlowEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError('line is not a JSON object');
  }
  const obj = value as Record<string, unknown>;
  const present = MEMBERS.filter((m) => isSet(obj[m.proto]) || isSet(obj[m.json]));
  if (present.length > 1) {
    throw new ShapeError(`more than one of ${present.map((m) => m.proto).join(', ')} is set`);
  }
  const member = present[0];
  if (member === undefined) {
    // A bare Flow (hubble observe --input-file tolerates it). Relay would have copied the flow's
    // node name and time into the response, so do the same.
    const flow = normalizeMessage(obj, FLOW_SPEC, 'flow') as Flow;
    return withMeta({ kind: 'flow', flow }, flow.node_name, flow.time);
  }
  const top = normalizeMessage(obj, RESPONSE_META_SPEC, '') as { node_name?: string; time?: string };
  const body = isSet(obj[member.proto]) ? obj[member.proto] : obj[member.json];
  switch (member.proto) {
    case 'flow':
      return withMeta(
        { kind: 'flow', flow: normalizeMessage(body, FLOW_SPEC, 'flow') as Flow },
        top.node_name,
        top.time,
      );
    case 'lost_events':
      return withMeta(
        { kind: 'lost', lost: normalizeMessage(body, LOST_EVENT_SPEC, 'lost_events') as LostEvent },
        top.node_name,
        top.time,
      );
    case 'node_status':
      return withMeta(
        {
          kind: 'node-status',
          status: normalizeMessage(body, NODE_STATUS_SPEC, 'node_status') as NodeStatusEvent,
        },
        top.node_name,
        top.time,
      );
    default:
      throw new ShapeError(`${member.proto} lines are not flow events`);
  }
}

// Only the fields outside the oneof; the members are handled above.
const RESPONSE_META_SPEC: MessageSpec = {
  fields: new Map([
    ['node_name', { name: 'node_name', kind: 'string' }],
    ['nodeName', { name: 'node_name', kind: 'string' }],
    ['time', { name: 'time', kind: 'timestamp' }],
  ]),
  oneofs: [],
};

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function withMeta(event: FlowEvent, nodeName: string | undefined, time: string | undefined): FlowEvent {
  // Freshly built here, so writing the optional metadata in place is safe.
  const e = event as { nodeName?: string; time?: string };
  if (nodeName !== undefined) e.nodeName = nodeName;
  if (time !== undefined) e.time = time;
  return event;
}
