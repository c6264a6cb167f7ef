// Domain FlowEvent -> serialized observer.GetFlowsResponse, for the embedded demo Relay and for
// tests. It maps to the generated ts-proto types and lets ts-proto write the bytes, so the
// hand-written decoder is always checked against an independent encoder.

import type * as pb from '../../../proto/gen/flow/flow';
import { type DeepPartial, GetFlowsResponse } from '../../../proto/gen/observer/observer';
import type { Endpoint, Flow, FlowEvent, IpInfo, Layer4, Layer7, PolicyRef } from '../../domain/flow';
import {
  AUTH_TYPE,
  DEBUG_CAPTURE_POINT,
  DROP_REASON,
  type EnumTable,
  FLOW_TYPE,
  IP_VERSION,
  L7_FLOW_TYPE,
  LOST_EVENT_SOURCE,
  NODE_STATE,
  SOCKET_TRANSLATION_POINT,
  TRACE_OBSERVATION_POINT,
  TRACE_REASON,
  TRAFFIC_DIRECTION,
  TUNNEL_PROTOCOL,
  VERDICT,
} from './enum-names';
import { parseTimestamp } from './rfc3339';

/** The event cannot be put on the wire (unknown enum name, bad timestamp, two oneof members...). */
export class FlowEncodeError extends Error {
  override readonly name = 'FlowEncodeError';
}

const UINT64_MAX = 18446744073709551615n;

/** Serializes one event as a GetFlowsResponse (no gRPC frame header). Throws FlowEncodeError. */
export function encodeGetFlowsResponse(event: FlowEvent): Uint8Array {
  const msg: DeepPartial<GetFlowsResponse> = {
    nodeName: event.nodeName,
    time: timestamp(event.time, 'time'),
  };
  switch (event.kind) {
    case 'flow':
      msg.flow = flowToPb(event.flow);
      break;
    case 'lost': {
      const l = event.lost;
      msg.lostEvents = {
        source: enumValue(LOST_EVENT_SOURCE, l.source, 'lost.source'),
        numEventsLost: uint64(l.num_events_lost, 'lost.num_events_lost'),
        cpu: l.cpu,
        first: timestamp(l.first, 'lost.first'),
        last: timestamp(l.last, 'lost.last'),
      };
      break;
    }
    case 'node-status': {
      const s = event.status;
      msg.nodeStatus = {
        stateChange: enumValue(NODE_STATE, s.state_change, 'status.state_change'),
        nodeNames: s.node_names?.slice(),
        message: s.message,
      };
      break;
    }
  }
  return GetFlowsResponse.encode(GetFlowsResponse.fromPartial(msg)).finish();
}

function flowToPb(f: Flow): DeepPartial<pb.Flow> {
  return {
    time: timestamp(f.time, 'flow.time'),
    uuid: f.uuid,
    emitter: f.emitter && { ...f.emitter },
    verdict: enumValue(VERDICT, f.verdict, 'flow.verdict'),
    dropReason: f.drop_reason,
    authType: enumValue(AUTH_TYPE, f.auth_type, 'flow.auth_type'),
    ethernet: f.ethernet && { ...f.ethernet },
    IP: f.IP && ipToPb(f.IP, 'flow.IP'),
    l4: f.l4 && l4ToPb(f.l4, 'flow.l4'),
    tunnel: f.tunnel && {
      protocol: enumValue(TUNNEL_PROTOCOL, f.tunnel.protocol, 'flow.tunnel.protocol'),
      IP: f.tunnel.IP && ipToPb(f.tunnel.IP, 'flow.tunnel.IP'),
      l4: f.tunnel.l4 && l4ToPb(f.tunnel.l4, 'flow.tunnel.l4'),
      vni: f.tunnel.vni,
    },
    source: f.source && endpointToPb(f.source),
    destination: f.destination && endpointToPb(f.destination),
    Type: enumValue(FLOW_TYPE, f.Type, 'flow.Type'),
    nodeName: f.node_name,
    nodeLabels: f.node_labels?.slice(),
    sourceNames: f.source_names?.slice(),
    destinationNames: f.destination_names?.slice(),
    l7: f.l7 && l7ToPb(f.l7),
    reply: f.reply,
    eventType: f.event_type && { type: f.event_type.type, subType: f.event_type.sub_type },
    sourceService: f.source_service && { ...f.source_service },
    destinationService: f.destination_service && { ...f.destination_service },
    trafficDirection: enumValue(TRAFFIC_DIRECTION, f.traffic_direction, 'flow.traffic_direction'),
    policyMatchType: f.policy_match_type,
    traceObservationPoint: enumValue(
      TRACE_OBSERVATION_POINT,
      f.trace_observation_point,
      'flow.trace_observation_point',
    ),
    traceReason: enumValue(TRACE_REASON, f.trace_reason, 'flow.trace_reason'),
    file: f.file && { ...f.file },
    dropReasonDesc: enumValue(DROP_REASON, f.drop_reason_desc, 'flow.drop_reason_desc'),
    isReply: f.is_reply,
    debugCapturePoint: enumValue(DEBUG_CAPTURE_POINT, f.debug_capture_point, 'flow.debug_capture_point'),
    interface: f.interface && { ...f.interface },
    proxyPort: f.proxy_port,
    traceContext: f.trace_context && {
      parent: f.trace_context.parent && { traceId: f.trace_context.parent.trace_id },
    },
    sockXlatePoint: enumValue(SOCKET_TRANSLATION_POINT, f.sock_xlate_point, 'flow.sock_xlate_point'),
    socketCookie: uint64(f.socket_cookie, 'flow.socket_cookie'),
    cgroupId: uint64(f.cgroup_id, 'flow.cgroup_id'),
    Summary: f.Summary,
    egressAllowedBy: f.egress_allowed_by?.map((p) => policyToPb(p, 'flow.egress_allowed_by')),
    ingressAllowedBy: f.ingress_allowed_by?.map((p) => policyToPb(p, 'flow.ingress_allowed_by')),
    egressDeniedBy: f.egress_denied_by?.map((p) => policyToPb(p, 'flow.egress_denied_by')),
    ingressDeniedBy: f.ingress_denied_by?.map((p) => policyToPb(p, 'flow.ingress_denied_by')),
    policyLog: f.policy_log?.slice(),
    aggregate: f.aggregate && {
      ingressFlowCount: f.aggregate.ingress_flow_count,
      egressFlowCount: f.aggregate.egress_flow_count,
      unknownDirectionFlowCount: f.aggregate.unknown_direction_flow_count,
    },
    ipTraceId: f.ip_trace_id && {
      traceId: uint64(f.ip_trace_id.trace_id, 'flow.ip_trace_id.trace_id'),
      ipOptionType: f.ip_trace_id.ip_option_type,
    },
  };
}

