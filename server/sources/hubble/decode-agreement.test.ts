import { describe, expect, it } from 'vitest';
import * as pbFlow from '../../../proto/gen/flow/flow';
import { GetFlowsResponse } from '../../../proto/gen/observer/observer';
import type { Flow, FlowEvent } from '../../domain/flow';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { encodeGetFlowsResponse } from './encode-flow-response';
import { parseFlowJsonLine } from './flow-from-json';
import { HAND_BUILT_EVENTS } from './flow-samples';
import { FLOW_FIXTURE_LINE_COUNTS, fixtureLines } from './test-fixtures';

// The hand decoder and ts-proto decode the same bytes independently; both are projected onto
// the same set of fields (ts-proto enums through its own generated reverse mappings).

type Projection = Record<string, unknown>;

/** Timestamp text with the fraction padded to 9 digits, to compare with {seconds, nanos}. */
function nineDigits(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(.{19})(?:\.(\d+))?Z$/.exec(text);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}` : `unparsable ${text}`;
}

function pbTime(t: { seconds: string; nanos: number } | undefined): string | undefined {
  if (t === undefined) return undefined;
  const base = new Date(Number(t.seconds) * 1000).toISOString().slice(0, 19);
  return `${base}.${String(t.nanos).padStart(9, '0')}`;
}

/** ts-proto numeric enums carry a reverse mapping; 0 is omitted like protojson does. */
function pbEnum(e: Record<number, string>, v: number): string | undefined {
  return v === 0 ? undefined : (e[v] ?? String(v));
}

const nz = <T>(v: T): T | undefined => (v === 0 || v === '' || v === '0' || v === false ? undefined : v);
const list = <T>(v: readonly T[] | undefined): readonly T[] | undefined =>
  v && v.length > 0 ? v : undefined;

function projectDomain(f: Flow, nodeName: string | undefined, time: string | undefined): Projection {
  const l4 = f.l4?.TCP ?? f.l4?.UDP;
  return {
    time: nineDigits(f.time),
    responseTime: nineDigits(time),
    nodeName,
    verdict: f.verdict,
    ip: [f.IP?.source, f.IP?.destination, f.IP?.ipVersion],
    ports: [l4?.source_port, l4?.destination_port],
    tcpFlags: f.l4?.TCP?.flags && Object.keys(f.l4.TCP.flags).sort(),
    icmp: f.l4?.ICMPv4 && [f.l4.ICMPv4.type, f.l4.ICMPv4.code],
    src: [f.source?.ID, f.source?.identity, f.source?.namespace, f.source?.pod_name, f.source?.labels],
    dst: [f.destination?.ID, f.destination?.identity, f.destination?.pod_name, f.destination?.labels],
    type: f.Type,
    node: f.node_name,
    l7: [f.l7?.type, f.l7?.latency_ns, f.l7?.dns?.query, f.l7?.dns?.rcode, f.l7?.dns?.ips, f.l7?.dns?.qtypes],
    http: [f.l7?.http?.code, f.l7?.http?.method, f.l7?.http?.url, f.l7?.http?.headers?.map((h) => h.key)],
    reply: f.reply,
    isReply: f.is_reply,
    eventType: [f.event_type?.type, f.event_type?.sub_type],
    direction: f.traffic_direction,
    point: f.trace_observation_point,
    drop: f.drop_reason_desc,
    iface: f.interface?.name,
    uuid: f.uuid,
    cookie: f.socket_cookie,
    denied: f.egress_denied_by?.map((p) => [p.name, p.revision]),
    summary: f.Summary,
  };
}

function projectPb(r: GetFlowsResponse): Projection {
  const f = r.flow;
  if (f === undefined) throw new Error('not a flow response');
  const l4 = f.l4?.TCP ?? f.l4?.UDP;
  return {
    time: pbTime(f.time),
    responseTime: pbTime(r.time),
    nodeName: nz(r.nodeName),
    verdict: pbEnum(pbFlow.Verdict, f.verdict),
    ip: [nz(f.IP?.source), nz(f.IP?.destination), f.IP && pbEnum(pbFlow.IPVersion, f.IP.ipVersion)],
    ports: [nz(l4?.sourcePort), nz(l4?.destinationPort)],
    tcpFlags:
      f.l4?.TCP?.flags &&
      Object.entries(f.l4.TCP.flags)
        .filter(([, on]) => on)
        .map(([k]) => k)
        .sort(),
    icmp: f.l4?.ICMPv4 && [nz(f.l4.ICMPv4.type), nz(f.l4.ICMPv4.code)],
    src: [
      nz(f.source?.ID),
      nz(f.source?.identity),
      nz(f.source?.namespace),
      nz(f.source?.podName),
      list(f.source?.labels),
    ],
    dst: [
      nz(f.destination?.ID),
      nz(f.destination?.identity),
      nz(f.destination?.podName),
      list(f.destination?.labels),
    ],
    type: pbEnum(pbFlow.FlowType, f.Type),
    node: nz(f.nodeName),
    l7: [
      f.l7 && pbEnum(pbFlow.L7FlowType, f.l7.type),
      nz(f.l7?.latencyNs),
      nz(f.l7?.dns?.query),
      nz(f.l7?.dns?.rcode),
      list(f.l7?.dns?.ips),
      list(f.l7?.dns?.qtypes),
    ],
    http: [
      nz(f.l7?.http?.code),
      nz(f.l7?.http?.method),
      nz(f.l7?.http?.url),
      list(f.l7?.http?.headers.map((h) => h.key)),
    ],
    reply: nz(f.reply),
    isReply: f.isReply,
    eventType: [nz(f.eventType?.type), nz(f.eventType?.subType)],
    direction: pbEnum(pbFlow.TrafficDirection, f.trafficDirection),
    point: pbEnum(pbFlow.TraceObservationPoint, f.traceObservationPoint),
    drop: pbEnum(pbFlow.DropReason, f.dropReasonDesc),
    iface: nz(f.interface?.name),
    uuid: nz(f.uuid),
    cookie: nz(f.socketCookie),
    denied: list(f.egressDeniedBy)?.map((p) => [nz(p.name), nz(p.revision)]),
    summary: nz(f.Summary),
  };
}

function fixtureEvents(): FlowEvent[] {
  return Object.keys(FLOW_FIXTURE_LINE_COUNTS).flatMap((file) =>
    fixtureLines(file).map((line) => {
      const r = parseFlowJsonLine(line);
      if ('error' in r) throw new Error(r.error);
      return r.event;
    }),
  );
}

describe('decodeGetFlowsResponse agrees with ts-proto GetFlowsResponse.decode', () => {
  it('on every fixture flow and the hand-built flows', () => {
    const events = [...fixtureEvents(), ...HAND_BUILT_EVENTS.filter((e) => e.kind === 'flow')];
    expect(events.length).toBeGreaterThan(1170);
    for (const event of events) {
      const bytes = encodeGetFlowsResponse(event);
      const mine = decodeGetFlowsResponse(bytes);
      if (mine.kind !== 'flow') throw new Error('expected a flow');
      expect(projectDomain(mine.flow, mine.nodeName, mine.time)).toEqual(
        projectPb(GetFlowsResponse.decode(bytes)),
      );
    }
  });
});
