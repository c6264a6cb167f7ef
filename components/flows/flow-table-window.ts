// Which rows the virtual table renders, and in which DOM slot. Pure.
//
// The table owns a fixed pool of row slots (DOM rows). Row `i` always lives in slot `i % pool`, and
// the slots stay in the same DOM order: when the window moves by k rows, the k slots that scrolled
// out are refilled with the k rows that scrolled in (new text in existing elements), and no element
// is created, removed or moved. Creating and styling ~12 elements per new row was most of a frame.
//
// The overscan leans towards the scroll direction, sized by the speed: a row that scrolls into view
// has then been rendered one frame earlier, even for a fast fling (~30 rows per frame).

export const ROW_HEIGHT = 30;
/** Fewest rows rendered ahead of the viewport while scrolling. */
const MIN_AHEAD = 12;
/** Rows kept behind the viewport while scrolling. */
const MIN_BEHIND = 6;
/** Most rows rendered ahead of the viewport while scrolling fast. */
const MAX_AHEAD = 48;

export interface RowWindow {
  /** First row index rendered (inclusive). */
  readonly first: number;
  /** Row index after the last rendered (exclusive). */
  readonly last: number;
}

/** Rows that can be (partly) on screen at once for a viewport this tall. */
function onScreen(viewport: number): number {
  return Math.ceil(Math.max(0, viewport) / ROW_HEIGHT) + 1;
}

/** Number of row slots for a viewport this tall: constant while the viewport keeps its height. */
export function poolSize(viewport: number): number {
  return onScreen(viewport) + MIN_BEHIND + MAX_AHEAD;
}

/**
 * The rows to render for `scrollTop`. `velocity` is the last scroll step in rows (negative: up,
 * 0: idle). The window is always the full pool (or every row, when there are fewer), so scrolling
 * never mounts or unmounts a slot.
 */
export function rowWindow(scrollTop: number, viewport: number, total: number, velocity: number): RowWindow {
  const pool = poolSize(viewport);
  if (total <= pool) return { first: 0, last: total };
  const top = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT));
  const extra = pool - onScreen(viewport);
  const speed = Math.abs(velocity);
  const ahead = Math.min(extra - MIN_BEHIND, Math.max(MIN_AHEAD, 2 * speed + MIN_BEHIND));
  // Scrolling down, "ahead" is below the viewport; up, above it; idle, the overscan is split evenly.
  const before = velocity === 0 ? Math.floor(extra / 2) : velocity < 0 ? ahead : extra - ahead;
  const first = Math.min(total - pool, Math.max(0, top - before));
  return { first, last: first + pool };
}

/** The row index slot `slot` shows in `window`, or undefined when the slot is empty. */
export function slotRow(slot: number, window: RowWindow, pool: number): number | undefined {
  const offset = (((slot - window.first) % pool) + pool) % pool;
  const index = window.first + offset;
  return index < window.last ? index : undefined;
}
