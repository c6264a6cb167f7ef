import { describe, expect, it } from 'vitest';
import { createDemoScenario } from '../../demo/scenario';
import type { FlowEvent } from '../../domain/flow';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { encodeGetFlowsResponseFast, encodeGrpcFramedFlowEvent } from './encode-flow-fast';
import { encodeGetFlowsResponse, FlowEncodeError } from './encode-flow-response';
import { parseFlowJsonLine } from './flow-from-json';
import { HAND_BUILT_EVENTS } from './flow-samples';
import { FLOW_FIXTURE_LINE_COUNTS, fixtureLines } from './test-fixtures';

function parseOk(line: string): FlowEvent {
  const result = parseFlowJsonLine(line);
  if ('error' in result) throw new Error(result.error);
  return result.event;
}

function sameBytes(event: FlowEvent): void {
  const reference = encodeGetFlowsResponse(event);
  const fast = encodeGetFlowsResponseFast(event);
  expect(Buffer.from(fast).toString('hex')).toBe(Buffer.from(reference).toString('hex'));
}

describe('encodeGetFlowsResponseFast writes the same bytes as the ts-proto encoder', () => {
  for (const file of Object.keys(FLOW_FIXTURE_LINE_COUNTS)) {
    it(`every event of ${file}`, () => {
      let checked = 0;
      for (const line of fixtureLines(file)) {
        sameBytes(parseOk(line));
        checked++;
      }
      expect(checked).toBe(FLOW_FIXTURE_LINE_COUNTS[file]);
    });
  }

  HAND_BUILT_EVENTS.forEach((event, i) => {
    it(`hand-built event ${i} (${event.kind})`, () => {
      sameBytes(event);
      expect(decodeGetFlowsResponse(encodeGetFlowsResponseFast(event))).toStrictEqual(event);
    });
  });

  it('demo scenario flows, including scale pods and external addresses', () => {
    const start = Date.UTC(2026, 2, 1, 12);
    const scenario = createDemoScenario({
      seed: 3,
      startMs: start,
      scale: { extraPods: 200, externalIps: 50 },
    });
    const events = scenario.flowsBetween(start, start + 60_000, 3000);
    expect(events.length).toBe(3000);
    for (const event of events) sameBytes(event);
  });

  it('non-ASCII text, long strings, negative and large numbers, empty sub-messages', () => {
    const events: FlowEvent[] = [
      {
        kind: 'flow',
        flow: {
          time: '1969-12-31T23:59:59.5Z',
          source: { namespace: 'äöü-名前', labels: ['k8s:emoji=🚀', '', 'x'.repeat(300)], workloads: [{}] },
          l7: { type: 'RESPONSE', latency_ns: '18446744073709551615', kafka: { error_code: -1, topic: 't' } },
          event_type: { type: -5, sub_type: 2 },
          Summary: 'y'.repeat(20_000),
          ethernet: {},
          trace_context: { parent: {} },
          is_reply: false,
        },
        time: '0001-01-01T00:00:00Z',
        nodeName: 'n\u00e9',
      },
      { kind: 'lost', lost: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: '7', cpu: -3 } },
      { kind: 'node-status', status: { state_change: 'NODE_CONNECTED', node_names: ['a', 'b'] } },
    ];
    for (const event of events) sameBytes(event);
  });
});

describe('encodeGetFlowsResponseFast rejects what cannot go on the wire', () => {
  const bad: [string, FlowEvent, RegExp][] = [
    ['unknown enum name', { kind: 'flow', flow: { verdict: 'MAYBE' } }, /flow\.verdict: "MAYBE"/],
    ['bad timestamp', { kind: 'flow', flow: {}, time: 'yesterday' }, /time: "yesterday"/],
    ['bad uint64', { kind: 'flow', flow: { cgroup_id: '-1' } }, /flow\.cgroup_id/],
    ['uint64 overflow', { kind: 'flow', flow: { cgroup_id: '18446744073709551616' } }, /flow\.cgroup_id/],
    [
      'two l4 members',
      { kind: 'flow', flow: { l4: { TCP: {}, UDP: {} } } },
      /flow\.l4: oneof has TCP and UDP/,
    ],
    ['two l7 records', { kind: 'flow', flow: { l7: { dns: {}, http: {} } } }, /flow\.l7: oneof/],
    ['port out of range', { kind: 'flow', flow: { l4: { TCP: { source_port: 1.5 } } } }, /source_port/],
  ];
  for (const [name, event, pattern] of bad) {
    it(name, () => {
      expect(() => encodeGetFlowsResponseFast(event)).toThrow(FlowEncodeError);
      expect(() => encodeGetFlowsResponseFast(event)).toThrow(pattern);
    });
  }

  it('recovers after a failure midway through a message', () => {
    expect(() =>
      encodeGetFlowsResponseFast({ kind: 'flow', flow: { uuid: 'a', verdict: 'MAYBE' } }),
    ).toThrow();
    sameBytes(HAND_BUILT_EVENTS[0]!);
  });
});

describe('encodeGrpcFramedFlowEvent', () => {
  it('prefixes the message with an uncompressed gRPC frame header', () => {
    const event = HAND_BUILT_EVENTS[0]!;
    const body = encodeGetFlowsResponseFast(event);
    const framed = encodeGrpcFramedFlowEvent(event);
    expect(framed[0]).toBe(0);
    expect(new DataView(framed.buffer).getUint32(1, false)).toBe(body.length);
    expect(Buffer.from(framed.subarray(5)).equals(Buffer.from(body))).toBe(true);
  });
});
