'use client';
// A virtualized flow table: fixed row height, only the rows near the viewport exist in the DOM, in a
// fixed pool of recycled row slots (flow-table-window.ts), so 100,000 rows scroll like 80. When new
// rows arrive on top while the reader is scrolled down, the scroll position moves with them so the
// rows being read stay put.
import { type KeyboardEvent, type PointerEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { FlowRow } from './flow-rows';
import { cellTitle, FlowTableRow } from './flow-table-row';
import { poolSize, ROW_HEIGHT, type RowWindow, rowWindow, slotRow } from './flow-table-window';
import styles from './flows.module.css';

export { ROW_HEIGHT } from './flow-table-window';

const COLUMNS = [
  'Time (UTC)',
  'Source',
  'Destination',
  'Port',
  'L7 / TCP flags',
  'Verdict',
  'Drop reason',
  'Node',
  'Policy',
] as const;

interface ScrollState {
  readonly top: number;
  /** Last scroll step in rows: its sign and size steer the overscan. */
  readonly velocity: number;
}

export interface VirtualFlowTableProps {
  readonly rows: readonly FlowRow[];
  /** Monotonic count of rows added on top (RowsState.prepended). */
  readonly prepended: number;
  readonly selectedId?: number;
  readonly onSelect: (row: FlowRow | undefined) => void;
  readonly empty: string;
}

function sameWindow(a: RowWindow, b: RowWindow): boolean {
  return a.first === b.first && a.last === b.last;
}

export function VirtualFlowTable({ rows, prepended, selectedId, onSelect, empty }: VirtualFlowTableProps) {
  const scroller = useRef<HTMLTableSectionElement>(null);
  const [scroll, setScroll] = useState<ScrollState>({ top: 0, velocity: 0 });
  const [viewport, setViewport] = useState(600);
  const lastPrepended = useRef(prepended);

  const window = rowWindow(scroll.top, viewport, rows.length, scroll.velocity);
  const pool = poolSize(viewport);
  // What the native scroll listener compares against, without re-subscribing on every render.
  const latest = useRef({ window, viewport, total: rows.length, scroll });
  latest.current = { window, viewport, total: rows.length, scroll };

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let lastTop = el.scrollTop;
    const onScroll = () => {
      const top = el.scrollTop;
      const velocity = (top - lastTop) / ROW_HEIGHT;
      lastTop = top;
      const now = latest.current;
      const next = rowWindow(top, now.viewport, now.total, velocity === 0 ? now.scroll.velocity : velocity);
      // Most scroll events within a row change nothing; the rest render right here, inside the
      // event, so the frame being drawn shows the rows for its own scroll position.
      if (sameWindow(next, now.window)) return;
      flushSync(() => setScroll({ top, velocity: velocity === 0 ? now.scroll.velocity : velocity }));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  // Before paint: shift by the rows that arrived above, unless the reader is at the top (following).
  useLayoutEffect(() => {
    const added = prepended - lastPrepended.current;
    lastPrepended.current = prepended;
    const el = scroller.current;
    if (!el || added <= 0 || el.scrollTop <= 0) return;
    el.scrollTop += added * ROW_HEIGHT;
    setScroll((s) => ({ top: el.scrollTop, velocity: s.velocity }));
  }, [prepended]);

  // Titles are set on the cell under the pointer, when it is there (see flow-table-row.tsx).
  const onPointerMove = (event: PointerEvent<HTMLTableSectionElement>) => {
    const cell = (event.target as Element).closest('td');
    const tr = cell?.parentElement;
    if (!cell || !tr || tr.dataset.testid !== 'flow-row') return;
    const row = rows[Number(tr.getAttribute('aria-rowindex')) - 2];
    if (!row) return;
    const title = cellTitle(row, cell.cellIndex);
    if (cell.title !== title) cell.title = title;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key === 'Escape') {
      onSelect(undefined);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const current = selectedId === undefined ? -1 : rows.findIndex((r) => r.id === selectedId);
    const next = Math.min(rows.length - 1, Math.max(0, current + (event.key === 'ArrowDown' ? 1 : -1)));
    const row = rows[next];
    if (!row) return;
    onSelect(row);
    const el = scroller.current;
    if (!el) return;
    const top = next * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  // Slots in a fixed DOM order; each shows the row of its residue class inside the window.
  const slots = [];
  for (let slot = 0; slot < Math.min(pool, rows.length); slot++) {
    const index = slotRow(slot, window, pool);
    const row = index === undefined ? undefined : rows[index];
    if (index === undefined || row === undefined) continue;
    slots.push(
      <FlowTableRow
        key={slot}
        row={row}
        index={index}
        selected={row.id === selectedId}
        onSelect={onSelect}
      />,
    );
  }

  return (
    <table
      aria-label="Flows"
      aria-rowcount={rows.length + 1}
      className={styles.table}
      data-testid="flow-table"
    >
      <thead className={styles.head}>
        <tr className={styles.row}>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody
        ref={scroller}
        className={styles.scroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table body takes arrow keys to move the selection
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerMove={onPointerMove}
        data-testid="flow-scroller"
      >
        {/* Gives the scroller every row's height, so the scrollbar spans all rows while few exist. */}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row, never focusable */}
        <tr aria-hidden="true" className={styles.spacer} style={{ height: rows.length * ROW_HEIGHT }} />
        {rows.length === 0 ? (
          <tr className={styles.emptyRow}>
            <td>{empty}</td>
          </tr>
        ) : null}
        {slots}
      </tbody>
    </table>
  );
}
