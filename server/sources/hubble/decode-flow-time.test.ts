import { describe, expect, it } from 'vitest';
import { FLOW_TIME_MS, type Flow } from '../../domain/flow';
import { effectiveFlowTime, flowTimeMs, parseFlowTime } from '../../domain/flow-time';
import { timeOf } from '../../domain/service-map';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { encodeGetFlowsResponse } from './encode-flow-response';
import { parseFlowJsonLine } from './flow-from-json';
import { FLOW_FIXTURE_LINE_COUNTS, fixtureLines } from './test-fixtures';

function roundTrip(flow: Flow): Flow {
  const event = decodeGetFlowsResponse(encodeGetFlowsResponse({ kind: 'flow', flow }));
  if (event.kind !== 'flow') throw new Error(`expected a flow, got ${event.kind}`);
  return event.flow;
}

describe('the epoch-ms time the decoder carries (FLOW_TIME_MS)', () => {
  it('equals the parsed RFC 3339 time for every fixture flow', () => {
    let checked = 0;
    for (const file of Object.keys(FLOW_FIXTURE_LINE_COUNTS)) {
      for (const line of fixtureLines(file)) {
        const parsed = parseFlowJsonLine(line);
        if (!('event' in parsed)) continue;
        const event = decodeGetFlowsResponse(encodeGetFlowsResponse(parsed.event));
        if (event.kind !== 'flow' || event.flow.time === undefined) continue;
        expect(event.flow[FLOW_TIME_MS], `${file}: ${event.flow.time}`).toBe(parseFlowTime(event.flow.time));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('truncates sub-millisecond digits and handles times before 1970 like the parser', () => {
    for (const time of [
      '2026-11-25T15:04:05.999999999Z',
      '2026-11-25T15:04:05Z',
      '1969-12-31T23:59:59.999999999Z',
      '1969-12-31T23:59:59.000000001Z',
      '0001-01-01T00:00:00Z',
      '2000-02-29T12:00:00.0005Z',
    ]) {
      const flow = roundTrip({ time });
      expect(parseFlowTime(flow.time)).toBe(parseFlowTime(time));
      expect(flow[FLOW_TIME_MS], time).toBe(parseFlowTime(time));
    }
  });

  it('is absent without a time, and readers then fall back to parsing or arrival', () => {
    const flow = roundTrip({ verdict: 'FORWARDED' });
    expect(flow[FLOW_TIME_MS]).toBeUndefined();
    expect(Number.isNaN(flowTimeMs(flow))).toBe(true);
    expect(effectiveFlowTime(flow, 1234)).toBe(1234);
    expect(flowTimeMs({ time: '2026-11-25T15:04:05.5Z' })).toBe(Date.UTC(2026, 10, 25, 15, 4, 5, 500));
  });

  it('is what the map, the series and de-duplication read (not the string)', () => {
    const at = Date.UTC(2026, 10, 25, 15, 0, 0);
    const carried: Flow = { time: 'not a time', [FLOW_TIME_MS]: at };
    expect(flowTimeMs(carried)).toBe(at);
    expect(effectiveFlowTime(carried, at + 1000)).toBe(at);
    expect(timeOf(carried, 0)).toBe(at);
  });

  it('survives a spread copy (redaction copies flows it changes)', () => {
    const flow = roundTrip({ time: '2026-11-25T15:04:05.123Z' });
    expect({ ...flow }[FLOW_TIME_MS]).toBe(Date.UTC(2026, 10, 25, 15, 4, 5, 123));
    expect(JSON.stringify(flow)).toBe('{"time":"2026-11-25T15:04:05.123Z"}');
  });
});
