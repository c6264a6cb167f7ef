/*
 * Builds a DropGroupInput from the dropped flows of one group. Labels are intersected across flows
 * (a group may span several identities of one workload; a suggested selector may only use what they
 * share); pod names, IPs, DNS names and HTTP requests are unioned.
 */

import type { Endpoint, Flow, PolicyRef } from '../flow';
import type { DropEndpointInput, DropGroupInput, HttpRequestSeen } from './drop-group';
import type { TrafficDirection } from './policy-types';

// Keeps a group summary small even when a window holds thousands of flows.
const MAX_VALUES = 50;

function addCapped(set: Set<string>, value: string | undefined): void {
  if (value !== undefined && value !== '' && set.size < MAX_VALUES) set.add(value);
}

function directionOf(flow: Flow): TrafficDirection | undefined {
  if (flow.traffic_direction === 'INGRESS') return 'ingress';
  if (flow.traffic_direction === 'EGRESS') return 'egress';
  if ((flow.ingress_denied_by?.length ?? 0) > 0) return 'ingress';
  if ((flow.egress_denied_by?.length ?? 0) > 0) return 'egress';
  return undefined;
}

function mergeEndpoints(
  endpoints: readonly (Endpoint | undefined)[],
  ips: readonly (string | undefined)[],
  names: readonly (readonly string[] | undefined)[],
): DropEndpointInput {
  let labels: string[] | undefined;
  let namespace: string | undefined;
  let identity: number | undefined;
  const pods = new Set<string>();
  for (const endpoint of endpoints) {
    if (endpoint === undefined) continue;
    const own = (endpoint.labels ?? []).filter((l): l is string => typeof l === 'string');
    if (own.length > 0) labels = labels === undefined ? [...own] : labels.filter((l) => own.includes(l));
    namespace ||= endpoint.namespace || undefined;
    identity ??= typeof endpoint.identity === 'number' ? endpoint.identity : undefined;
    addCapped(pods, endpoint.pod_name);
  }
  const ipSet = new Set<string>();
  for (const ip of ips) addCapped(ipSet, ip);
  const nameSet = new Set<string>();
  for (const list of names) for (const name of list ?? []) addCapped(nameSet, name);
  return {
    namespace,
    labels: labels ?? [],
    identity,
    podNames: [...pods],
    ips: [...ipSet],
    fqdns: [...nameSet],
  };
}

function l4Of(flow: Flow): { protocol?: string; port?: number; icmpType?: number } {
  const l4 = flow.l4;
  if (l4 === undefined) return {};
  if (l4.TCP) return { protocol: 'TCP', port: l4.TCP.destination_port };
  if (l4.UDP) return { protocol: 'UDP', port: l4.UDP.destination_port };
  if (l4.SCTP) return { protocol: 'SCTP', port: l4.SCTP.destination_port };
  if (l4.ICMPv4) return { protocol: 'ICMPv4', icmpType: l4.ICMPv4.type ?? 0 };
  if (l4.ICMPv6) return { protocol: 'ICMPv6', icmpType: l4.ICMPv6.type ?? 0 };
  if (l4.VRRP) return { protocol: 'VRRP' };
  if (l4.IGMP) return { protocol: 'IGMP' };
  return {};
}

/** One DropGroupInput for the flows of a group; undefined when `flows` is empty. */
export function dropGroupInputFromFlows(key: string, flows: readonly Flow[]): DropGroupInput | undefined {
  const first = flows[0];
  if (first === undefined) return undefined;
  const reasonFlow = flows.find((f) => f.drop_reason_desc) ?? flows.find((f) => f.drop_reason);
  const reason =
    reasonFlow?.drop_reason_desc || (reasonFlow?.drop_reason ? String(reasonFlow.drop_reason) : '');
  const direction = flows.map(directionOf).find((d) => d !== undefined);
  const l4 = flows.map(l4Of).find((x) => x.protocol !== undefined) ?? {};
  const http = new Map<string, HttpRequestSeen>();
  const deniedBy = new Map<string, PolicyRef>();
  for (const flow of flows) {
    const req = flow.l7?.http;
    if (req !== undefined && (req.method || req.url) && http.size < MAX_VALUES) {
      http.set(`${req.method ?? ''} ${req.url ?? ''}`, { method: req.method, path: req.url });
    }
    for (const ref of [...(flow.ingress_denied_by ?? []), ...(flow.egress_denied_by ?? [])]) {
      deniedBy.set(
        `${ref.kind ?? ''}/${ref.namespace ?? ''}/${ref.name ?? ''}/${(ref.labels ?? []).join(',')}`,
        ref,
      );
    }
  }
  return {
    key,
    reason,
    direction,
    source: mergeEndpoints(
      flows.map((f) => f.source),
      flows.map((f) => f.IP?.source),
      flows.map((f) => f.source_names),
    ),
    destination: mergeEndpoints(
      flows.map((f) => f.destination),
      flows.map((f) => f.IP?.destination),
      flows.map((f) => f.destination_names),
    ),
    protocol: l4.protocol ?? 'UNKNOWN',
    port: l4.port,
    icmpType: l4.icmpType,
    http: [...http.values()],
    deniedBy: [...deniedBy.values()],
  };
}
