import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBatcher } from './event-batcher';

afterEach(() => {
  vi.useRealTimers();
});

describe('createEventBatcher', () => {
  it('delivers immediately when maxEvents are pending', () => {
    const batches: number[][] = [];
    const b = createEventBatcher<number>({
      maxEvents: 3,
      maxDelayMs: 1000,
      deliver: (x) => batches.push([...x]),
    });
    for (let i = 0; i < 7; i++) b.push(i);
    expect(batches).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(b.pending).toBe(1);
    b.close();
    expect(batches.at(-1)).toEqual([6]);
  });

  it('delivers a partial batch after maxDelayMs, not per event', () => {
    vi.useFakeTimers();
    const deliver = vi.fn();
    const b = createEventBatcher<string>({ maxEvents: 100, maxDelayMs: 20, deliver });
    b.push('a');
    b.push('b');
    vi.advanceTimersByTime(19);
    expect(deliver).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(deliver.mock.calls[0]?.[0]).toEqual(['a', 'b']);
    b.close();
  });

  it('reports malformed counts as deltas alongside batches', () => {
    vi.useFakeTimers();
    const counts: number[] = [];
    const b = createEventBatcher<number>({
      maxEvents: 10,
      maxDelayMs: 5,
      deliver: () => {},
      deliverMalformed: (n) => counts.push(n),
    });
    b.countMalformed();
    b.countMalformed();
    vi.advanceTimersByTime(5);
    b.countMalformed();
    b.flush();
    expect(counts).toEqual([2, 1]);
    b.close();
  });

  it('contains callback errors and ignores pushes after close', () => {
    const errors: unknown[] = [];
    const b = createEventBatcher<number>({
      maxEvents: 1,
      maxDelayMs: 5,
      deliver: () => {
        throw new Error('boom');
      },
      onCallbackError: (e) => errors.push(e),
    });
    b.push(1);
    expect(errors).toHaveLength(1);
    b.close();
    b.push(2);
    expect(b.pending).toBe(0);
  });
});

describe('createEventBatcher extras', () => {
  it('delivers what was pushed along with each event, aligned, undefined where nothing was', () => {
    const got: [string[], (number | undefined)[]][] = [];
    const b = createEventBatcher<string, number>({
      maxEvents: 3,
      maxDelayMs: 1000,
      deliver: (batch, extras) => got.push([[...batch], [...extras]]),
    });
    b.push('a', 1);
    b.push('b');
    b.push('c', 3);
    b.push('d', 4);
    b.close();
    expect(got).toEqual([
      [
        ['a', 'b', 'c'],
        [1, undefined, 3],
      ],
      [['d'], [4]],
    ]);
  });
});
