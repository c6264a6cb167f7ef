// Hand-written readers for Layer7 (oneof record: dns / http / kafka). Same conventions as
// decode-flow-parts.ts.

import type { Dns, Http, Kafka, Layer7 } from '../../domain/flow';
import { append, type Mutable, readKeyValue } from './decode-flow-parts';
import { L7_FLOW_TYPE } from './enum-names';
import type { WireReader } from './wire-reader';

// Module-local copies of imported bindings. Compiled to CommonJS (tsx, bundlers), each use of
// an import becomes a getter call; in these per-field loops that measured ~20% of decode time.
const _L7_FLOW_TYPE = L7_FLOW_TYPE;
const _append = append;
const _readKeyValue = readKeyValue;

const FIVE_FIELDS = new Set([1, 2, 3, 4, 5]);
const EIGHT_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7, 8]);
const LAYER7_FIELDS = new Set([1, 2, 100, 101, 102]);

export function readLayer7(r: WireReader, o: Mutable<Layer7>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.type = _L7_FLOW_TYPE.nameOf(v);
          break;
        }
      case 16 /* 2:VARINT */:
        {
          const s = r.uint64String();
          if (s !== '') o.latency_ns = s;
          break;
        }
      case 802 /* 100:LEN */:
        {
          const cur = o.dns;
          if (cur === undefined) clearRecord(o);
          o.dns = r.message(readDns, cur ?? {});
          break;
        }
      case 810 /* 101:LEN */:
        {
          const cur = o.http;
          if (cur === undefined) clearRecord(o);
          o.http = r.message(readHttp, cur ?? {});
          break;
        }
      case 818 /* 102:LEN */:
        {
          const cur = o.kafka;
          if (cur === undefined) clearRecord(o);
          o.kafka = r.message(readKafka, cur ?? {});
          break;
        }
      default:
        r.skipUnknown(tag, LAYER7_FIELDS);
    }
  }
}

function clearRecord(o: Mutable<Layer7>): void {
  if (o.dns !== undefined) delete o.dns;
  if (o.http !== undefined) delete o.http;
  if (o.kafka !== undefined) delete o.kafka;
}

function readDns(r: WireReader, o: Mutable<Dns>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 10 /* 1:LEN */:
        {
          const s = r.string();
          if (s !== '') o.query = s;
          break;
        }
      case 18 /* 2:LEN */:
        o.ips = _append(o.ips, r.string());
        break;
      case 24 /* 3:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.ttl = v;
          break;
        }
      case 34 /* 4:LEN */:
        o.cnames = _append(o.cnames, r.string());
        break;
      case 42 /* 5:LEN */:
        {
          const s = r.string();
          if (s !== '') o.observation_source = s;
          break;
        }
      case 48 /* 6:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.rcode = v;
          break;
        }
      case 58 /* 7:LEN */:
        o.qtypes = _append(o.qtypes, r.string());
        break;
      case 66 /* 8:LEN */:
        o.rrtypes = _append(o.rrtypes, r.string());
        break;
      default:
        r.skipUnknown(tag, EIGHT_FIELDS);
    }
  }
}

function readHttp(r: WireReader, o: Mutable<Http>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.uint32();
          if (v !== 0) o.code = v;
          break;
        }
      case 18 /* 2:LEN */:
        {
          const s = r.string();
          if (s !== '') o.method = s;
          break;
        }
      case 26 /* 3:LEN */:
        {
          const s = r.string();
          if (s !== '') o.url = s;
          break;
        }
      case 34 /* 4:LEN */:
        {
          const s = r.string();
          if (s !== '') o.protocol = s;
          break;
        }
      case 42 /* 5:LEN */:
        o.headers = _append(o.headers, r.message(_readKeyValue, {}));
        break;
      default:
        r.skipUnknown(tag, FIVE_FIELDS);
    }
  }
}

function readKafka(r: WireReader, o: Mutable<Kafka>): void {
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag) {
      case 8 /* 1:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.error_code = v;
          break;
        }
      case 16 /* 2:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.api_version = v;
          break;
        }
      case 26 /* 3:LEN */:
        {
          const s = r.string();
          if (s !== '') o.api_key = s;
          break;
        }
      case 32 /* 4:VARINT */:
        {
          const v = r.int32();
          if (v !== 0) o.correlation_id = v;
          break;
        }
      case 42 /* 5:LEN */:
        {
          const s = r.string();
          if (s !== '') o.topic = s;
          break;
        }
      default:
        r.skipUnknown(tag, FIVE_FIELDS);
    }
  }
}
