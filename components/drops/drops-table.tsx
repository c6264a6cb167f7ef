'use client';
import styles from './drops.module.css';
import { ago, type DropGroupWire, nodesText, portText, reasonHint, reasonKind } from './drops-format';
import { Sparkline } from './sparkline';

interface Props {
  groups: readonly DropGroupWire[];
  now: string;
  selected: string | undefined;
  onSelect(key: string): void;
}

export function ReasonBadge({ group }: { group: Pick<DropGroupWire, 'reason' | 'reasonClass'> }) {
  return (
    <span
      className={`${styles.reason} ${styles[reasonKind(group)]}`}
      title={`${group.reason}: ${reasonHint(group)}`}
    >
      {group.reason}
    </span>
  );
}

export function RouteText({
  group,
  full = false,
}: {
  group: Pick<DropGroupWire, 'source' | 'target'>;
  full?: boolean;
}) {
  const cls = full ? styles.endpointFull : styles.endpoint;
  return (
    <>
      <span className={cls} title={group.source}>
        {group.source}
      </span>
      <span className={styles.arrow} aria-hidden="true">
        →
      </span>
      <span className={cls} title={group.target}>
        {group.target}
      </span>
    </>
  );
}

export function DropsTable({ groups, now, selected, onSelect }: Props) {
  return (
    <table className={`grid ${styles.table}`} data-testid="drops-table">
      <colgroup>
        <col />
        <col style={{ width: 86 }} />
        <col style={{ width: 196 }} />
        <col style={{ width: 64 }} />
        <col style={{ width: 116 }} />
        <col style={{ width: 78 }} />
        <col style={{ width: 78 }} />
        <col style={{ width: 150 }} />
      </colgroup>
      <thead>
        <tr>
          <th>Source → destination</th>
          <th>Port</th>
          <th>Reason</th>
          <th className={styles.num}>Drops</th>
          <th>Trend</th>
          <th>Last seen</th>
          <th>First seen</th>
          <th>Nodes</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => {
          const isSelected = group.key === selected;
          return (
            <tr
              key={group.key}
              className={styles.row}
              aria-selected={isSelected}
              data-testid="drop-row"
              data-reason={group.reason}
              onClick={() => onSelect(group.key)}
            >
              <td>
                <button
                  type="button"
                  className={styles.route}
                  onClick={(event) => {
                    event.stopPropagation();
                    onSelect(group.key);
                  }}
                  aria-label={`Explain drops from ${group.source} to ${group.target} on ${portText(group)}: ${group.reason}`}
                >
                  <RouteText group={group} />
                </button>
              </td>
              <td className="mono">{portText(group)}</td>
              <td>
                <ReasonBadge group={group} />
              </td>
              <td
                className={`${styles.num} ${styles.count}`}
                title={`${group.total.toLocaleString()} since first seen`}
              >
                {group.count.toLocaleString()}
              </td>
              <td>
                <Sparkline
                  points={group.sparkline.points}
                  stepSeconds={group.sparkline.stepSeconds}
                  width={100}
                />
              </td>
              <td title={group.lastSeen}>{ago(group.lastSeen, now)}</td>
              <td title={group.firstSeen}>{ago(group.firstSeen, now)}</td>
              <td className="mono" title={group.nodes.map((n) => `${n.name}: ${n.count}`).join('\n')}>
                {nodesText(group, 1)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
