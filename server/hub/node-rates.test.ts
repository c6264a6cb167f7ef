import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../domain/flow';
import { NodeRates } from './node-rates';

const flows = (n: number, node: string, dropped = 0): FlowEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'flow',
    flow: { node_name: node, verdict: i < dropped ? 'DROPPED' : 'FORWARDED' },
  }));

describe('NodeRates', () => {
  it('averages the last ten complete seconds, whatever the current second already holds', () => {
    const rates = new NodeRates();
    const start = 1_700_000_000_000;
    // 100 flows (5 dropped) per second on node a, 10 per second on node b, for 30 seconds.
    for (let s = 0; s < 30; s++) {
      rates.record(flows(100, 'a', 5), start + s * 1000 + 100);
      rates.record(flows(10, 'b'), start + s * 1000 + 200);
    }
    // Mid-second: second 29 is being filled and is not counted; seconds 19–28 are.
    const now = rates.rates(start + 29_500);
    expect(now.get('a')).toEqual({ flowsPerSecond: 100, dropsPerSecond: 5 });
    expect(now.get('b')).toEqual({ flowsPerSecond: 10, dropsPerSecond: 0 });
  });

  it('counts quiet seconds as zero and forgets nodes silent for an hour', () => {
    const rates = new NodeRates();
    const start = 1_700_000_000_000;
    rates.record(flows(50, 'a'), start);
    // Five seconds later: one second with 50 flows among the last ten.
    expect(rates.rates(start + 5_000).get('a')?.flowsPerSecond).toBe(5);
    // Eleven seconds later it has left the window.
    expect(rates.rates(start + 11_000).get('a')?.flowsPerSecond).toBe(0);
    expect(rates.rates(start + 3_700_000).has('a')).toBe(false);
  });
});
