import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps only the newest items, newest first', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.newest(10)).toEqual([5, 4, 3]);
    expect(ring.newest(2)).toEqual([5, 4]);
    expect(ring.newest(10, (n) => n % 2 === 1)).toEqual([5, 3]);
    expect(ring.newestWhile(10, (n) => n > 3)).toEqual([5, 4]);
  });

  it('rejects a zero capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});
