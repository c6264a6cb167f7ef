import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../domain/flow';
import type { RelayFlowsRequest } from '../../sources/hubble/relay-types';
import { selectBackfill } from './backfill';
import { testFlow, testLost } from './test-helpers';

const T0 = Date.parse('2026-03-01T12:00:00Z');
// a0 b0 a1 b1 … a4 b4, one second apart per pair; a lost event after a2.
const history: FlowEvent[] = [];
for (let i = 0; i < 5; i++) {
  history.push(testFlow('a', { timeMs: T0 + i * 1000, uuid: `a${i}` }));
  history.push(testFlow('b', { timeMs: T0 + i * 1000 + 500, uuid: `b${i}` }));
  if (i === 2) history.push({ ...testLost('a', 7), time: new Date(T0 + 2600).toISOString() });
}

const all = () => true;
function ids(
  req: RelayFlowsRequest,
  accept: (flow: import('../../domain/flow').Flow, node: string) => boolean = all,
) {
  return selectBackfill(history, req, accept).events.map((e) => (e.kind === 'flow' ? e.flow.uuid : 'lost'));
}

describe('selectBackfill', () => {
  it('number is per node: the newest n flows of each node, oldest first, lost events in range', () => {
    expect(ids({ number: 2, follow: true })).toEqual(['a3', 'b3', 'a4', 'b4']);
    expect(ids({ number: 3, follow: true })).toEqual(['a2', 'b2', 'lost', 'a3', 'b3', 'a4', 'b4']);
  });

  it('first takes the oldest n per node; non-follow number 0 returns everything', () => {
    expect(ids({ number: 1, first: true })).toEqual(['a0', 'b0']);
    expect(ids({})).toHaveLength(11);
  });

  it('follow with number 0 and no since starts at "now"', () => {
    expect(ids({ follow: true })).toEqual([]);
  });

  it('since overrides the start; until stops and is reported', () => {
    const since = new Date(T0 + 3000).toISOString();
    expect(ids({ follow: true, since })).toEqual(['a3', 'b3', 'a4', 'b4']);
    expect(ids({ follow: true, since, number: 1 })).toEqual(['a4', 'b4']);
    const until = new Date(T0 + 1500).toISOString();
    const res = selectBackfill(history, { until }, all);
    expect(res.events.map((e) => (e.kind === 'flow' ? e.flow.uuid : 'lost'))).toEqual([
      'a0',
      'b0',
      'a1',
      'b1',
    ]);
    expect(res.reachedUntil).toBe(true);
    expect(selectBackfill(history, {}, all).reachedUntil).toBe(false);
  });

  it('filters flows but never lost events, and does not count filtered flows', () => {
    const onlyB = (_f: unknown, node: string) => node === 'b';
    expect(ids({ number: 2, follow: true }, onlyB)).toEqual(['b3', 'b4']);
    expect(ids({}, onlyB)).toEqual(['b0', 'b1', 'b2', 'lost', 'b3', 'b4']);
  });
});
