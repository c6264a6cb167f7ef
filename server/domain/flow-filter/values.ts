// Validation and canonical spelling of one filter value, per field. Canonical values are what a
// FlowQuery stores: accepted by the Hubble CLI as flag values and convertible 1:1 to FlowFilter
// values, so the query, the Relay filters and the rendered command all mean the same thing.

import {
  AGENT_SUBTYPES,
  DROP_REASONS,
  EVENT_TYPE_AGENT,
  EVENT_TYPE_DROP,
  EVENT_TYPE_TRACE,
  EVENT_TYPES,
  IP_VERSIONS,
  PROTOCOLS,
  RESERVED_IDENTITIES,
  TRACE_SUBTYPES,
  TRAFFIC_DIRECTIONS,
  VERDICTS,
} from './enums';
import { canonicalCidr, canonicalIp } from './ip';
import { parseLabelSelector } from './label-selector';
import { checkFqdnPattern, checkNodeNamePattern, compileRe2 } from './patterns';
import type { FilterField, RelayEventTypeFilter } from './types';

export type ValueResult = { value: string } | { error: string };

const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const NAME_PREFIX = /^[A-Za-z0-9._-]*$/;
const MAX_INT32 = 2147483647;

function nameOf<T>(map: ReadonlyMap<string, T>, value: T): string | undefined {
  for (const [k, v] of map) if (v === value) return k;
  return undefined;
}

function namespaced(kind: string, raw: string): ValueResult {
  const parts = raw.split('/');
  if (parts.length > 2) return { error: `invalid ${kind} "${raw}": expected [namespace/]name-prefix` };
  const ns = parts.length === 2 ? (parts[0] ?? '') : 'default';
  const prefix = parts.length === 2 ? (parts[1] ?? '') : (parts[0] ?? '');
  if (!NAME.test(ns) || ns.length > 253) return { error: `invalid ${kind} "${raw}": invalid namespace` };
  if (!NAME_PREFIX.test(prefix) || prefix.length > 253) return { error: `invalid ${kind} "${raw}"` };
  return { value: `${ns}/${prefix}` };
}

function eventType(raw: string): ValueResult {
  const colon = raw.indexOf(':');
  const typeText = (colon < 0 ? raw : raw.slice(0, colon)).toLowerCase();
  const subText = colon < 0 ? undefined : raw.slice(colon + 1);
  let type = EVENT_TYPES.get(typeText);
  if (type === undefined) {
    if (!/^[0-9]{1,10}$/.test(typeText) || Number(typeText) > MAX_INT32) {
      return { error: `unknown event type "${raw}" (expected ${[...EVENT_TYPES.keys()].join(', ')})` };
    }
    type = Number(typeText);
  }
  const typeName = nameOf(EVENT_TYPES, type) ?? String(type);
  if (subText === undefined) return { value: typeName };
  const names =
    type === EVENT_TYPE_TRACE
      ? TRACE_SUBTYPES
      : type === EVENT_TYPE_AGENT
        ? AGENT_SUBTYPES
        : type === EVENT_TYPE_DROP
          ? DROP_REASONS
          : new Map<string, number>();
  let sub = names.get(type === EVENT_TYPE_DROP ? subText.toUpperCase() : subText.toLowerCase());
  if (sub === undefined) {
    if (!/^[0-9]{1,10}$/.test(subText) || Number(subText) > MAX_INT32) {
      return { error: `unknown event sub-type "${subText}" in "${raw}"` };
    }
    sub = Number(subText);
  }
  // The CLI understands names only for trace and agent sub-types; drop reasons stay numeric.
  const subName = type === EVENT_TYPE_DROP ? undefined : nameOf(names, sub);
  return { value: `${typeName}:${subName ?? sub}` };
}

/** `EventTypeFilter` for a canonical `type` value. */
export function eventTypeToRelay(value: string): RelayEventTypeFilter {
  const colon = value.indexOf(':');
  const typeText = colon < 0 ? value : value.slice(0, colon);
  const type = EVENT_TYPES.get(typeText) ?? Number(typeText);
  if (colon < 0) return { type };
  const subText = value.slice(colon + 1);
  const names =
    type === EVENT_TYPE_TRACE ? TRACE_SUBTYPES : type === EVENT_TYPE_AGENT ? AGENT_SUBTYPES : undefined;
  return { type, match_sub_type: true, sub_type: names?.get(subText) ?? Number(subText) };
}

function regex(field: string, raw: string): ValueResult {
  const r = compileRe2(raw);
  return 'error' in r ? { error: `${field}: ${r.error}` } : { value: raw };
}

