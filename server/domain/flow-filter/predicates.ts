// One predicate per `flow.FlowFilter` field, with Hubble's semantics and Hubble's validation
// (pkg/hubble/filters/*.go, Cilium v1.19). Both the query matcher and the Relay-filter matcher are
// built from these, so a term pushed down to Relay and the same term evaluated locally agree.

import { type Compiled, compileEndpointField, strings } from './endpoint-predicates';
import {
  DROP_REASONS,
  flowDropReason,
  flowIpVersion,
  flowTrafficDirection,
  flowVerdict,
  PROTOCOLS,
  VERDICTS,
} from './enums';
import { compileNodeNamePatterns, compileRe2, requestUriPath } from './patterns';
import type { RelayFilterKey } from './types';

export type { Compiled } from './endpoint-predicates';

function testAny(res: readonly RegExp[], text: string): boolean {
  for (const re of res) if (re.test(text)) return true;
  return false;
}

/** Enum filters accept names or numbers; the flow side is normalised by `name`. */
function enumSet(
  key: string,
  values: readonly unknown[],
  known: readonly string[],
  name: (v: unknown) => string,
): { wanted: Set<string> } | { error: string } {
  const wanted = new Set<string>();
  for (const v of values) {
    const n = typeof v === 'number' ? name(v) : v;
    if (typeof n !== 'string' || !known.includes(n))
      return { error: `${key}: unknown value ${JSON.stringify(v)}` };
    wanted.add(n);
  }
  return { wanted };
}

function regexes(key: string, values: readonly unknown[]): RegExp[] | { error: string } {
  const list = strings(key, values);
  if ('error' in list) return list;
  const out: RegExp[] = [];
  for (const v of list) {
    const r = compileRe2(v);
    if ('error' in r) return { error: `${key}: ${r.error}` };
    out.push(r.regex);
  }
  return out;
}

const HTTP_FULL = /^[1-5][0-9]{2}$/;
const HTTP_PREFIX = /^[1-5][0-9]?\+$/;

function httpStatus(values: readonly unknown[]): Compiled {
  const list = strings('http_status_code', values);
  if ('error' in list) return list;
  const full = new Set<string>();
  const prefixes: string[] = [];
  for (const v of list) {
    if (HTTP_FULL.test(v)) full.add(v);
    else if (HTTP_PREFIX.test(v)) prefixes.push(v.slice(0, -1));
    else return { error: `http_status_code: invalid status code prefix "${v}"` };
  }
  return {
    match: (flow) => {
      const code = flow.l7?.http?.code ?? 0;
      if (!code) return false;
      const text = code < 10 ? `00${code}` : code < 100 ? `0${code}` : String(code);
      if (full.has(text)) return true;
      for (const p of prefixes) if (text.startsWith(p)) return true;
      return false;
    },
  };
}

function eventTypes(values: readonly unknown[]): Compiled {
  const filters: { type: number; matchSub: boolean; sub: number }[] = [];
  for (const v of values) {
    const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    const type = o.type ?? 0;
    const match_sub_type = o.match_sub_type ?? o.matchSubType ?? false;
    const sub_type = o.sub_type ?? o.subType ?? 0;
    if (typeof v !== 'object' || v === null || !Number.isInteger(type) || !Number.isInteger(sub_type)) {
      return { error: `event_type: expected {type, match_sub_type, sub_type} objects` };
    }
    filters.push({ type: type as number, matchSub: match_sub_type === true, sub: sub_type as number });
  }
  return {
    match: (flow) => {
      const et = flow.event_type;
      if (et === undefined || et === null) return false;
      const type = et.type ?? 0;
      const sub = et.sub_type ?? 0;
      for (const f of filters)
        if ((f.type === 0 || f.type === type) && (!f.matchSub || f.sub === sub)) return true;
      return false;
    },
  };
}

function protocols(values: readonly unknown[]): Compiled {
  const list = strings('protocol', values);
  if ('error' in list) return list;
  const wanted = new Set<string>();
  for (const p of list) {
    const lower = p.toLowerCase();
    if (!PROTOCOLS.includes(lower)) return { error: `protocol: unknown protocol "${p}"` };
    wanted.add(lower);
  }
  const icmp4 = wanted.has('icmp') || wanted.has('icmpv4');
  const icmp6 = wanted.has('icmp') || wanted.has('icmpv6');
  return {
    match: (flow) => {
      const l4 = flow.l4;
      const l7 = flow.l7;
      return (
        (wanted.has('tcp') && l4?.TCP != null) ||
        (wanted.has('udp') && l4?.UDP != null) ||
        (wanted.has('sctp') && l4?.SCTP != null) ||
        (icmp4 && l4?.ICMPv4 != null) ||
        (icmp6 && l4?.ICMPv6 != null) ||
        (wanted.has('dns') && l7?.dns != null) ||
        (wanted.has('http') && l7?.http != null) ||
        (wanted.has('kafka') && l7?.kafka != null)
      );
    },
  };
}

