// Hand-written reader for flow.Flow (field numbers: proto/api/v1/flow/flow.proto). One switch on
// the raw tag per field; enum numbers become names through enum-names.ts; `extensions` (Any) and
// unknown fields are skipped.

import { FLOW_TIME_MS, type Flow } from '../../domain/flow';
import { readLayer7 } from './decode-flow-l7';
import { readEthernet, readIp, readLayer4, readTunnel } from './decode-flow-layers';
import {
  append,
  LAST_TIMESTAMP_MS,
  type Mutable,
  readAggregate,
  readBoolValue,
  readEndpoint,
  readEventType,
  readFileInfo,
  readInterface,
  readIpTraceId,
  readNameVersion,
  readPolicy,
  readService,
  readTimestamp,
  readTraceContext,
} from './decode-flow-parts';
import {
  AUTH_TYPE,
  DEBUG_CAPTURE_POINT,
  DROP_REASON,
  FLOW_TYPE,
  SOCKET_TRANSLATION_POINT,
  TRACE_OBSERVATION_POINT,
  TRACE_REASON,
  TRAFFIC_DIRECTION,
  VERDICT,
} from './enum-names';
import type { WireReader } from './wire-reader';
import { copyEndpoint, readNodeLabels, SHARED } from './wire-share-flow';

// Module-local copies of imported bindings. Compiled to CommonJS (tsx, bundlers), each use of
// an import becomes a getter call; in these per-field loops that measured ~20% of decode time.
const _AUTH_TYPE = AUTH_TYPE;
const _DEBUG_CAPTURE_POINT = DEBUG_CAPTURE_POINT;
const _DROP_REASON = DROP_REASON;
const _FLOW_TYPE = FLOW_TYPE;
const _SOCKET_TRANSLATION_POINT = SOCKET_TRANSLATION_POINT;
const _TRACE_OBSERVATION_POINT = TRACE_OBSERVATION_POINT;
const _TRACE_REASON = TRACE_REASON;
const _TRAFFIC_DIRECTION = TRAFFIC_DIRECTION;
const _VERDICT = VERDICT;
const _append = append;
const _LAST_MS = LAST_TIMESTAMP_MS;
const _FLOW_TIME_MS: typeof FLOW_TIME_MS = FLOW_TIME_MS;
const _readAggregate = readAggregate;
const _readBoolValue = readBoolValue;
const _readEndpoint = readEndpoint;
const _readEthernet = readEthernet;
const _readEventType = readEventType;
const _readFileInfo = readFileInfo;
const _readInterface = readInterface;
const _readIp = readIp;
const _readIpTraceId = readIpTraceId;
const _readLayer4 = readLayer4;
const _readLayer7 = readLayer7;
const _readNameVersion = readNameVersion;
const _readPolicy = readPolicy;
const _readService = readService;
const _readTimestamp = readTimestamp;
const _readTraceContext = readTraceContext;
const _readTunnel = readTunnel;
const _SHARED = SHARED;
const _copyEndpoint = copyEndpoint;
const _readNodeLabels = readNodeLabels;

// Field 150000 (extensions) is deliberately absent: it is skipped like an unknown field.
const FLOW_FIELDS = new Set([
  1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
  34, 35, 36, 37, 38, 39, 40, 41, 21001, 21002, 21004, 21005, 21006, 21007, 100000,
]);

