// A flow as the drawer shows it: titled sections of label → values, where a value that maps onto a
// `hubble observe` filter carries that filter, so clicking it narrows the explorer. Pure.
import type { Endpoint, Flow, PolicyRef } from '../../server/domain/flow';
import type { FilterField } from '../../server/domain/flow-filter';
import { PROTOCOLS } from '../../server/domain/flow-filter/enums';
import { requestUriPath } from '../../server/domain/flow-filter/patterns';
import { type DetailSection, type DetailValue, filtered, plain, rows } from './flow-detail-parts';
import {
  dropReasonText,
  eventTypeFilterValue,
  exactRegex,
  nsText,
  policyMatchText,
} from './flow-detail-text';
import { protocolText, rcodeName, tcpFlagsText } from './flow-format';

export type { DetailRow, DetailSection, DetailValue } from './flow-detail-parts';

function endpointSection(
  title: string,
  side: 'from' | 'to',
  endpoint: Endpoint | undefined,
  ip: string | undefined,
  port: number | undefined,
  names: readonly string[] | undefined,
  service: { name?: string; namespace?: string } | undefined,
): DetailSection {
  const f = (base: string) => `${side}-${base}` as FilterField;
  const ns = endpoint?.namespace;
  const pod = endpoint?.pod_name;
  return {
    title,
    rows: rows([
      ['Namespace', filtered(ns, f('namespace'))],
      ['Pod', pod ? filtered(pod, f('pod'), `${ns ?? 'default'}/${pod}`) : undefined],
      [
        'Workloads',
        (endpoint?.workloads ?? []).map((w) => ({
          text: `${w.kind ? `${w.kind}/` : ''}${w.name ?? ''}`,
          filter: { field: f('workload'), value: `${w.kind ? `${w.kind}/` : ''}${w.name ?? ''}` },
        })),
      ],
      [
        'Service',
        service?.name
          ? filtered(
              `${service.namespace ? `${service.namespace}/` : ''}${service.name}`,
              f('service'),
              `${service.namespace ?? 'default'}/${service.name}`,
            )
          : undefined,
      ],
      ['Identity', filtered(endpoint?.identity, f('identity'))],
      ['Endpoint ID', plain(endpoint?.ID)],
      ['Cluster', plain(endpoint?.cluster_name)],
      ['IP', filtered(ip, f('ip'))],
      ['Port', filtered(port, f('port'))],
      ['DNS names', (names ?? []).map((n) => ({ text: n, filter: { field: f('fqdn'), value: n } }))],
      [
        'Labels',
        (endpoint?.labels ?? []).map((l) => ({ text: l, filter: { field: f('label'), value: l } })),
        true,
      ],
    ]),
  };
}

function policyValues(refs: readonly PolicyRef[] | undefined): DetailValue[] {
  return (refs ?? []).map((p) => ({
    text: `${p.kind ? `${p.kind} ` : ''}${p.namespace ? `${p.namespace}/` : ''}${p.name ?? '(unnamed)'}`,
    ...(p.revision ? { hint: `revision ${p.revision}` } : {}),
  }));
}

function overviewSection(flow: Flow): DetailSection {
  const dropped = flow.verdict === 'DROPPED';
  const reason = flow.drop_reason_desc;
  const eventType = eventTypeFilterValue(flow.event_type);
  const direction = flow.traffic_direction;
  return {
    title: 'Flow',
    rows: rows([
      ['Time', plain(flow.time)],
      ['Verdict', filtered(flow.verdict, 'verdict')],
      [
        'Drop reason',
        dropped && reason
          ? { text: reason, filter: { field: 'drop-reason', value: reason }, hint: dropReasonText(reason) }
          : undefined,
      ],
      ['Summary', plain(flow.Summary)],
      ['Type', plain(flow.Type)],
      [
        'Event type',
        eventType.type
          ? [
              { text: eventType.type, filter: { field: 'type', value: eventType.type } },
              ...(eventType.withSub
                ? [{ text: eventType.withSub, filter: { field: 'type' as const, value: eventType.withSub } }]
                : []),
            ]
          : undefined,
      ],
      ['Node', filtered(flow.node_name, 'node-name')],
      [
        'Direction',
        direction && direction !== 'TRAFFIC_DIRECTION_UNKNOWN'
          ? filtered(direction, 'traffic-direction', direction.toLowerCase())
          : undefined,
      ],
      [
        'Is reply',
        flow.is_reply === undefined
          ? plain(flow.reply === undefined ? undefined : `${flow.reply} (deprecated field)`)
          : filtered(String(flow.is_reply), 'reply'),
      ],
      ['Observation point', plain(flow.trace_observation_point)],
      ['Trace reason', plain(flow.trace_reason)],
      [
        'Interface',
        plain(
          flow.interface ? `${flow.interface.name ?? ''} (index ${flow.interface.index ?? 0})` : undefined,
        ),
      ],
      ['Proxy port', plain(flow.proxy_port)],
      ['Auth', plain(flow.auth_type)],
      ['UUID', filtered(flow.uuid, 'uuid')],
    ]),
  };
}

