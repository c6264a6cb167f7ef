// The last step of every layout: each newly placed card moves to a free slot of one lattice a card
// plus a gap apart, the nearest one where its group's box does not grow over another group's. The
// force simulation only has to get neighbourhoods right (cheap: few ticks, one collision pass);
// cards can then never overlap, they line up, and group boxes stay apart. Pure.
import type { Point } from './layout-engine';
import { type Box, boundsOf, GROUP_BOX_PADDING } from './map-geometry';

// A card (map-geometry CARD_W × CARD_H) plus a gap wide enough for edges to pass between cards.
export const GRID_X = 216;
export const GRID_Y = 92;

const key = (i: number, j: number) => `${i},${j}`;

const MAX_RINGS = 1000;
// How many rings past the nearest free slot place() looks for one where the card fits.
const FIT_SEARCH_RINGS = 4;

export class SlotGrid {
  private readonly taken = new Set<string>();

  clear(): void {
    this.taken.clear();
  }

  /** Marks the slot under an already placed card as taken. */
  occupy(at: Point): void {
    this.taken.add(key(Math.round(at.x / GRID_X), Math.round(at.y / GRID_Y)));
  }

  /**
   * The centre of the free slot nearest to `at` where `fits` holds (which is then taken). The search
   * goes a few rings past the nearest free slot at most, then settles for that one: a card stays
   * near where the layout wanted it.
   */
  place(at: Point, fits: (slot: Point) => boolean = () => true): Point {
    // `|| 0`: no -0 slots.
    const ci = Math.round(at.x / GRID_X) || 0;
    const cj = Math.round(at.y / GRID_Y) || 0;
    let nearestFree: { i: number; j: number } | undefined;
    let lastRing = MAX_RINGS;
    for (let ring = 0; ring <= lastRing; ring++) {
      let best: { i: number; j: number; d: number } | undefined;
      let bestFitting: { i: number; j: number; d: number } | undefined;
      // The slots on the square ring `ring` slots away, nearest (in real distance) first.
      for (let i = ci - ring; i <= ci + ring; i++) {
        for (let j = cj - ring; j <= cj + ring; j++) {
          if (Math.max(Math.abs(i - ci), Math.abs(j - cj)) !== ring) continue;
          if (this.taken.has(key(i, j))) continue;
          const d = (i * GRID_X - at.x) ** 2 + (j * GRID_Y - at.y) ** 2;
          if (!best || d < best.d) best = { i, j, d };
          if ((!bestFitting || d < bestFitting.d) && fits({ x: i * GRID_X, y: j * GRID_Y }))
            bestFitting = { i, j, d };
        }
      }
      if (bestFitting) return this.take(bestFitting.i, bestFitting.j);
      if (best && !nearestFree) {
        nearestFree = best;
        lastRing = ring + FIT_SEARCH_RINGS;
      }
    }
    // Unreachable without a free slot within MAX_RINGS (a few million cards).
    return nearestFree ? this.take(nearestFree.i, nearestFree.j) : at;
  }

  private take(i: number, j: number): Point {
    this.taken.add(key(i, j));
    return { x: i * GRID_X, y: j * GRID_Y };
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/**
 * The groups' boxes as the map draws them (map-geometry groupBoxes), kept up to date while cards
 * are placed, so a card can go where its group's box grows without covering another group's.
 */
export class GroupBoxes {
  private readonly boxes = new Map<string, Box>();

  add(group: string, at: Point): void {
    this.boxes.set(group, this.grown(group, at));
  }

  /** True when `group`'s box, grown to take a card at `at`, overlaps no other group's box. */
  fits(group: string, at: Point): boolean {
    const grown = this.grown(group, at);
    for (const [other, box] of this.boxes) if (other !== group && overlaps(grown, box)) return false;
    return true;
  }

  private grown(group: string, at: Point): Box {
    const card = boundsOf([at], GROUP_BOX_PADDING)!;
    const box = this.boxes.get(group);
    return box ? union(box, card) : card;
  }
}
