// Fast path for GetFlows: one serialized observer.GetFlowsResponse straight into a domain
// FlowEvent, without building generated protobuf objects first. The output matches what
// `hubble observe -o jsonpb` prints (proto names, enum names, 64-bit decimal strings, protojson
// timestamps, defaults omitted), so parseFlowJsonLine and this decoder produce equal events.

import type { Flow, FlowEvent, LostEvent, NodeStatusEvent } from '../../domain/flow';
import { readFlow } from './decode-flow';
import { append, type Mutable, readInt32Value, readTimestamp } from './decode-flow-parts';
import { LOST_EVENT_SOURCE, NODE_STATE } from './enum-names';
import { blankFlow } from './flow-shape';
import { WireDecodeError, WireReader } from './wire-reader';

// Module-local copies of imported bindings. Compiled to CommonJS (tsx, bundlers), each use of
// an import becomes a getter call; in these per-field loops that measured ~20% of decode time.
const _LOST_EVENT_SOURCE = LOST_EVENT_SOURCE;
const _NODE_STATE = NODE_STATE;
const _append = append;
const _blankFlow = blankFlow;
const _readFlow = readFlow;
const _readInt32Value = readInt32Value;
const _readTimestamp = readTimestamp;

export { WireDecodeError } from './wire-reader';

const RESPONSE_FIELDS = new Set([1, 2, 3, 1000, 1001]);
const LOST_FIELDS = new Set([1, 2, 3, 4, 5]);
const STATUS_FIELDS = new Set([1, 2, 3]);

const FLOW = 1;
const NODE_STATUS = 2;
const LOST = 3;

/**
 * Decodes one GetFlowsResponse message (the gRPC payload, without the 5-byte frame header).
 * Throws WireDecodeError on malformed bytes or when none of flow/node_status/lost_events is set;
 * callers count and skip such messages.
 */
export function decodeGetFlowsResponse(bytes: Uint8Array): FlowEvent {
  const r = new WireReader(bytes);
  let member = 0;
  // Created when their field arrives: most messages are flows, and an unused object is garbage.
  let flow: Mutable<Flow> | undefined;
  let status: Mutable<NodeStatusEvent> | undefined;
  let lost: Mutable<LostEvent> | undefined;
  let nodeName = '';
  let time: string | undefined;
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* 1:LEN */:
        // A different oneof member arriving later replaces the earlier one.
        if (member !== FLOW || flow === undefined) flow = _blankFlow();
        member = FLOW;
        r.message(_readFlow, flow);
        break;
      case 18 /* 2:LEN */:
        if (member !== NODE_STATUS || status === undefined) status = {};
        member = NODE_STATUS;
        r.message(readNodeStatus, status);
        break;
      case 26 /* 3:LEN */:
        if (member !== LOST || lost === undefined) lost = {};
        member = LOST;
        r.message(readLostEvent, lost);
        break;
      case 8002 /* 1000:LEN */:
        nodeName = r.string();
        break;
      case 8010 /* 1001:LEN */:
        time = _readTimestamp(r);
        break;
      default:
        r.skipUnknown(tag, RESPONSE_FIELDS);
    }
  }
  switch (member) {
    case FLOW:
      return withMeta({ kind: 'flow', flow: flow as Mutable<Flow> }, nodeName, time);
    case NODE_STATUS:
      return withMeta({ kind: 'node-status', status: status! }, nodeName, time);
    case LOST:
      return withMeta({ kind: 'lost', lost: lost! }, nodeName, time);
    default:
      throw new WireDecodeError('GetFlowsResponse has none of flow, node_status, lost_events', r.pos);
  }
}

function withMeta<T extends FlowEvent>(event: Mutable<T>, nodeName: string, time: string | undefined): T {
  if (nodeName !== '') event.nodeName = nodeName;
  if (time !== undefined) event.time = time;
  return event as T;
}

function readLostEvent(r: WireReader, o: Mutable<LostEvent>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.source = _LOST_EVENT_SOURCE.nameOf(v);
          break;
        }
      case 16 /* 2:VARINT */:
        {
          const s = r.uint64String();
          if (s !== '') o.num_events_lost = s;
          break;
        }
      case 26 /* 3:LEN */:
        o.cpu = _readInt32Value(r);
        break;
      case 34 /* 4:LEN */:
        o.first = _readTimestamp(r);
        break;
      case 42 /* 5:LEN */:
        o.last = _readTimestamp(r);
        break;
      default:
        r.skipUnknown(tag, LOST_FIELDS);
    }
  }
}

function readNodeStatus(r: WireReader, o: Mutable<NodeStatusEvent>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.state_change = _NODE_STATE.nameOf(v);
          break;
        }
      case 18 /* 2:LEN */:
        o.node_names = _append(o.node_names, r.string());
        break;
      case 26 /* 3:LEN */:
        {
          const s = r.string();
          if (s !== '') o.message = s;
          break;
        }
      default:
        r.skipUnknown(tag, STATUS_FIELDS);
    }
  }
}
