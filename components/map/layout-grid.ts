// The last step of every layout: each newly placed card moves to the nearest free slot of one
// lattice a card plus a gap apart. The force simulation only has to get neighbourhoods right (cheap:
// few ticks, one collision pass); cards can then never overlap, and they line up. Pure.
import type { Point } from './layout-engine';

// A card (map-geometry CARD_W × CARD_H) plus a gap wide enough for edges to pass between cards.
export const GRID_X = 216;
export const GRID_Y = 92;

const key = (i: number, j: number) => `${i},${j}`;

export class SlotGrid {
  private readonly taken = new Set<string>();

  clear(): void {
    this.taken.clear();
  }

  /** Marks the slot under an already placed card as taken. */
  occupy(at: Point): void {
    this.taken.add(key(Math.round(at.x / GRID_X), Math.round(at.y / GRID_Y)));
  }

  /** The centre of the free slot nearest to `at` (which is then taken). */
  place(at: Point): Point {
    // `|| 0`: no -0 slots.
    const ci = Math.round(at.x / GRID_X) || 0;
    const cj = Math.round(at.y / GRID_Y) || 0;
    for (let ring = 0; ring < 1000; ring++) {
      let best: { i: number; j: number; d: number } | undefined;
      // The slots on the square ring `ring` slots away, nearest (in real distance) first.
      for (let i = ci - ring; i <= ci + ring; i++) {
        for (let j = cj - ring; j <= cj + ring; j++) {
          if (Math.max(Math.abs(i - ci), Math.abs(j - cj)) !== ring) continue;
          if (this.taken.has(key(i, j))) continue;
          const d = (i * GRID_X - at.x) ** 2 + (j * GRID_Y - at.y) ** 2;
          if (!best || d < best.d) best = { i, j, d };
        }
      }
      if (best) {
        this.taken.add(key(best.i, best.j));
        return { x: best.i * GRID_X, y: best.j * GRID_Y };
      }
    }
    // Unreachable with fewer than a few million cards.
    return at;
  }
}
