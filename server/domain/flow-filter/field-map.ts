// How each query field maps onto `flow.FlowFilter` fields and `hubble observe` flags. A side-less
// endpoint field (namespace, pod, ip, …) has two alternatives, source and destination, exactly as the
// Hubble CLI builds two FlowFilters for it; every other field has one.

import { IP_VERSIONS, RESERVED_IDENTITIES, TRAFFIC_DIRECTIONS } from './enums';
import type { FilterField, FilterTerm, RelayFilterKey, RelayFilterValue } from './types';
import { eventTypeToRelay } from './values';

export type Side = 'either' | 'source' | 'destination' | 'flow';

interface EndpointFamily {
  readonly source: RelayFilterKey;
  readonly destination: RelayFilterKey;
  readonly toRelay: (value: string) => RelayFilterValue;
}

const same = (v: string): RelayFilterValue => v;

const FAMILIES: Readonly<Record<string, EndpointFamily>> = {
  namespace: { source: 'source_pod', destination: 'destination_pod', toRelay: (v) => `${v}/` },
  pod: { source: 'source_pod', destination: 'destination_pod', toRelay: same },
  label: { source: 'source_label', destination: 'destination_label', toRelay: same },
  fqdn: { source: 'source_fqdn', destination: 'destination_fqdn', toRelay: same },
  ip: { source: 'source_ip', destination: 'destination_ip', toRelay: same },
  port: { source: 'source_port', destination: 'destination_port', toRelay: same },
  identity: {
    source: 'source_identity',
    destination: 'destination_identity',
    toRelay: (v) => RESERVED_IDENTITIES.get(v) ?? Number(v),
  },
  workload: {
    source: 'source_workload',
    destination: 'destination_workload',
    toRelay: (v) => {
      const slash = v.indexOf('/');
      const kind = slash < 0 ? '' : v.slice(0, slash);
      const name = slash < 0 ? v : v.slice(slash + 1);
      return { ...(name !== '' ? { name } : {}), ...(kind !== '' ? { kind } : {}) };
    },
  },
  service: { source: 'source_service', destination: 'destination_service', toRelay: same },
};

const FLOW_FIELDS: Partial<
  Record<FilterField, { key: RelayFilterKey; toRelay: (v: string) => RelayFilterValue }>
> = {
  verdict: { key: 'verdict', toRelay: same },
  'drop-reason': { key: 'drop_reason_desc', toRelay: same },
  type: { key: 'event_type', toRelay: eventTypeToRelay },
  protocol: { key: 'protocol', toRelay: same },
  'http-status': { key: 'http_status_code', toRelay: same },
  'http-method': { key: 'http_method', toRelay: same },
  'http-path': { key: 'http_path', toRelay: same },
  'http-url': { key: 'http_url', toRelay: same },
  'dns-query': { key: 'dns_query', toRelay: same },
  'node-name': { key: 'node_name', toRelay: same },
  'traffic-direction': { key: 'traffic_direction', toRelay: (v) => TRAFFIC_DIRECTIONS.get(v) ?? v },
  reply: { key: 'reply', toRelay: (v) => v === 'true' },
  uuid: { key: 'uuid', toRelay: same },
  'ip-version': { key: 'ip_version', toRelay: (v) => IP_VERSIONS.get(v) ?? v },
};

export function fieldSide(field: FilterField): Side {
  if (field.startsWith('from-')) return 'source';
  if (field.startsWith('to-')) return 'destination';
  return Object.hasOwn(FAMILIES, field) ? 'either' : 'flow';
}

/** The endpoint family of a field (`from-pod` → `pod`), or undefined for flow-level fields. */
export function fieldFamily(field: FilterField): string | undefined {
  const base = field.replace(/^(from|to)-/, '');
  return Object.hasOwn(FAMILIES, base) ? base : undefined;
}

export interface RelayAlternative {
  readonly key: RelayFilterKey;
  readonly values: readonly RelayFilterValue[];
}

/**
 * The FlowFilter fields a term becomes; the term holds when ANY alternative matches. Undefined for
 * a field this module does not know (a FlowQuery built by hand).
 */
export function relayAlternatives(term: FilterTerm): readonly RelayAlternative[] | undefined {
  const family = fieldFamily(term.field);
  if (family !== undefined) {
    const spec = FAMILIES[family];
    if (spec === undefined) return undefined;
    const values = term.values.map(spec.toRelay);
    const side = fieldSide(term.field);
    const out: RelayAlternative[] = [];
    if (side !== 'destination') out.push({ key: spec.source, values });
    if (side !== 'source') out.push({ key: spec.destination, values });
    return out;
  }
  const spec = Object.hasOwn(FLOW_FIELDS, term.field) ? FLOW_FIELDS[term.field] : undefined;
  return spec === undefined ? undefined : [{ key: spec.key, values: term.values.map(spec.toRelay) }];
}

/** `hubble observe` flag for a field; undefined when the CLI has none (then --allowlist JSON is used). */
export function cliFlag(field: FilterField): string | undefined {
  if (field === 'reply') return undefined;
  if (field === 'drop-reason') return 'drop-reason-desc';
  return field;
}
