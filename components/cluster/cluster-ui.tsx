// Small building blocks shared by the cluster pages and the overview.
import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './cluster.module.css';
import type { KubeSummary } from './cluster-wire';
import type { Tone } from './status';

const TILE_TONE: Readonly<Record<Tone, string | undefined>> = {
  crit: styles.tileCrit,
  warn: styles.tileWarn,
  ok: styles.tileOk,
  info: styles.tileInfo,
  muted: styles.tileMuted,
};

export function StatusPill({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`${styles.pill} ${styles[tone]}`} title={title} data-tone={tone}>
      {children}
    </span>
  );
}

export interface TileProps {
  label: string;
  value: ReactNode;
  unit?: string;
  sub?: ReactNode;
  tone: Tone;
  href?: string;
  testId?: string;
  corner?: ReactNode;
}

export function Tile({ label, value, unit, sub, tone, href, testId, corner }: TileProps) {
  const body = (
    <>
      <div className={styles.tileLabel}>
        <span>{label}</span>
        {corner}
      </div>
      <div className={styles.tileValue} data-testid={testId}>
        {value}
        {unit ? <span className={styles.tileUnit}>{unit}</span> : null}
      </div>
      <div className={styles.tileSub}>{sub}</div>
    </>
  );
  const className = `${styles.tile} ${TILE_TONE[tone] ?? ''}`;
  return href ? (
    <Link
      href={href}
      className={className}
      data-tone={tone}
      data-testid={testId ? `${testId}-tile` : undefined}
    >
      {body}
    </Link>
  ) : (
    <div className={className} data-tone={tone}>
      {body}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  testId,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={styles.empty} data-testid={testId}>
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function Notice({
  tone = 'info',
  children,
  testId,
}: {
  tone?: 'info' | 'warn' | 'crit';
  children: ReactNode;
  testId?: string;
}) {
  const extra = tone === 'warn' ? styles.noticeWarn : tone === 'crit' ? styles.noticeCrit : '';
  return (
    <div
      className={`${styles.notice} ${extra}`}
      role={tone === 'info' ? 'note' : 'alert'}
      data-testid={testId}
    >
      {children}
    </div>
  );
}

/**
 * What the Kubernetes side says before the data can be trusted: not configured, still listing, or
 * watches failing (e.g. RBAC). Renders nothing when all is well.
 */
export function KubeNotice({ kube }: { kube: KubeSummary }) {
  if (!kube.configured) {
    return (
      <Notice tone="warn" testId="kube-not-configured">
        No Kubernetes API is configured, so there is no cluster data. Set <code>KUBECONFIG</code> (or run
        Skymap in a pod with a service account) to see certificates, volumes and nodes.
      </Notice>
    );
  }
  return (
    <>
      {kube.synced ? null : <Notice testId="kube-syncing">Listing objects from the Kubernetes API…</Notice>}
      {kube.errors.length > 0 ? (
        <Notice tone="warn" testId="kube-errors">
          Some Kubernetes watches are failing; what they feed may be stale or missing. Retrying with backoff.
          <ul>
            {kube.errors.map((e) => (
              <li key={e.resource}>
                <code>{e.resource}</code>: {e.error}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </>
  );
}

export function LoadError({ error }: { error: unknown }) {
  return (
    <Notice tone="crit" testId="load-error">
      Could not load data: {error instanceof Error ? error.message : String(error)}. Retrying.
    </Notice>
  );
}

export function PageHeader({ title, pills, right }: { title: string; pills?: ReactNode; right?: ReactNode }) {
  return (
    <div className={styles.header}>
      <h1>{title}</h1>
      {pills ? <div className={styles.headerPills}>{pills}</div> : null}
      {right ? <div className={styles.headerRight}>{right}</div> : null}
    </div>
  );
}
