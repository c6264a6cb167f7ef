import styles from './drops.module.css';
import { ago } from './drops-format';

interface LostEntry {
  node: string;
  source: string;
  count: number;
  last: string;
}

/** Relay said events were lost: drop counts may be short, and the page must say so. */
export function LostNotice({ lost, now }: { lost: readonly LostEntry[]; now: string }) {
  if (lost.length === 0) return null;
  const total = lost.reduce((n, l) => n + l.count, 0);
  return (
    <div className={styles.notice} role="status" data-testid="lost-notice">
      <strong>
        Hubble lost {total.toLocaleString()} event{total === 1 ? '' : 's'}: drop counts may be incomplete.
      </strong>
      <ul>
        {lost.slice(0, 8).map((l) => (
          <li key={`${l.node}\u0000${l.source}`}>
            {l.count.toLocaleString()} on <span className="mono">{l.node}</span>{' '}
            <span className="muted">
              ({l.source}, last {ago(l.last, now)})
            </span>
          </li>
        ))}
        {lost.length > 8 ? <li className="muted">and {lost.length - 8} more node/source pairs</li> : null}
      </ul>
    </div>
  );
}
