import { describe, expect, it } from 'vitest';
import type { Flow } from '../domain/flow';
import { encodeGetFlowsResponse } from '../sources/hubble/encode-flow-response';
import { FlowHistory } from './flow-history';

const flow = (i: number, extra: Partial<Flow> = {}): Flow => ({
  time: new Date(1_772_366_400_000 + i).toISOString(),
  uuid: `u-${i}`,
  verdict: i % 3 === 0 ? 'DROPPED' : 'FORWARDED',
  source: { namespace: 'shop', pod_name: `cart-${i % 5}`, labels: ['k8s:app=cart'] },
  ...extra,
});
const wire = (f: Flow) => Buffer.from(encodeGetFlowsResponse({ kind: 'flow', flow: f }));

describe('FlowHistory', () => {
  it('returns wire-kept and object-kept flows alike, newest first, decoded equal to the original', () => {
    const h = new FlowHistory(10);
    for (let i = 1; i <= 6; i++) {
      const f = flow(i);
      if (i % 2 === 0) h.pushWire(wire(f), 1000 + i, i, f);
      else h.push({ flow: f, arrivedMs: 1000 + i, n: i });
    }
    expect(h.size).toBe(6);
    const newest = h.newest(10);
    expect(newest.map((s) => s.n)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(newest.map((s) => s.arrivedMs)).toEqual([1006, 1005, 1004, 1003, 1002, 1001]);
    for (const s of newest) expect(s.flow).toStrictEqual(flow(s.n));
  });

  it('keeps only the newest `capacity` flows and reuses its byte blocks (bounded memory)', () => {
    const h = new FlowHistory(500);
    const big = 'x'.repeat(3000); // ~3 KB per message: 500 of them span two 1 MiB blocks
    for (let i = 1; i <= 5000; i++) {
      const f = flow(i, { Summary: `${big}${i}` });
      h.pushWire(wire(f), i, i, f);
    }
    expect(h.size).toBe(500);
    const all = h.newest(1000);
    expect(all).toHaveLength(500);
    expect(all[0]?.n).toBe(5000);
    expect(all[499]?.n).toBe(4501);
    for (const s of all) expect(s.flow.Summary).toBe(`${big}${s.n}`);
  });

  it('stops newestWhile at the first flow that fails, and honours limits and filters', () => {
    const h = new FlowHistory(100);
    for (let i = 1; i <= 20; i++) h.pushWire(wire(flow(i)), i, i, flow(i));
    expect(h.newestWhile(100, (s) => s.n > 15).map((s) => s.n)).toEqual([20, 19, 18, 17, 16]);
    expect(h.newestWhile(2, (s) => s.n > 15).map((s) => s.n)).toEqual([20, 19]);
    expect(h.newest(3, (s) => s.flow.verdict === 'DROPPED').map((s) => s.n)).toEqual([18, 15, 12]);
  });

  it('serves repeated reads of the same flow from one decode', () => {
    const h = new FlowHistory(10);
    h.pushWire(wire(flow(1)), 1, 1, flow(1));
    expect(h.newest(1)[0]).toBe(h.newest(1)[0]);
  });

  it('keeps oversized messages as objects', () => {
    const h = new FlowHistory(4);
    const f = flow(1, { Summary: 'y'.repeat(200_000) });
    h.pushWire(wire(f), 1, 1, f);
    expect(h.newest(1)[0]?.flow).toBe(f);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new FlowHistory(0)).toThrow(RangeError);
  });
});
