import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../domain/flow';
import { parseFlowJsonLine } from './flow-from-json';

function parseOk(value: unknown): FlowEvent {
  const result = parseFlowJsonLine(typeof value === 'string' ? value : JSON.stringify(value));
  if ('error' in result) throw new Error(`unexpected parse error: ${result.error}`);
  return result.event;
}

function parseError(value: unknown): string {
  const result = parseFlowJsonLine(typeof value === 'string' ? value : JSON.stringify(value));
  if ('event' in result) throw new Error(`expected an error, got ${JSON.stringify(result.event)}`);
  return result.error;
}

describe('parseFlowJsonLine dialects', () => {
  it('accepts lowerCamelCase keys, enum numbers, 64-bit numbers and 32-bit strings', () => {
    const event = parseOk({
      flow: {
        time: '2024-01-02T03:04:05.5Z',
        verdict: 2,
        IP: { source: '10.0.0.1', ipVersion: 1, sourceXlated: '192.168.0.1' },
        l4: { TCP: { sourcePort: '443', destinationPort: 5000 } },
        source: { podName: 'a', clusterName: 'c1', workloads: [{ name: 'w', kind: 'Deployment' }] },
        nodeName: 'n1',
        nodeLabels: ['kubernetes.io/hostname=n1'],
        sourceNames: ['api.example.com'],
        destinationNames: ['db.example.com'],
        isReply: false,
        dropReasonDesc: 181,
        trafficDirection: 'EGRESS',
        traceObservationPoint: 101,
        l7: { type: 2, latencyNs: 1234, http: { code: '200' } },
        socketCookie: 2 ** 60,
        cgroupId: '0018446744073709551615',
        egressDeniedBy: [{ name: 'deny-all', revision: 7 }],
        ipTraceId: { traceId: '42', ipOptionType: 1 },
      },
      nodeName: 'n1',
      time: '2024-01-02T03:04:05.5Z',
    });
    expect(event).toEqual({
      kind: 'flow',
      nodeName: 'n1',
      // Canonicalised to protojson's 3/6/9 digits so wire and JSON input compare equal.
      time: '2024-01-02T03:04:05.500Z',
      flow: {
        time: '2024-01-02T03:04:05.500Z',
        verdict: 'DROPPED',
        IP: { source: '10.0.0.1', ipVersion: 'IPv4', source_xlated: '192.168.0.1' },
        l4: { TCP: { source_port: 443, destination_port: 5000 } },
        source: { pod_name: 'a', cluster_name: 'c1', workloads: [{ name: 'w', kind: 'Deployment' }] },
        node_name: 'n1',
        node_labels: ['kubernetes.io/hostname=n1'],
        source_names: ['api.example.com'],
        destination_names: ['db.example.com'],
        is_reply: false,
        drop_reason_desc: 'POLICY_DENY',
        traffic_direction: 'EGRESS',
        trace_observation_point: 'TO_ENDPOINT',
        l7: { type: 'RESPONSE', latency_ns: '1234', http: { code: 200 } },
        socket_cookie: '1152921504606846976',
        cgroup_id: '18446744073709551615',
        egress_denied_by: [{ name: 'deny-all', revision: '7' }],
        ip_trace_id: { trace_id: '42', ip_option_type: 1 },
      },
    });
  });

  it('keeps unknown enum numbers as decimal strings and unknown names as given', () => {
    const flow = parseOk({ flow: { verdict: 99, drop_reason_desc: 'DROP_NO_DEVICE', Type: '2' } });
    expect(flow.kind === 'flow' && flow.flow).toEqual({
      verdict: '99',
      drop_reason_desc: 'DROP_NO_DEVICE',
      Type: 'L7',
    });
  });

  it('omits zero values and enum zero names, keeps wrapper zeros, treats null as unset', () => {
    const event = parseOk({
      flow: {
        verdict: 'VERDICT_UNKNOWN',
        drop_reason: 0,
        reply: false,
        uuid: '',
        source_names: [],
        socket_cookie: '0',
        is_reply: false,
        l7: null,
        IP: {},
      },
      node_name: '',
    });
    expect(event).toEqual({ kind: 'flow', flow: { is_reply: false, IP: {} } });
  });

  it('reads a bare Flow object and lifts node_name and time to the event', () => {
    expect(parseOk({ time: '2021-01-01T00:00:00Z', node_name: 'k/n', verdict: 'FORWARDED' })).toEqual({
      kind: 'flow',
      nodeName: 'k/n',
      time: '2021-01-01T00:00:00Z',
      flow: { time: '2021-01-01T00:00:00Z', node_name: 'k/n', verdict: 'FORWARDED' },
    });
  });

  it('reads lost_events (cpu wrapper kept at 0) and node_status, in both key styles', () => {
    expect(
      parseOk({
        lost_events: {
          source: 'HUBBLE_RING_BUFFER',
          num_events_lost: '12',
          cpu: 0,
          first: '2021-01-01T00:00:00Z',
        },
        node_name: 'relay',
        time: '2021-01-01T00:00:01Z',
      }),
    ).toEqual({
      kind: 'lost',
      nodeName: 'relay',
      time: '2021-01-01T00:00:01Z',
      lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '12', cpu: 0, first: '2021-01-01T00:00:00Z' },
    });
    expect(parseOk({ lostEvents: { numEventsLost: 3, source: 1 } })).toEqual({
      kind: 'lost',
      lost: { num_events_lost: '3', source: 'PERF_EVENT_RING_BUFFER' },
    });
    expect(
      parseOk({ nodeStatus: { stateChange: 'NODE_CONNECTED', nodeNames: ['a', 'b'] }, nodeName: 'relay' }),
    ).toEqual({
      kind: 'node-status',
      nodeName: 'relay',
      status: { state_change: 'NODE_CONNECTED', node_names: ['a', 'b'] },
    });
  });

  it('ignores unknown keys (newer Hubble fields) and extensions', () => {
    const event = parseOk({
      flow: { verdict: 'FORWARDED', some_future_field: { x: 1 }, extensions: { '@type': 'x' } },
    });
    expect(event).toEqual({ kind: 'flow', flow: { verdict: 'FORWARDED' } });
  });
});

