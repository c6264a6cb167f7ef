import { describe, expect, it } from 'vitest';
import { GetFlowsResponse } from '../../../proto/gen/observer/observer';
import type { FlowEvent } from '../../domain/flow';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { encodeGetFlowsResponse, FlowEncodeError } from './encode-flow-response';
import { parseFlowJsonLine } from './flow-from-json';
import { FLOW_SPEC } from './flow-json-schema';
import { ALL_FLOW_KEYS, HAND_BUILT_EVENTS, KITCHEN_SINK_FLOW } from './flow-samples';
import { FLOW_FIXTURE_LINE_COUNTS, fixtureLines } from './test-fixtures';

function parseOk(line: string): FlowEvent {
  const result = parseFlowJsonLine(line);
  if ('error' in result) throw new Error(result.error);
  return result.event;
}

describe('round trip: JSON line -> parse -> encode -> decodeGetFlowsResponse', () => {
  for (const file of Object.keys(FLOW_FIXTURE_LINE_COUNTS)) {
    it(`reproduces every event of ${file}`, () => {
      let checked = 0;
      for (const line of fixtureLines(file)) {
        const event = parseOk(line);
        expect(decodeGetFlowsResponse(encodeGetFlowsResponse(event))).toStrictEqual(event);
        checked++;
      }
      expect(checked).toBe(FLOW_FIXTURE_LINE_COUNTS[file]);
    });
  }
});

describe('round trip: hand-built events for fields the fixtures lack', () => {
  it('the kitchen-sink flow sets every domain Flow key, and the JSON schema knows every key', () => {
    const keys = Object.keys(ALL_FLOW_KEYS).sort();
    expect(Object.keys(KITCHEN_SINK_FLOW).sort()).toEqual(keys);
    const specNames = [...new Set([...FLOW_SPEC.fields.values()].map((f) => f.name))].sort();
    expect(specNames).toEqual(keys);
  });

  HAND_BUILT_EVENTS.forEach((event, i) => {
    it(`event ${i} (${event.kind}) survives encode -> decode unchanged`, () => {
      expect(decodeGetFlowsResponse(encodeGetFlowsResponse(event))).toStrictEqual(event);
    });
    it(`event ${i} (${event.kind}) survives encode -> decode -> JSON -> parse unchanged`, () => {
      const decoded = decodeGetFlowsResponse(encodeGetFlowsResponse(event));
      const { kind, nodeName, time, ...body } = decoded;
      const member = kind === 'flow' ? 'flow' : kind === 'lost' ? 'lost_events' : 'node_status';
      const json = JSON.stringify({ [member]: Object.values(body)[0], node_name: nodeName, time });
      expect(parseOk(json)).toStrictEqual(event);
    });
  });

  it('puts the documented numbers on the wire (checked with ts-proto decode)', () => {
    const bytes = encodeGetFlowsResponse(HAND_BUILT_EVENTS[0]!);
    const pb = GetFlowsResponse.decode(bytes);
    expect(pb.flow?.dropReasonDesc).toBe(181);
    expect(pb.flow?.verdict).toBe(2);
    expect(pb.flow?.traceObservationPoint).toBe(5);
    expect(pb.flow?.authType).toBe(1);
    expect(pb.flow?.socketCookie).toBe('18446744073709551615');
    expect(pb.flow?.egressDeniedBy[0]?.revision).toBe('9007199254740993');
    expect(pb.flow?.time).toEqual({ seconds: '1772366400', nanos: 123456789 });
    expect(pb.flow?.isReply).toBe(false);
    expect(pb.nodeName).toBe('prod-eu/worker-1');
  });
});

describe('encodeGetFlowsResponse rejects what cannot go on the wire', () => {
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
  ];
  for (const [name, event, pattern] of bad) {
    it(name, () => {
      expect(() => encodeGetFlowsResponse(event)).toThrow(FlowEncodeError);
      expect(() => encodeGetFlowsResponse(event)).toThrow(pattern);
    });
  }

  it('encodes numeric enum strings (unknown numbers) as their number', () => {
    const bytes = encodeGetFlowsResponse({ kind: 'flow', flow: { drop_reason_desc: '206' } });
    expect(GetFlowsResponse.decode(bytes).flow?.dropReasonDesc).toBe(206);
  });
});