const DROP_REASON_NAMES = [...DROP_REASONS.keys()];

/** Predicate for one FlowFilter field; `values` may come off the wire, so everything is checked. */
export function compileRelayField(key: RelayFilterKey, values: readonly unknown[]): Compiled {
  switch (key) {
    case 'source_pod':
    case 'destination_pod':
    case 'source_service':
    case 'destination_service':
    case 'source_ip':
    case 'destination_ip':
    case 'source_label':
    case 'destination_label':
    case 'source_fqdn':
    case 'destination_fqdn':
    case 'source_port':
    case 'destination_port':
    case 'source_identity':
    case 'destination_identity':
    case 'source_workload':
    case 'destination_workload':
      return compileEndpointField(key, values);
    case 'verdict': {
      const r = enumSet(key, values, VERDICTS, flowVerdict);
      return 'error' in r ? r : { match: (f) => r.wanted.has(flowVerdict(f.verdict)) };
    }
    case 'drop_reason_desc': {
      const r = enumSet(key, values, DROP_REASON_NAMES, flowDropReason);
      if ('error' in r) return r;
      return {
        match: (f) =>
          flowVerdict(f.verdict) === 'DROPPED' && r.wanted.has(flowDropReason(f.drop_reason_desc)),
      };
    }
    case 'traffic_direction': {
      const r = enumSet(
        key,
        values,
        ['TRAFFIC_DIRECTION_UNKNOWN', 'INGRESS', 'EGRESS'],
        flowTrafficDirection,
      );
      return 'error' in r ? r : { match: (f) => r.wanted.has(flowTrafficDirection(f.traffic_direction)) };
    }
    case 'ip_version': {
      const r = enumSet(key, values, ['IP_NOT_USED', 'IPv4', 'IPv6'], flowIpVersion);
      return 'error' in r ? r : { match: (f) => r.wanted.has(flowIpVersion(f.IP?.ipVersion)) };
    }
    case 'event_type':
      return eventTypes(values);
    case 'protocol':
      return protocols(values);
    case 'http_status_code':
      return httpStatus(values);
    case 'http_method': {
      const list = strings(key, values);
      if ('error' in list) return list;
      const wanted = new Set(list.map((m) => m.toLowerCase()));
      return {
        match: (f) => {
          const m = f.l7?.http?.method;
          return m !== undefined && m !== '' && wanted.has(m.toLowerCase());
        },
      };
    }
    case 'http_path': {
      const res = regexes(key, values);
      if ('error' in res) return res;
      return {
        match: (f) => {
          const url = f.l7?.http?.url;
          if (url === undefined || url === '') return false;
          const path = requestUriPath(url);
          return path !== null && testAny(res, path);
        },
      };
    }
    case 'http_url': {
      const res = regexes(key, values);
      if ('error' in res) return res;
      return {
        match: (f) => {
          const url = f.l7?.http?.url;
          return url !== undefined && url !== '' && testAny(res, url);
        },
      };
    }
    case 'dns_query': {
      const res = regexes(key, values);
      if ('error' in res) return res;
      return {
        match: (f) => {
          const dns = f.l7?.dns;
          if (dns === undefined || dns === null) return false;
          return testAny(res, dns.query ?? '');
        },
      };
    }
    case 'node_name': {
      const list = strings(key, values);
      if ('error' in list) return list;
      const r = compileNodeNamePatterns(list);
      return 'error' in r ? { error: `node_name: ${r.error}` } : { match: (f) => r.match(f.node_name) };
    }
    case 'reply': {
      for (const v of values) if (typeof v !== 'boolean') return { error: 'reply: expected booleans' };
      const wantTrue = values.includes(true);
      const wantFalse = values.includes(false);
      return {
        match: (f) => {
          // Hubble treats an unknown is_reply as false only for DROPPED flows (pkg/hubble/filters/reply.go).
          const isReply = f.is_reply;
          if (isReply === undefined || isReply === null) {
            return flowVerdict(f.verdict) === 'DROPPED' && wantFalse;
          }
          return isReply ? wantTrue : wantFalse;
        },
      };
    }
    case 'uuid': {
      const list = strings(key, values);
      if ('error' in list) return list;
      const wanted = new Set(list);
      return { match: (f) => wanted.has(f.uuid ?? '') };
    }
  }
}
