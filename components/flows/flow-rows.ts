// The explorer's client-side flow list: newest first, bounded, with a side buffer while paused so
// nothing that arrives meanwhile is lost (up to the same bound). Pure state transitions; the hook
// wraps them in a LiveStore.
import type { Flow } from '../../server/domain/flow';

/** Most rows the browser keeps (and the table scrolls through). */
export const MAX_ROWS = 100_000;

export interface FlowRow {
  /** Client-side identity: stable while the row exists, unique per page load. */
  readonly id: number;
  readonly flow: Flow;
}

export interface RowsState {
  readonly rows: readonly FlowRow[];
  /** Arrived while paused, newest first. */
  readonly pending: readonly FlowRow[];
  readonly paused: boolean;
  /** Rows ever put on top of `rows`; the table uses the difference to keep its scroll anchor. */
  readonly prepended: number;
  /** Rows that fell off the bottom (or out of the pause buffer) because of MAX_ROWS. */
  readonly evicted: number;
}

export const EMPTY_ROWS: RowsState = { rows: [], pending: [], paused: false, prepended: 0, evicted: 0 };

let nextId = 1;

export function toRows(flows: readonly Flow[]): FlowRow[] {
  return flows.map((flow) => ({ id: nextId++, flow }));
}

function capped(rows: FlowRow[], max: number): { rows: FlowRow[]; evicted: number } {
  if (rows.length <= max) return { rows, evicted: 0 };
  const evicted = rows.length - max;
  rows.length = max;
  return { rows, evicted };
}

/** Newest-first `fresh` flows arrive: on top of the table, or into the pause buffer. */
export function addNewest<S extends RowsState>(state: S, fresh: readonly FlowRow[], max = MAX_ROWS): S {
  if (fresh.length === 0) return state;
  if (state.paused) {
    const next = capped(fresh.concat(state.pending), max);
    return { ...state, pending: next.rows, evicted: state.evicted + next.evicted };
  }
  const next = capped(fresh.concat(state.rows), max);
  return {
    ...state,
    rows: next.rows,
    prepended: state.prepended + fresh.length,
    evicted: state.evicted + next.evicted,
  };
}

/** History (older than everything shown), newest first, goes below. */
export function addOlder<S extends RowsState>(state: S, older: readonly FlowRow[], max = MAX_ROWS): S {
  if (older.length === 0) return state;
  const next = capped(state.rows.concat(older), max);
  return { ...state, rows: next.rows, evicted: state.evicted + next.evicted };
}

export function pause<S extends RowsState>(state: S): S {
  return state.paused ? state : { ...state, paused: true };
}

/** Applies everything buffered while paused, in order. */
export function resume<S extends RowsState>(state: S, max = MAX_ROWS): S {
  if (!state.paused) return state;
  const unpaused: S = { ...state, paused: false, pending: [] };
  return addNewest(unpaused, state.pending, max);
}

export function clearRows<S extends RowsState>(state: S): S {
  return { ...state, rows: [], pending: [] };
}