function endpointToPb(e: Endpoint): DeepPartial<pb.Endpoint> {
  return {
    ID: e.ID,
    identity: e.identity,
    clusterName: e.cluster_name,
    namespace: e.namespace,
    labels: e.labels?.slice(),
    podName: e.pod_name,
    workloads: e.workloads?.map((w) => ({ ...w })),
  };
}

function ipToPb(ip: IpInfo, path: string): DeepPartial<pb.IP> {
  return {
    source: ip.source,
    sourceXlated: ip.source_xlated,
    destination: ip.destination,
    ipVersion: enumValue(IP_VERSION, ip.ipVersion, `${path}.ipVersion`),
    encrypted: ip.encrypted,
  };
}

function ports(p: { source_port?: number; destination_port?: number }): DeepPartial<pb.UDP> {
  return { sourcePort: p.source_port, destinationPort: p.destination_port };
}

function l4ToPb(l4: Layer4, path: string): DeepPartial<pb.Layer4> {
  onlyOne(l4, ['TCP', 'UDP', 'ICMPv4', 'ICMPv6', 'SCTP', 'VRRP', 'IGMP'], path);
  return {
    TCP: l4.TCP && { ...ports(l4.TCP), flags: l4.TCP.flags && { ...l4.TCP.flags } },
    UDP: l4.UDP && ports(l4.UDP),
    ICMPv4: l4.ICMPv4 && { ...l4.ICMPv4 },
    ICMPv6: l4.ICMPv6 && { ...l4.ICMPv6 },
    SCTP: l4.SCTP && ports(l4.SCTP),
    VRRP: l4.VRRP && { ...l4.VRRP },
    IGMP: l4.IGMP && { type: l4.IGMP.type, groupAddress: l4.IGMP.group_address },
  };
}

function l7ToPb(l7: Layer7): DeepPartial<pb.Layer7> {
  onlyOne(l7, ['dns', 'http', 'kafka'], 'flow.l7');
  const { dns, http, kafka } = l7;
  return {
    type: enumValue(L7_FLOW_TYPE, l7.type, 'flow.l7.type'),
    latencyNs: uint64(l7.latency_ns, 'flow.l7.latency_ns'),
    dns: dns && {
      query: dns.query,
      ips: dns.ips?.slice(),
      ttl: dns.ttl,
      cnames: dns.cnames?.slice(),
      observationSource: dns.observation_source,
      rcode: dns.rcode,
      qtypes: dns.qtypes?.slice(),
      rrtypes: dns.rrtypes?.slice(),
    },
    http: http && {
      code: http.code,
      method: http.method,
      url: http.url,
      protocol: http.protocol,
      headers: http.headers?.map((h) => ({ ...h })),
    },
    kafka: kafka && {
      errorCode: kafka.error_code,
      apiVersion: kafka.api_version,
      apiKey: kafka.api_key,
      correlationId: kafka.correlation_id,
      topic: kafka.topic,
    },
  };
}

function policyToPb(p: PolicyRef, path: string): DeepPartial<pb.Policy> {
  return {
    name: p.name,
    namespace: p.namespace,
    labels: p.labels?.slice(),
    revision: uint64(p.revision, `${path}.revision`),
    kind: p.kind,
  };
}

function onlyOne(o: object, members: readonly string[], path: string): void {
  const set = members.filter((m) => (o as Record<string, unknown>)[m] !== undefined);
  if (set.length > 1) throw new FlowEncodeError(`${path}: oneof has ${set.join(' and ')} set`);
}

function enumValue(table: EnumTable, name: string | undefined, path: string): number | undefined {
  if (name === undefined) return undefined;
  const n = table.numberOf(name);
  if (n === undefined) throw new FlowEncodeError(`${path}: "${name}" is not a ${table.protoName} name`);
  return n;
}

function timestamp(text: string | undefined, path: string): pb.Flow['time'] {
  if (text === undefined) return undefined;
  const parts = parseTimestamp(text);
  if (parts === undefined) throw new FlowEncodeError(`${path}: "${text}" is not an RFC 3339 timestamp`);
  return { seconds: String(parts.seconds), nanos: parts.nanos };
}

function uint64(text: string | undefined, path: string): string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,20}$/.test(text) || (text.length === 20 && BigInt(text) > UINT64_MAX)) {
    throw new FlowEncodeError(`${path}: "${text}" is not a uint64 decimal string`);
  }
  return text;
}