/** Validates one raw value for `field` and returns its canonical spelling. */
export function canonicalValue(field: FilterField, raw: string): ValueResult {
  const text = field === 'http-path' || field === 'http-url' || field === 'dns-query' ? raw : raw.trim();
  if (text === '') return { error: `empty value for "${field}"` };
  switch (field) {
    case 'namespace':
    case 'from-namespace':
    case 'to-namespace':
      return NAME.test(text) && text.length <= 253
        ? { value: text }
        : { error: `invalid namespace "${raw}"` };
    case 'pod':
    case 'from-pod':
    case 'to-pod':
      return namespaced('pod', text);
    case 'service':
    case 'from-service':
    case 'to-service':
      return namespaced('service', text);
    case 'label':
    case 'from-label':
    case 'to-label': {
      const r = parseLabelSelector(text);
      return 'error' in r ? r : { value: text };
    }
    case 'fqdn':
    case 'from-fqdn':
    case 'to-fqdn': {
      const err = checkFqdnPattern(text);
      return err === null ? { value: text.toLowerCase() } : { error: `invalid FQDN ${err.slice(8)}` };
    }
    case 'ip':
    case 'from-ip':
    case 'to-ip': {
      if (text.includes('/')) {
        const c = canonicalCidr(text);
        return c === null ? { error: `invalid CIDR "${raw}"` } : { value: c };
      }
      const ip = canonicalIp(text);
      return ip === null ? { error: `invalid IP address "${raw}"` } : { value: ip };
    }
    case 'port':
    case 'from-port':
    case 'to-port':
      return /^[0-9]{1,5}$/.test(text) && Number(text) <= 65535
        ? { value: String(Number(text)) }
        : { error: `invalid port "${raw}"` };
    case 'identity':
    case 'from-identity':
    case 'to-identity': {
      const name = text.toLowerCase().replace(/^reserved:/, '');
      if (RESERVED_IDENTITIES.has(name)) return { value: name };
      if (/^[0-9]{1,10}$/.test(text) && Number(text) <= 4294967295) return { value: String(Number(text)) };
      return {
        error: `invalid identity "${raw}" (expected a number or one of ${[...RESERVED_IDENTITIES.keys()].join(', ')})`,
      };
    }
    case 'workload':
    case 'from-workload':
    case 'to-workload': {
      const slash = text.indexOf('/');
      const kind = slash < 0 ? '' : text.slice(0, slash);
      const name = slash < 0 ? text : text.slice(slash + 1);
      const ok = (s: string) => s === '' || (NAME.test(s) && s.length <= 253);
      if (!ok(kind) || !ok(name) || (kind === '' && name === '')) {
        return { error: `invalid workload "${raw}" (expected name, kind/name or kind/)` };
      }
      return { value: text };
    }
    case 'protocol': {
      const p = text.toLowerCase();
      return PROTOCOLS.includes(p)
        ? { value: p }
        : { error: `unknown protocol "${raw}" (expected ${PROTOCOLS.join(', ')})` };
    }
    case 'verdict': {
      const v = text.toUpperCase();
      return VERDICTS.includes(v)
        ? { value: v }
        : { error: `unknown verdict "${raw}" (expected ${VERDICTS.join(', ')})` };
    }
    case 'drop-reason': {
      const v = text.toUpperCase();
      return DROP_REASONS.has(v) ? { value: v } : { error: `unknown drop reason "${raw}"` };
    }
    case 'type':
      return eventType(text);
    case 'http-status':
      return /^[1-5][0-9]{2}$/.test(text) || /^[1-5][0-9]?\+$/.test(text)
        ? { value: text }
        : { error: `invalid HTTP status "${raw}" (expected a code like 404 or a prefix like 5+)` };
    case 'http-method':
      return /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,32}$/.test(text)
        ? { value: text.toUpperCase() }
        : { error: `invalid HTTP method "${raw}"` };
    case 'http-path':
    case 'http-url':
    case 'dns-query':
      return regex(field, text);
    case 'node-name': {
      const v = text.toLowerCase();
      const err = checkNodeNamePattern(v);
      return err === null ? { value: v } : { error: err };
    }
    case 'traffic-direction': {
      const v = text.toLowerCase();
      return TRAFFIC_DIRECTIONS.has(v)
        ? { value: v }
        : { error: `invalid traffic direction "${raw}" (expected ingress or egress)` };
    }
    case 'reply': {
      const v = text.toLowerCase();
      return v === 'true' || v === 'false'
        ? { value: v }
        : { error: `invalid reply "${raw}" (expected true or false)` };
    }
    case 'uuid':
      return /^[0-9A-Za-z-]{1,64}$/.test(text) ? { value: text } : { error: `invalid uuid "${raw}"` };
    case 'ip-version': {
      const v = text.toLowerCase();
      if (['4', 'v4', 'ipv4', 'ip4'].includes(v)) return { value: 'v4' };
      if (['6', 'v6', 'ipv6', 'ip6'].includes(v)) return { value: 'v6' };
      if (v === 'none' || v === IP_VERSIONS.get('none')?.toLowerCase()) return { value: 'none' };
      return { error: `invalid IP version "${raw}" (expected v4, v6 or none)` };
    }
  }
}
