'use client';
// "Needs attention": the server's list of problems, worst first, each linking to the page that
// explains it. An empty list is stated plainly so a quiet screen is not mistaken for a broken one.
import Link from 'next/link';
import { StatusPill } from '../cluster/cluster-ui';
import type { AttentionItem } from '../cluster/cluster-wire';
import styles from './overview.module.css';

const AREA_LABEL: Readonly<Record<AttentionItem['area'], string>> = {
  traffic: 'traffic',
  certificates: 'certificates',
  volumes: 'volumes',
  ceph: 'ceph',
  nodes: 'nodes',
  hubble: 'hubble',
  kubernetes: 'kubernetes',
};

export function AttentionList({ items }: { items: readonly AttentionItem[] }) {
  return (
    <section className={`panel ${styles.attention}`} aria-label="Needs attention">
      <h2>
        Needs attention
        {items.length > 0 ? <span className={styles.count}>{items.length}</span> : null}
      </h2>
      {items.length === 0 ? (
        <div className={styles.allClear} data-testid="attention-clear">
          All clear: no certificate, volume, node or Hubble problems, and traffic errors are low.
        </div>
      ) : (
        <ul className={styles.items} data-testid="attention-list">
          {items.map((item) => (
            <li key={`${item.area}|${item.title}`} className={styles.item} data-severity={item.severity}>
              <StatusPill tone={item.severity === 'critical' ? 'crit' : 'warn'}>{item.severity}</StatusPill>
              <div className={styles.itemText}>
                <Link href={item.href} className={styles.itemTitle}>
                  {item.title}
                </Link>
                {item.detail ? <div className={styles.itemDetail}>{item.detail}</div> : null}
              </div>
              <span className={styles.area}>{AREA_LABEL[item.area]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
