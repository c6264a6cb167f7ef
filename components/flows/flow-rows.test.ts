import { describe, expect, it } from 'vitest';
import { addNewest, addOlder, clearRows, EMPTY_ROWS, pause, resume, toRows } from './flow-rows';

const rows = (...names: string[]) => toRows(names.map((Summary) => ({ Summary })));
const names = (list: readonly { flow: { Summary?: string } }[]) => list.map((r) => r.flow.Summary);

describe('flow rows', () => {
  it('puts new flows on top, history below, and caps the total', () => {
    let s = addOlder(EMPTY_ROWS, rows('c', 'b'), 4);
    s = addNewest(s, rows('e', 'd'), 4);
    expect(names(s.rows)).toEqual(['e', 'd', 'c', 'b']);
    s = addNewest(s, rows('f'), 4);
    expect(names(s.rows)).toEqual(['f', 'e', 'd', 'c']);
    expect(s.evicted).toBe(1);
    expect(s.prepended).toBe(3);
  });

  it('buffers while paused and applies everything on resume', () => {
    let s = addNewest(EMPTY_ROWS, rows('a'));
    s = pause(s);
    s = addNewest(s, rows('c', 'b'));
    s = addNewest(s, rows('d'));
    expect(names(s.rows)).toEqual(['a']);
    expect(names(s.pending)).toEqual(['d', 'c', 'b']);
    s = resume(s);
    expect(s.paused).toBe(false);
    expect(s.pending).toEqual([]);
    expect(names(s.rows)).toEqual(['d', 'c', 'b', 'a']);
    expect(s.prepended).toBe(4);
  });

  it('caps the pause buffer too, counting what it drops', () => {
    let s = pause(EMPTY_ROWS);
    s = addNewest(s, rows('b', 'a'), 3);
    s = addNewest(s, rows('d', 'c'), 3);
    expect(names(s.pending)).toEqual(['d', 'c', 'b']);
    expect(s.evicted).toBe(1);
    expect(clearRows(s).pending).toEqual([]);
  });

  it('gives every row its own id', () => {
    const ids = [...rows('a', 'b'), ...rows('c')].map((r) => r.id);
    expect(new Set(ids).size).toBe(3);
  });
});