function networkSection(flow: Flow): DetailSection {
  const { protocol } = protocolText(flow);
  const icmp = flow.l4?.ICMPv4 ?? flow.l4?.ICMPv6;
  const version = flow.IP?.ipVersion;
  const versionFilter = version === 'IPv4' ? 'v4' : version === 'IPv6' ? 'v6' : undefined;
  return {
    title: 'Network',
    rows: rows([
      [
        'Protocol',
        PROTOCOLS.includes(protocol.toLowerCase())
          ? filtered(protocol, 'protocol', protocol.toLowerCase())
          : plain(protocol === '—' ? undefined : protocol),
      ],
      [
        'IP version',
        version
          ? versionFilter
            ? filtered(version, 'ip-version', versionFilter)
            : plain(version)
          : undefined,
      ],
      ['Encrypted', plain(flow.IP?.encrypted)],
      ['Source after NAT', plain(flow.IP?.source_xlated)],
      ['TCP flags', plain(tcpFlagsText(flow) || undefined)],
      ['ICMP', plain(icmp ? `type ${icmp.type ?? 0} code ${icmp.code ?? 0}` : undefined)],
      [
        'Tunnel',
        plain(flow.tunnel ? `${flow.tunnel.protocol ?? ''} vni ${flow.tunnel.vni ?? 0}`.trim() : undefined),
      ],
      [
        'Ethernet',
        plain(
          flow.ethernet ? `${flow.ethernet.source ?? ''} → ${flow.ethernet.destination ?? ''}` : undefined,
        ),
      ],
      ['Socket cookie', plain(flow.socket_cookie)],
      ['Cgroup', plain(flow.cgroup_id)],
    ]),
  };
}

function l7Section(flow: Flow): DetailSection | undefined {
  const l7 = flow.l7;
  if (!l7) return undefined;
  const latency = l7.latency_ns !== undefined ? nsText(Number(l7.latency_ns)) : undefined;
  const http = l7.http;
  const dns = l7.dns;
  const kafka = l7.kafka;
  const path = http?.url ? requestUriPath(http.url) : null;
  return {
    title: http ? 'HTTP' : dns ? 'DNS' : kafka ? 'Kafka' : 'Layer 7',
    rows: rows([
      ['L7 type', plain(l7.type)],
      ['Latency', plain(latency)],
      ['Method', filtered(http?.method, 'http-method')],
      [
        'URL',
        http?.url
          ? { text: http.url, filter: { field: 'http-url', value: exactRegex(http.url) } }
          : undefined,
      ],
      ['Path', path ? { text: path, filter: { field: 'http-path', value: exactRegex(path) } } : undefined],
      ['Status', http?.code ? filtered(http.code, 'http-status') : undefined],
      ['HTTP version', plain(http?.protocol)],
      ['Headers', (http?.headers ?? []).map((h) => ({ text: `${h.key ?? ''}: ${h.value ?? ''}` })), true],
      [
        'Query',
        dns?.query
          ? { text: dns.query, filter: { field: 'dns-query', value: exactRegex(dns.query) } }
          : undefined,
      ],
      ['Query types', plain(dns?.qtypes?.join(', ') || undefined)],
      ['Response code', plain(dns && l7.type === 'RESPONSE' ? rcodeName(dns.rcode ?? 0) : undefined)],
      ['Answers', (dns?.ips ?? []).map((ip) => ({ text: ip }))],
      ['Record types', plain(dns?.rrtypes?.join(', ') || undefined)],
      ['CNAMEs', plain(dns?.cnames?.join(', ') || undefined)],
      ['TTL', plain(dns?.ttl)],
      ['Observed by', plain(dns?.observation_source)],
      ['API key', plain(kafka?.api_key)],
      ['Topic', plain(kafka?.topic)],
      ['API version', plain(kafka?.api_version)],
      ['Error code', plain(kafka?.error_code)],
      ['Correlation ID', plain(kafka?.correlation_id)],
    ]),
  };
}

function policySection(flow: Flow): DetailSection | undefined {
  const section: DetailSection = {
    title: 'Policy',
    rows: rows([
      ['Match type', plain(policyMatchText(flow.policy_match_type))],
      ['Ingress allowed by', policyValues(flow.ingress_allowed_by)],
      ['Egress allowed by', policyValues(flow.egress_allowed_by)],
      ['Ingress denied by', policyValues(flow.ingress_denied_by)],
      ['Egress denied by', policyValues(flow.egress_denied_by)],
      ['Policy log', (flow.policy_log ?? []).map((text) => ({ text })), true],
    ]),
  };
  return section.rows.length > 0 ? section : undefined;
}

function port(flow: Flow, which: 'source_port' | 'destination_port'): number | undefined {
  const l4 = flow.l4?.TCP ?? flow.l4?.UDP ?? flow.l4?.SCTP;
  return l4?.[which];
}

export function flowDetailSections(flow: Flow): DetailSection[] {
  // What an SRE reads first: the verdict and why, then L7, the policy verdict, then the endpoints.
  const sections: (DetailSection | undefined)[] = [
    overviewSection(flow),
    l7Section(flow),
    policySection(flow),
    endpointSection(
      'Source',
      'from',
      flow.source,
      flow.IP?.source,
      port(flow, 'source_port'),
      flow.source_names,
      flow.source_service,
    ),
    endpointSection(
      'Destination',
      'to',
      flow.destination,
      flow.IP?.destination,
      port(flow, 'destination_port'),
      flow.destination_names,
      flow.destination_service,
    ),
    networkSection(flow),
  ];
  return sections.filter((s): s is DetailSection => s !== undefined && s.rows.length > 0);
}
