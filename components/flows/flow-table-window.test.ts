import { describe, expect, it } from 'vitest';
import { poolSize, ROW_HEIGHT, type RowWindow, rowWindow, slotRow } from './flow-table-window';

const VIEWPORT = 770;
const POOL = poolSize(VIEWPORT);
const onScreen = Math.ceil(VIEWPORT / ROW_HEIGHT) + 1;

function rowsOf(window: RowWindow, pool: number): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < pool; slot++) {
    const index = slotRow(slot, window, pool);
    if (index !== undefined) out.push(index);
  }
  return out;
}

describe('row window', () => {
  it('renders every row when they fit in the pool', () => {
    expect(rowWindow(0, VIEWPORT, 10, 0)).toEqual({ first: 0, last: 10 });
    expect(rowWindow(5000, VIEWPORT, POOL, 3)).toEqual({ first: 0, last: POOL });
  });

  it('always covers the viewport, and the window is always the whole pool', () => {
    const total = 100_000;
    for (const velocity of [0, 1, 3, 30, 200, -3, -30]) {
      for (const top of [0, 15, 900, 123_456, total * ROW_HEIGHT - VIEWPORT]) {
        const w = rowWindow(top, VIEWPORT, total, velocity);
        expect(w.last - w.first).toBe(POOL);
        expect(w.first * ROW_HEIGHT).toBeLessThanOrEqual(top);
        expect(w.last * ROW_HEIGHT).toBeGreaterThanOrEqual(Math.min(top + VIEWPORT, total * ROW_HEIGHT));
        expect(w.first).toBeGreaterThanOrEqual(0);
        expect(w.last).toBeLessThanOrEqual(total);
      }
    }
  });

  it('leans the overscan towards the scroll direction, more for faster scrolling', () => {
    const top = 300_000;
    const topRow = top / ROW_HEIGHT;
    const down = rowWindow(top, VIEWPORT, 100_000, 30);
    const up = rowWindow(top, VIEWPORT, 100_000, -30);
    const slow = rowWindow(top, VIEWPORT, 100_000, 1);
    // Rows rendered below the viewport's last row.
    const below = (w: RowWindow) => w.last - (topRow + onScreen);
    expect(below(down)).toBeGreaterThanOrEqual(30);
    expect(below(down)).toBeGreaterThan(below(slow));
    expect(topRow - up.first).toBeGreaterThanOrEqual(30);
  });

  it('keeps one slot per row and the same slot for a row while it stays in the window', () => {
    const a = rowWindow(30_000, VIEWPORT, 100_000, 0);
    const b = rowWindow(30_000 + 3 * ROW_HEIGHT, VIEWPORT, 100_000, 3);
    const rowsA = rowsOf(a, POOL);
    const rowsB = rowsOf(b, POOL);
    expect(new Set(rowsA).size).toBe(POOL);
    expect([...rowsA].sort((x, y) => x - y)).toEqual(Array.from({ length: POOL }, (_, i) => a.first + i));
    expect([...rowsB].sort((x, y) => x - y)).toEqual(Array.from({ length: POOL }, (_, i) => b.first + i));
    for (let slot = 0; slot < POOL; slot++) {
      const before = slotRow(slot, a, POOL);
      const after = slotRow(slot, b, POOL);
      // A slot either keeps its row or takes one that was not in the old window.
      if (before !== after && after !== undefined) expect(after >= a.last || after < a.first).toBe(true);
    }
  });

  it('leaves slots past the last row empty', () => {
    const w = rowWindow(0, VIEWPORT, 7, 0);
    expect(rowsOf(w, POOL)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
