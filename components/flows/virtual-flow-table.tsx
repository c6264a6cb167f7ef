'use client';
// A virtualized flow table: fixed row height, only the rows in view (plus a small overscan) exist in
// the DOM, so 100,000 rows scroll like 50. When new rows arrive on top while the reader is scrolled
// down, the scroll position moves with them so the rows being read stay put.
import {
  type CSSProperties,
  type KeyboardEvent,
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { endpointText, flowTimeText, l7Text, policyNames, protocolText, tcpFlagsText } from './flow-format';
import type { FlowRow } from './flow-rows';
import { VerdictBadge } from './flow-tail-table';
import styles from './flows.module.css';

export const ROW_HEIGHT = 30;
const OVERSCAN = 12;
/** More than the rows one screen plus overscan can ever hold. */
const ROW_SLOTS = 512;

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

interface RowViewProps {
  readonly row: FlowRow;
  readonly index: number;
  readonly selected: boolean;
  readonly onSelect: (row: FlowRow) => void;
}

const RowView = memo(function RowView({ row, index, selected, onSelect }: RowViewProps) {
  const { flow } = row;
  const { protocol, port } = protocolText(flow);
  const source = endpointText(flow.source, flow.IP?.source, flow.source_names);
  const destination = endpointText(flow.destination, flow.IP?.destination, flow.destination_names);
  const l7 = l7Text(flow);
  // L3/L4 flows have no L7 line; their TCP flags are what Hubble's own summary shows instead.
  const flags = l7 === '' ? tcpFlagsText(flow) : '';
  const policies = policyNames(flow).join(', ');
  const dropped = flow.verdict === 'DROPPED';
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="flow-row"
      className={`${styles.row} ${selected ? styles.selected : ''} ${dropped ? styles.droppedRow : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      onClick={() => onSelect(row)}
    >
      <td className={styles.mono} title={flow.time}>
        {flowTimeText(flow.time)}
      </td>
      <td title={source}>{source}</td>
      <td title={destination}>{destination}</td>
      <td className={styles.mono}>{port !== undefined ? `${port}/${protocol}` : protocol}</td>
      <td title={l7 || flags}>{l7 || (flags ? <span className={styles.muted}>{flags}</span> : null)}</td>
      <td>
        <VerdictBadge verdict={flow.verdict} />
      </td>
      <td className={styles.muted} title={flow.drop_reason_desc}>
        {dropped ? (flow.drop_reason_desc ?? '') : ''}
      </td>
      <td className={styles.muted} title={flow.node_name}>
        {flow.node_name ?? ''}
      </td>
      <td className={styles.muted} title={policies}>
        {policies}
      </td>
    </tr>
  );
});

export interface VirtualFlowTableProps {
  readonly rows: readonly FlowRow[];
  /** Monotonic count of rows added on top (RowsState.prepended). */
  readonly prepended: number;
  readonly selectedId?: number;
  readonly onSelect: (row: FlowRow | undefined) => void;
  readonly empty: string;
}

export function VirtualFlowTable({ rows, prepended, selectedId, onSelect, empty }: VirtualFlowTableProps) {
  const scroller = useRef<HTMLTableSectionElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const lastPrepended = useRef(prepended);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Before paint: shift by the rows that arrived above, unless the reader is at the top (following).
  useLayoutEffect(() => {
    const added = prepended - lastPrepended.current;
    lastPrepended.current = prepended;
    const el = scroller.current;
    if (!el || added <= 0 || el.scrollTop <= 0) return;
    el.scrollTop += added * ROW_HEIGHT;
    setScrollTop(el.scrollTop);
  }, [prepended]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

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
        // The tbody's ::before takes this height, so the scrollbar spans every row while few exist.
        style={{ '--rows-height': `${rows.length * ROW_HEIGHT}px` } as CSSProperties}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table body takes arrow keys to move the selection
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="flow-scroller"
      >
        {rows.length === 0 ? (
          <tr className={styles.emptyRow}>
            <td>{empty}</td>
          </tr>
        ) : null}
        {visible.map((row, i) => (
          <RowView
            // Keyed by screen slot, not by flow: scrolling re-fills the same DOM rows instead of
            // unmounting and creating them, which is what keeps long jumps through 100k rows cheap.
            // biome-ignore lint/suspicious/noArrayIndexKey: slot keys are the point (see above)
            key={(first + i) % ROW_SLOTS}
            row={row}
            index={first + i}
            selected={row.id === selectedId}
            onSelect={onSelect}
          />
        ))}
      </tbody>
    </table>
  );
}
