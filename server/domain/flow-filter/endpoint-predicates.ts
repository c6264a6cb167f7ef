// Predicates for the endpoint fields of `flow.FlowFilter` (source_* / destination_*), with Hubble's
// semantics and validation (pkg/hubble/filters/{k8s,ip,labels,fqdn,port,identity,workload}.go).

import type { Endpoint, Flow } from '../flow';
import { compileIpMatcher } from './ip';
import { type LabelSelector, parseLabelSelector, selectorMatches } from './label-selector';
import { compileFqdnPatterns } from './patterns';
import type { FlowPredicate, RelayFilterKey } from './types';

export type Compiled = { match: FlowPredicate } | { error: string };

const src = (f: Flow): Endpoint | undefined => f.source;
const dst = (f: Flow): Endpoint | undefined => f.destination;

export function strings(key: string, values: readonly unknown[]): string[] | { error: string } {
  for (const v of values) if (typeof v !== 'string') return { error: `${key}: expected strings` };
  return values as string[];
}

/** Hubble's filterByNamespacedName (pods and services): "ns/" = whole namespace, "x" = default/x. */
function namespacedName(
  key: string,
  values: readonly unknown[],
  getNs: (f: Flow) => string | undefined,
  getName: (f: Flow) => string | undefined,
): Compiled {
  const list = strings(key, values);
  if ('error' in list) return list;
  const filters: { ns: string; prefix: string }[] = [];
  for (const v of list) {
    const parts = v.split('/');
    const first = parts[0] ?? '';
    const ns = parts.length > 1 ? first : first === '' ? '' : 'default';
    const prefix = parts.length > 1 ? (parts[1] ?? '') : first;
    if (ns === '' && prefix === '')
      return { error: `${key}: invalid filter "${v}", must be [namespace/][<name>]` };
    filters.push({ ns, prefix });
  }
  return {
    match: (flow) => {
      const ns = getNs(flow) ?? '';
      const name = getName(flow) ?? '';
      if (ns === '' && name === '') return false;
      for (const f of filters) if (f.ns === ns && (f.prefix === '' || name.startsWith(f.prefix))) return true;
      return false;
    },
  };
}

function l4Port(flow: Flow, source: boolean): number {
  const l4 = flow.l4;
  const pair = l4?.TCP ?? l4?.UDP ?? l4?.SCTP;
  if (pair === undefined) return -1;
  return (source ? pair.source_port : pair.destination_port) ?? 0;
}

function ports(key: string, values: readonly unknown[], source: boolean): Compiled {
  const list = strings(key, values);
  if ('error' in list) return list;
  const wanted = new Set<number>();
  for (const p of list) {
    if (!/^[0-9]+$/.test(p) || Number(p) > 65535) return { error: `${key}: invalid port "${p}"` };
    wanted.add(Number(p));
  }
  return { match: (flow) => wanted.has(l4Port(flow, source)) };
}

function identities(key: string, values: readonly unknown[], side: typeof src): Compiled {
  const wanted = new Set<number>();
  for (const v of values) {
    const n = typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 4294967295) {
      return { error: `${key}: invalid identity ${JSON.stringify(v)}` };
    }
    wanted.add(n);
  }
  return {
    match: (flow) => {
      const endpoint = side(flow);
      return endpoint !== undefined && endpoint !== null && wanted.has(endpoint.identity ?? 0);
    },
  };
}

function workloads(key: string, values: readonly unknown[], side: typeof src): Compiled {
  const wanted: { name: string; kind: string }[] = [];
  for (const v of values) {
    if (typeof v !== 'object' || v === null) return { error: `${key}: expected {name, kind} objects` };
    const { name, kind } = v as { name?: unknown; kind?: unknown };
    if (
      (name !== undefined && typeof name !== 'string') ||
      (kind !== undefined && typeof kind !== 'string')
    ) {
      return { error: `${key}: expected {name, kind} objects` };
    }
    wanted.push({ name: name ?? '', kind: kind ?? '' });
  }
  return {
    match: (flow) => {
      const list = side(flow)?.workloads;
      if (list === undefined) return false;
      for (const w of list) {
        for (const f of wanted) {
          if ((f.name === '' || f.name === w.name) && (f.kind === '' || f.kind === w.kind)) return true;
        }
      }
      return false;
    },
  };
}

function labels(key: string, values: readonly unknown[], side: typeof src): Compiled {
  const list = strings(key, values);
  if ('error' in list) return list;
  const selectors: LabelSelector[] = [];
  for (const v of list) {
    const r = parseLabelSelector(v);
    if ('error' in r) return { error: `${key}: ${r.error}` };
    selectors.push(r.selector);
  }
  return {
    match: (flow) => {
      const list = side(flow)?.labels;
      for (const s of selectors) if (selectorMatches(s, list)) return true;
      return false;
    },
  };
}

function fqdns(key: string, values: readonly unknown[], names: (f: Flow) => readonly string[] | undefined) {
  const list = strings(key, values);
  if ('error' in list) return list;
  const r = compileFqdnPatterns(list);
  if ('error' in r) return { error: `${key}: ${r.error}` };
  const re = r.regex;
  return {
    match: (flow: Flow) => {
      const list = names(flow);
      if (list === undefined) return false;
      for (const n of list) if (re.test(n)) return true;
      return false;
    },
  };
}

function ips(key: string, values: readonly unknown[], source: boolean): Compiled {
  const list = strings(key, values);
  if ('error' in list) return list;
  const r = compileIpMatcher(list);
  if ('error' in r) return { error: `${key}: ${r.error}` };
  return { match: (flow) => r.match(source ? flow.IP?.source : flow.IP?.destination) };
}

export type EndpointKey = Extract<RelayFilterKey, `source_${string}` | `destination_${string}`>;

export function compileEndpointField(key: EndpointKey, values: readonly unknown[]): Compiled {
  switch (key) {
    case 'source_pod':
      return namespacedName(
        key,
        values,
        (f) => f.source?.namespace,
        (f) => f.source?.pod_name,
      );
    case 'destination_pod':
      return namespacedName(
        key,
        values,
        (f) => f.destination?.namespace,
        (f) => f.destination?.pod_name,
      );
    case 'source_service':
      return namespacedName(
        key,
        values,
        (f) => f.source_service?.namespace,
        (f) => f.source_service?.name,
      );
    case 'destination_service':
      return namespacedName(
        key,
        values,
        (f) => f.destination_service?.namespace,
        (f) => f.destination_service?.name,
      );
    case 'source_ip':
      return ips(key, values, true);
    case 'destination_ip':
      return ips(key, values, false);
    case 'source_label':
      return labels(key, values, src);
    case 'destination_label':
      return labels(key, values, dst);
    case 'source_fqdn':
      return fqdns(key, values, (f) => f.source_names);
    case 'destination_fqdn':
      return fqdns(key, values, (f) => f.destination_names);
    case 'source_port':
      return ports(key, values, true);
    case 'destination_port':
      return ports(key, values, false);
    case 'source_identity':
      return identities(key, values, src);
    case 'destination_identity':
      return identities(key, values, dst);
    case 'source_workload':
      return workloads(key, values, src);
    case 'destination_workload':
      return workloads(key, values, dst);
  }
}
