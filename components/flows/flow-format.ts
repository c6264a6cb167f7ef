// How a flow reads to a person: endpoints as namespace/pod or the reserved identity, ports, an L7
// one-liner. Pure, shared by the tail, the explorer and the drawer.
import type { Endpoint, Flow } from '../../server/domain/flow';

const RESERVED_PREFIX = 'reserved:';

export function endpointText(
  endpoint: Endpoint | undefined,
  ip: string | undefined,
  names?: readonly string[],
): string {
  if (endpoint?.pod_name)
    return endpoint.namespace ? `${endpoint.namespace}/${endpoint.pod_name}` : endpoint.pod_name;
  const reserved = endpoint?.labels?.find((l) => l.startsWith(RESERVED_PREFIX));
  const name = names?.[0];
  if (reserved) {
    const what = reserved.slice(RESERVED_PREFIX.length);
    if (what.startsWith('world') && name) return name;
    return ip ? `${what} (${ip})` : what;
  }
  if (name) return name;
  return ip ?? 'unknown';
}

export function protocolText(flow: Flow): { protocol: string; port?: number } {
  const l4 = flow.l4;
  if (!l4) return { protocol: '—' };
  if (l4.TCP) return { protocol: 'TCP', port: l4.TCP.destination_port };
  if (l4.UDP) return { protocol: 'UDP', port: l4.UDP.destination_port };
  if (l4.SCTP) return { protocol: 'SCTP', port: l4.SCTP.destination_port };
  if (l4.ICMPv4) return { protocol: 'ICMPv4' };
  if (l4.ICMPv6) return { protocol: 'ICMPv6' };
  if (l4.VRRP) return { protocol: 'VRRP' };
  if (l4.IGMP) return { protocol: 'IGMP' };
  return { protocol: '—' };
}

export function tcpFlagsText(flow: Flow): string {
  const flags = flow.l4?.TCP?.flags;
  if (!flags) return '';
  return Object.entries(flags)
    .filter(([, on]) => on)
    .map(([name]) => name)
    .join(',');
}

export function l7Text(flow: Flow): string {
  const l7 = flow.l7;
  if (!l7) return '';
  const latencyMs = l7.latency_ns ? Number(l7.latency_ns) / 1e6 : undefined;
  const latency = latencyMs !== undefined && Number.isFinite(latencyMs) ? ` ${latencyMs.toFixed(1)} ms` : '';
  if (l7.http) {
    const { method, url, code } = l7.http;
    if (l7.type === 'RESPONSE') return `${code ?? ''} ${method ?? ''} ${url ?? ''}${latency}`.trim();
    return `${method ?? ''} ${url ?? ''}`.trim();
  }
  if (l7.dns) {
    const { query, rcode, qtypes } = l7.dns;
    const q = `DNS ${(qtypes ?? []).join(',')} ${query ?? ''}`.replace(/\s+/g, ' ').trim();
    if (l7.type === 'RESPONSE') return `${q} → ${rcodeName(rcode ?? 0)}`;
    return q;
  }
  if (l7.kafka) return `Kafka ${l7.kafka.api_key ?? ''} ${l7.kafka.topic ?? ''}`.trim();
  return l7.type ?? '';
}

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

export function rcodeName(rcode: number): string {
  return RCODES[rcode] ?? `RCODE ${rcode}`;
}

export function flowTimeText(time: string | undefined): string {
  if (!time) return '';
  // HH:MM:SS.mmm from the RFC 3339 string itself, keeping UTC (what Hubble prints).
  const match = /T(\d\d:\d\d:\d\d)(\.\d{1,3})?/.exec(time);
  return match ? `${match[1]}${(match[2] ?? '.000').padEnd(4, '0')}` : time;
}

export function policyNames(flow: Flow): string[] {
  const all = [
    ...(flow.ingress_denied_by ?? []),
    ...(flow.egress_denied_by ?? []),
    ...(flow.ingress_allowed_by ?? []),
    ...(flow.egress_allowed_by ?? []),
  ];
  return all.map((p) => (p.namespace ? `${p.namespace}/${p.name ?? ''}` : (p.name ?? '')));
}
