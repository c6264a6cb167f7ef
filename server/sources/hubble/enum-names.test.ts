import { describe, expect, it } from 'vitest';
import * as pbFlow from '../../../proto/gen/flow/flow';
import * as pbPeer from '../../../proto/gen/peer/peer';
import * as pbRelay from '../../../proto/gen/relay/relay';
import {
  DROP_REASON,
  ENUM_TABLES,
  type EnumTable,
  IP_VERSION,
  TRACE_OBSERVATION_POINT,
  VERDICT,
} from './enum-names';

/** [name, number] pairs of a ts-proto enum (TS numeric enums also map number -> name). */
function generated(e: Record<string, string | number>): [string, number][] {
  return Object.entries(e).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
}

const GENERATED: Record<string, Record<string, string | number>> = {
  'flow.Verdict': pbFlow.Verdict,
  'flow.DropReason': pbFlow.DropReason,
  'flow.TrafficDirection': pbFlow.TrafficDirection,
  'flow.FlowType': pbFlow.FlowType,
  'flow.L7FlowType': pbFlow.L7FlowType,
  'flow.TraceObservationPoint': pbFlow.TraceObservationPoint,
  'flow.TraceReason': pbFlow.TraceReason,
  'flow.AuthType': pbFlow.AuthType,
  'flow.IPVersion': pbFlow.IPVersion,
  'flow.Tunnel.Protocol': pbFlow.Tunnel_Protocol,
  'flow.DebugCapturePoint': pbFlow.DebugCapturePoint,
  'flow.SocketTranslationPoint': pbFlow.SocketTranslationPoint,
  'flow.LostEventSource': pbFlow.LostEventSource,
  'flow.EventType': pbFlow.EventType,
  'flow.AgentEventType': pbFlow.AgentEventType,
  'flow.DebugEventType': pbFlow.DebugEventType,
  'relay.NodeState': pbRelay.NodeState,
  'peer.ChangeNotificationType': pbPeer.ChangeNotificationType,
};

describe('enum name tables', () => {
  it('cover every enum of the .proto files', () => {
    expect([...ENUM_TABLES.keys()].sort()).toEqual(Object.keys(GENERATED).sort());
  });

  for (const [protoName, e] of Object.entries(GENERATED)) {
    it(`${protoName} matches the generated code exactly`, () => {
      const table = ENUM_TABLES.get(protoName) as EnumTable;
      expect([...table.entries].sort()).toEqual(generated(e).sort());
      for (const [name, value] of generated(e)) {
        expect(table.nameOf(value)).toBe(name);
        expect(table.numberOf(name)).toBe(value);
      }
    });
  }

  it('has the documented values (239 in all)', () => {
    expect([...ENUM_TABLES.values()].reduce((n, t) => n + t.entries.length, 0)).toBe(239);
    expect(DROP_REASON.nameOf(133)).toBe('POLICY_DENIED');
    expect(DROP_REASON.nameOf(181)).toBe('POLICY_DENY');
    expect(DROP_REASON.nameOf(205)).toBe('DROP_PUNT_PROXY');
    expect(TRACE_OBSERVATION_POINT.nameOf(101)).toBe('TO_ENDPOINT');
    expect(IP_VERSION.zeroName).toBe('IP_NOT_USED');
  });

  it('maps unknown numbers to decimal strings and decimal strings back to numbers', () => {
    expect(VERDICT.nameOf(8)).toBe('8');
    expect(VERDICT.nameOf(-1)).toBe('-1');
    expect(DROP_REASON.nameOf(159)).toBe('159');
    expect(DROP_REASON.numberOf('206')).toBe(206);
    expect(VERDICT.numberOf('-3')).toBe(-3);
    expect(VERDICT.numberOf('MAYBE')).toBeUndefined();
    expect(VERDICT.numberOf('99999999999')).toBeUndefined();
    expect(VERDICT.numberOf('')).toBeUndefined();
  });
});