describe('parseFlowJsonLine errors (never throws)', () => {
  const cases: [string, unknown, RegExp][] = [
    ['empty line', '   ', /empty line/],
    ['invalid JSON', '{"flow":', /invalid JSON/],
    ['not an object', '[1,2]', /not a JSON object/],
    ['string for a message', { flow: { source: 'x' } }, /flow\.source: expected an object/],
    ['negative port', { flow: { l4: { TCP: { source_port: -1 } } } }, /flow\.l4\.TCP\.source_port/],
    ['port too large', { flow: { l4: { UDP: { destination_port: 4294967296 } } } }, /destination_port/],
    ['fractional number', { flow: { source: { identity: 1.5 } } }, /flow\.source\.identity/],
    ['bool as string', { flow: { reply: 'true' } }, /flow\.reply: expected true or false/],
    ['bad uint64', { flow: { l7: { latency_ns: '-5' } } }, /flow\.l7\.latency_ns/],
    ['uint64 overflow', { flow: { cgroup_id: '18446744073709551616' } }, /flow\.cgroup_id/],
    ['bad timestamp', { flow: { time: '2021-13-01T00:00:00Z' } }, /flow\.time: expected an RFC 3339/],
    ['two oneof members', { flow: { l4: { TCP: {}, UDP: {} } } }, /oneof members TCP and UDP/],
    ['two response members', { flow: {}, lost_events: {} }, /more than one of flow, lost_events/],
    ['same field twice', { flow: { node_name: 'a', nodeName: 'b' } }, /flow\.node_name: set twice/],
    ['null inside a list', { flow: { source_names: ['a', null] } }, /source_names\[1\]: null/],
    ['agent event', { agent_event: { type: 'AGENT_STARTED' } }, /agent_event lines are not flow events/],
  ];
  for (const [name, input, pattern] of cases) {
    it(name, () => {
      expect(parseError(input)).toMatch(pattern);
    });
  }
});
