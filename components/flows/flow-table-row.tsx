'use client';
// One row of the virtual flow table. Its DOM stays put while the table recycles it for another flow
// (see flow-table-window.ts): what changes is text, titles, a few classes and the transform, all
// cheap to restyle. Display strings come from flowRowText, computed once per flow. Cells carry no
// title attribute: changing one restyles the cell (the UA sheet has `abbr[title]`), ten cells per
// recycled row; the table sets the title of the cell under the pointer instead (cellTitle).
import { memo } from 'react';
import { flowRowText } from './flow-row-text';
import type { FlowRow } from './flow-rows';
import { ROW_HEIGHT } from './flow-table-window';
import styles from './flows.module.css';

export interface FlowTableRowProps {
  readonly row: FlowRow;
  readonly index: number;
  readonly selected: boolean;
  readonly onSelect: (row: FlowRow) => void;
}

function verdictClass(verdict: string): string {
  return verdict === 'FORWARDED' || verdict === 'DROPPED' ? `verdict-${verdict}` : 'verdict-other';
}

export const FlowTableRow = memo(function FlowTableRow({
  row,
  index,
  selected,
  onSelect,
}: FlowTableRowProps) {
  const t = flowRowText(row.flow);
  let className = styles.row;
  if (selected) className += ` ${styles.selected}`;
  if (t.dropped) className += ` ${styles.droppedRow}`;
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="flow-row"
      className={className}
      style={{ top: index * ROW_HEIGHT }}
      onClick={() => onSelect(row)}
    >
      <td className={styles.mono}>{t.time}</td>
      <td>{t.source}</td>
      <td>{t.destination}</td>
      <td className={styles.mono}>{t.port}</td>
      <td className={t.l7IsFlags ? styles.muted : undefined}>{t.l7}</td>
      <td>
        <span className={`verdict ${verdictClass(t.verdict)}`}>{t.verdict}</span>
      </td>
      <td className={styles.muted}>{t.dropReason}</td>
      <td className={styles.muted}>{t.node}</td>
      <td className={styles.muted}>{t.policies}</td>
    </tr>
  );
});

/** Hover text of column `column` of `row`: the full text (cells truncate), the full timestamp for time. */
export function cellTitle(row: FlowRow, column: number): string {
  const t = flowRowText(row.flow);
  switch (column) {
    case 0:
      return row.flow.time ?? '';
    case 1:
      return t.source;
    case 2:
      return t.destination;
    case 4:
      return t.l7;
    case 6:
      return t.dropReason;
    case 7:
      return t.node;
    case 8:
      return t.policies;
    default:
      return '';
  }
}
