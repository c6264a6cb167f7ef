import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../server/domain/flow';
import { FIXTURE_FILES } from '../../server/domain/flow-filter/test-support/load-fixture';
import { parseFlowJsonLine } from '../../server/sources/hubble/flow-from-json';
import { exportFlowLines, parseFlowLines } from './flow-export';

const FIXTURE_DIR = path.resolve(__dirname, '../../../shared/fixtures/flows');

/** Every fixture flow through the server's parser, newest (last line) first: what the table holds. */
function fixtureFlows(): Flow[] {
  const flows: Flow[] = [];
  for (const file of FIXTURE_FILES) {
    for (const line of readFileSync(path.join(FIXTURE_DIR, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseFlowJsonLine(line);
      if ('error' in parsed) throw new Error(parsed.error);
      if (parsed.event.kind === 'flow') flows.push(parsed.event.flow);
    }
  }
  return flows.reverse();
}

describe('export / import', () => {
  const flows = fixtureFlows();

  it('exports GetFlowsResponse lines, oldest first, that parseFlowJsonLine reads back to the same flows', () => {
    const text = exportFlowLines(flows);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(flows.length);
    const back = lines.map((line) => {
      const parsed = parseFlowJsonLine(line);
      if ('error' in parsed || parsed.event.kind !== 'flow') throw new Error(`bad line ${line}`);
      expect(parsed.event.nodeName).toBe(parsed.event.flow.node_name);
      expect(parsed.event.time).toBe(parsed.event.flow.time);
      return parsed.event.flow;
    });
    expect(back).toEqual([...flows].reverse());
    expect(JSON.parse(lines[0] ?? '{}')).toHaveProperty('flow');
  });

  it('imports its own export unchanged (newest first again)', () => {
    const imported = parseFlowLines(exportFlowLines(flows));
    expect(imported.flows).toEqual(flows);
    expect(imported).toMatchObject({ errors: 0, dropped: 0, lost: [], nodeStatus: 0 });
  });

  it('imports the raw fixture files (lowerCamelCase keys included) like the server does', () => {
    const text = FIXTURE_FILES.map((f) => readFileSync(path.join(FIXTURE_DIR, f), 'utf8')).join('\n');
    expect(parseFlowLines(text).flows).toEqual(flows);
  });

  it('counts bad lines, sums lost events and keeps the newest flows past the cap', () => {
    const text = [
      '{"flow":{"time":"2024-01-01T00:00:01Z","verdict":"FORWARDED"},"node_name":"a"}',
      'not json',
      '{"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"5"},"node_name":"n1"}',
      '{"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"7"},"node_name":"n1"}',
      '{"node_status":{"state_change":"NODE_CONNECTED","node_names":["n1"]}}',
      '{"flow":{"time":"2024-01-01T00:00:02Z","verdict":"DROPPED"},"node_name":"b"}',
      '{"flow":{"time":"2024-01-01T00:00:03Z","verdict":42.5}}',
      '{"flow":{"time":"2024-01-01T00:00:04Z","verdict":"DROPPED","node_name":"c"}}',
      '',
    ].join('\n');
    const r = parseFlowLines(text, 2);
    expect(r.flows.map((f) => f.time)).toEqual(['2024-01-01T00:00:04Z', '2024-01-01T00:00:02Z']);
    // The response's node_name fills in a flow that lacks it.
    expect(r.flows[1]?.node_name).toBe('b');
    expect(r.dropped).toBe(1);
    expect(r.errors).toBe(2);
    expect(r.firstError).toMatch(/^line 2: invalid JSON/);
    expect(r.lost).toEqual([{ node: 'n1', source: 'PERF_EVENT_RING_BUFFER', count: 12 }]);
    expect(r.nodeStatus).toBe(1);
  });

  it('exports nothing for no flows', () => {
    expect(exportFlowLines([])).toBe('');
    expect(parseFlowLines('').flows).toEqual([]);
  });
});