export function readFlow(r: WireReader, o: Mutable<Flow>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* 1:LEN */:
        o.time = _readTimestamp(r);
        o[_FLOW_TIME_MS] = _LAST_MS[0]!;
        break;
      case 16 /* 2:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.verdict = _VERDICT.nameOf(v);
          break;
        }
      case 24 /* 3:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.drop_reason = v;
          break;
        }
      case 34 /* 4:LEN */:
        o.ethernet = r.message(_readEthernet, o.ethernet ?? {});
        break;
      case 42 /* 5:LEN */:
        o.IP = r.message(_readIp, o.IP ?? {});
        break;
      case 50 /* 6:LEN */:
        o.l4 = r.message(_readLayer4, o.l4 ?? {});
        break;
      case 66 /* 8:LEN */:
        o.source =
          o.source === undefined
            ? _SHARED.endpoint.message(r, _readEndpoint)
            : r.message(_readEndpoint, _copyEndpoint(o.source));
        break;
      case 74 /* 9:LEN */:
        o.destination =
          o.destination === undefined
            ? _SHARED.endpoint.message(r, _readEndpoint)
            : r.message(_readEndpoint, _copyEndpoint(o.destination));
        break;
      case 80 /* 10:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.Type = _FLOW_TYPE.nameOf(v);
          break;
        }
      case 90 /* 11:LEN */:
        {
          const s = r.string();
          if (s !== '') o.node_name = s;
          break;
        }
      case 106 /* 13:LEN */:
        o.source_names = _append(o.source_names, r.string());
        break;
      case 114 /* 14:LEN */:
        o.destination_names = _append(o.destination_names, r.string());
        break;
      case 122 /* 15:LEN */:
        o.l7 = r.message(_readLayer7, o.l7 ?? {});
        break;
      case 128 /* 16:VARINT */:
        if (r.bool()) o.reply = true;
        break;
      case 154 /* 19:LEN */:
        o.event_type =
          o.event_type === undefined
            ? _SHARED.eventType.message(r, _readEventType)
            : r.message(_readEventType, { ...o.event_type });
        break;
      case 162 /* 20:LEN */:
        o.source_service =
          o.source_service === undefined
            ? _SHARED.service.message(r, _readService)
            : r.message(_readService, { ...o.source_service });
        break;
      case 170 /* 21:LEN */:
        o.destination_service =
          o.destination_service === undefined
            ? _SHARED.service.message(r, _readService)
            : r.message(_readService, { ...o.destination_service });
        break;
      case 176 /* 22:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.traffic_direction = _TRAFFIC_DIRECTION.nameOf(v);
          break;
        }
      case 184 /* 23:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.policy_match_type = v;
          break;
        }
      case 192 /* 24:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.trace_observation_point = _TRACE_OBSERVATION_POINT.nameOf(v);
          break;
        }
      case 200 /* 25:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.drop_reason_desc = _DROP_REASON.nameOf(v);
          break;
        }
      case 210 /* 26:LEN */:
        o.is_reply = _readBoolValue(r);
        break;
      case 216 /* 27:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.debug_capture_point = _DEBUG_CAPTURE_POINT.nameOf(v);
          break;
        }
      case 226 /* 28:LEN */:
        o.interface = r.message(_readInterface, o.interface ?? {});
        break;
      case 232 /* 29:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.proxy_port = v;
          break;
        }
      case 242 /* 30:LEN */:
        o.trace_context = r.message(_readTraceContext, o.trace_context ?? {});
        break;
      case 248 /* 31:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.sock_xlate_point = _SOCKET_TRANSLATION_POINT.nameOf(v);
          break;
        }
      case 256 /* 32:VARINT */:
        {
          const s = r.uint64String();
          if (s !== '') o.socket_cookie = s;
          break;
        }
      case 264 /* 33:VARINT */:
        {
          const s = r.uint64String();
          if (s !== '') o.cgroup_id = s;
          break;
        }
      case 274 /* 34:LEN */:
        {
          const s = r.uniqueString();
          if (s !== '') o.uuid = s;
          break;
        }
      case 280 /* 35:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.auth_type = _AUTH_TYPE.nameOf(v);
          break;
        }
      case 288 /* 36:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.trace_reason = _TRACE_REASON.nameOf(v);
          break;
        }
      case 298 /* 37:LEN */:
        o.node_labels = _readNodeLabels(r, o.node_labels);
        break;
      case 306 /* 38:LEN */:
        o.file = r.message(_readFileInfo, o.file ?? {});
        break;
      case 314 /* 39:LEN */:
        o.tunnel = r.message(_readTunnel, o.tunnel ?? {});
        break;
      case 322 /* 40:LEN */:
        o.ip_trace_id = r.message(_readIpTraceId, o.ip_trace_id ?? {});
        break;
      case 330 /* 41:LEN */:
        o.emitter =
          o.emitter === undefined
            ? _SHARED.emitter.message(r, _readNameVersion)
            : r.message(_readNameVersion, { ...o.emitter });
        break;
      case 168010 /* 21001:LEN */:
        o.egress_allowed_by = _append(o.egress_allowed_by, _SHARED.policy.message(r, _readPolicy));
        break;
      case 168018 /* 21002:LEN */:
        o.ingress_allowed_by = _append(o.ingress_allowed_by, _SHARED.policy.message(r, _readPolicy));
        break;
      case 168034 /* 21004:LEN */:
        o.egress_denied_by = _append(o.egress_denied_by, _SHARED.policy.message(r, _readPolicy));
        break;
      case 168042 /* 21005:LEN */:
        o.ingress_denied_by = _append(o.ingress_denied_by, _SHARED.policy.message(r, _readPolicy));
        break;
      case 168050 /* 21006:LEN */:
        o.policy_log = _append(o.policy_log, r.string());
        break;
      case 168058 /* 21007:LEN */:
        o.aggregate = r.message(_readAggregate, o.aggregate ?? {});
        break;
      case 800002 /* 100000:LEN */:
        {
          const s = r.string();
          if (s !== '') o.Summary = s;
          break;
        }
      default:
        r.skipUnknown(tag, FLOW_FIELDS);
    }
  }
}
