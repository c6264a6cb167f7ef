import { describe, expect, it } from 'vitest';
import { GRID_X, GRID_Y, GroupBoxes, SlotGrid } from './layout-grid';
import { CARD_H, CARD_W } from './map-geometry';

describe('SlotGrid', () => {
  it('gives the nearest slot, and a different one to a card wanting a taken slot', () => {
    const grid = new SlotGrid();
    expect(grid.place({ x: 10, y: -5 })).toEqual({ x: 0, y: 0 });
    const second = grid.place({ x: 3, y: 2 });
    expect(second).not.toEqual({ x: 0, y: 0 });
    expect(Math.abs(second.x) <= GRID_X && Math.abs(second.y) <= GRID_Y).toBe(true);
  });

  it('never lets two cards overlap, however crowded the wishes', () => {
    const grid = new SlotGrid();
    grid.occupy({ x: GRID_X, y: 0 });
    const placed = Array.from({ length: 200 }, (_, i) => grid.place({ x: (i % 7) * 5, y: (i % 3) * 4 }));
    placed.push({ x: GRID_X, y: 0 });
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const p = placed[i]!;
        const q = placed[j]!;
        expect(Math.abs(p.x - q.x) >= CARD_W || Math.abs(p.y - q.y) >= CARD_H).toBe(true);
      }
  });

  it('takes the nearest slot where the card fits, within a few rings, else the nearest free one', () => {
    const grid = new SlotGrid();
    expect(grid.place({ x: 0, y: 0 }, (slot) => slot.x >= 2 * GRID_X)).toEqual({ x: 2 * GRID_X, y: 0 });
    // Nowhere within reach fits: the nearest free slot, not one 100 rings away.
    expect(grid.place({ x: 0, y: 0 }, (slot) => slot.x >= 100 * GRID_X)).toEqual({ x: 0, y: 0 });
  });
});

describe('GroupBoxes', () => {
  it("fits a card where its group's grown box overlaps no other group's box", () => {
    const boxes = new GroupBoxes();
    boxes.add('a', { x: 0, y: 0 });
    // Beside a's card (boxes keep a gap), straight under it (boxes taller than a row overlap).
    expect(boxes.fits('b', { x: GRID_X, y: 0 })).toBe(true);
    expect(boxes.fits('b', { x: 0, y: GRID_Y })).toBe(false);
    expect(boxes.fits('b', { x: 0, y: 2 * GRID_Y })).toBe(true);
    // A group may grow next to its own cards.
    expect(boxes.fits('a', { x: 0, y: GRID_Y })).toBe(true);
    boxes.add('b', { x: 2 * GRID_X, y: 0 });
    // a growing to the right would now cover b's box.
    expect(boxes.fits('a', { x: 3 * GRID_X, y: 0 })).toBe(false);
  });
});
