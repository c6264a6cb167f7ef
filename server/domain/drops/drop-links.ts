// Links from a drop group to the flows explorer (a `hubble observe` style query that finds the
// group's flows) and to its edge on the service map.

import type { DropKeyParts } from './drop-key';

type Side = 'from' | 'to';

const RESERVED = new Set(['world', 'host', 'remote-node', 'kube-apiserver', 'health', 'ingress']);

/** The flow-filter parameters that select one service-map node on one side, if any can. */
function sideParams(id: string, side: Side): [string, string][] {
  if (RESERVED.has(id)) return [[`${side}-label`, `reserved:${id}`]];
  if (id.startsWith('fqdn:')) return [[`${side}-fqdn`, id.slice('fqdn:'.length)]];
  if (id.startsWith('ip:')) return [[`${side}-ip`, id.slice('ip:'.length)]];
  const slash = id.indexOf('/');
  // A workload node `<namespace>/<workload>`: its pods' names start with the workload name.
  if (slash > 0 && slash < id.length - 1) return [[`${side}-pod`, id]];
  return [];
}

const PROTOCOLS: Readonly<Record<string, string>> = {
  TCP: 'tcp',
  UDP: 'udp',
  SCTP: 'sctp',
  ICMPv4: 'icmpv4',
  ICMPv6: 'icmpv6',
};

/** Query string (no `?`) for `/flows` that shows the dropped flows of this group. */
export function flowsQueryFor(group: DropKeyParts): string {
  const params = new URLSearchParams();
  for (const [name, value] of sideParams(group.source, 'from')) params.append(name, value);
  for (const [name, value] of sideParams(group.target, 'to')) params.append(name, value);
  const protocol = PROTOCOLS[group.protocol];
  if (protocol !== undefined) params.append('protocol', protocol);
  if (group.port !== null && group.port > 0) params.append('to-port', String(group.port));
  params.append('verdict', 'DROPPED');
  if (/^[A-Z][A-Z0-9_]*$/.test(group.reason) && group.reason !== 'UNKNOWN') {
    params.append('drop-reason', group.reason);
  }
  return params.toString();
}

/** Query string (no `?`) for `/map` with the group's edge selected. */
export function mapQueryFor(group: DropKeyParts, window: string): string {
  const params = new URLSearchParams();
  if (window !== '5m') params.set('window', window);
  // Same edge id as components/map/map-types.ts edgeKey.
  params.set('sel', `edge:${group.source}|${group.target}|${group.protocol}|${group.port ?? ''}`);
  return params.toString();
}
