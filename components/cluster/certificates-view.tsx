'use client';
// Certificates by urgency (expired, failing, expiring, pending, fine): when each expires, what it
// protects (Ingress / Gateway / routes → backend workloads) and the live traffic through those
// workloads, so "does this expiry matter right now?" has its answer on the same row.
import Link from 'next/link';
import { useState } from 'react';
import styles from './cluster.module.css';
import { EmptyState, KubeNotice, LoadError, PageHeader, StatusPill } from './cluster-ui';
import type { CertificateWithTraffic } from './cluster-wire';
import { formatCount, formatDate, formatDaysLeft, formatRate, formatRelative } from './format';
import { certificateTone, workloadMapHref } from './status';
import { useCertificates } from './use-cluster-data';

const WINDOWS = ['1m', '5m', '15m', '1h'] as const;
const STATUSES = ['expired', 'failed', 'expiring', 'pending', 'ok'] as const;

function ExpiryCell({ cert, now }: { cert: CertificateWithTraffic; now: number }) {
  const tone = certificateTone(cert.status);
  const cls = cert.status === 'expired' ? styles.critText : tone === 'warn' ? styles.warnText : '';
  return (
    <>
      <div className={`${styles.strong} ${cls}`}>{formatDaysLeft(cert.daysLeft)}</div>
      <div className={styles.sub}>{formatDate(cert.notAfter)}</div>
      {cert.renewalTime ? (
        Date.parse(cert.renewalTime) < now && cert.status !== 'ok' ? (
          <div className={`${styles.sub} ${styles.warnText}`} title={formatDate(cert.renewalTime)}>
            renewal due {formatRelative(cert.renewalTime, now)}
          </div>
        ) : (
          <div className={styles.sub} title={formatDate(cert.renewalTime)}>
            renews {formatRelative(cert.renewalTime, now)}
          </div>
        )
      ) : null}
    </>
  );
}

function ProtectsCell({ cert }: { cert: CertificateWithTraffic }) {
  return (
    <>
      <div className={styles.chips}>
        {cert.dnsNames.length === 0 ? <span className="muted">no DNS names</span> : null}
        {cert.dnsNames.map((d) => (
          <span key={d} className={styles.chip} title={d}>
            {d}
          </span>
        ))}
      </div>
      {cert.usedBy.length === 0 ? (
        <div className={styles.sub}>not referenced by any Ingress or Gateway</div>
      ) : (
        cert.usedBy.map((u) => (
          <div key={`${u.kind}/${u.namespace}/${u.name}`} className={styles.sub}>
            {u.kind} {u.namespace}/{u.name}
          </div>
        ))
      )}
    </>
  );
}

function TrafficCell({ cert }: { cert: CertificateWithTraffic }) {
  const t = cert.traffic;
  if (cert.services.length === 0) return <span className="muted">no backends</span>;
  return (
    <>
      <div className={styles.strong} data-testid="cert-rate">
        {formatRate(t.flowsPerSecond)}
      </div>
      <div className={styles.sub}>
        {formatCount(t.flows)} flows / {t.window}
      </div>
      {t.httpRequests > 0 ? (
        <div className={styles.sub}>
          {formatCount(t.httpRequests)} HTTP req
          {t.http5xx > 0 ? <span className={styles.critText}> · {formatCount(t.http5xx)} 5xx</span> : null}
        </div>
      ) : null}
    </>
  );
}

function ReasonCell({ cert, now }: { cert: CertificateWithTraffic; now: number }) {
  return (
    <div style={{ maxWidth: 380 }}>
      {cert.reason ? <div className={styles.strong}>{cert.reason}</div> : null}
      {cert.message ? <div className={styles.sub}>{cert.message}</div> : null}
      {cert.failedIssuanceAttempts > 0 ? (
        <div className={`${styles.sub} ${styles.critText}`}>
          {cert.failedIssuanceAttempts} failed issuance attempt{cert.failedIssuanceAttempts === 1 ? '' : 's'}
          {cert.lastFailureTime ? `, last ${formatRelative(cert.lastFailureTime, now)}` : ''}
        </div>
      ) : null}
      {!cert.reason && !cert.message ? <span className="muted">—</span> : null}
    </div>
  );
}

function CertificateRow({ cert, now }: { cert: CertificateWithTraffic; now: number }) {
  return (
    <tr data-testid="cert-row" data-cert={`${cert.namespace}/${cert.name}`} data-status={cert.status}>
      <td>
        <StatusPill tone={certificateTone(cert.status)}>{cert.status}</StatusPill>
        <div className={styles.sub}>{cert.ready ? 'Ready' : 'not Ready'}</div>
      </td>
      <td>
        <div className={styles.strong}>
          {cert.namespace}/{cert.name}
        </div>
        <div className={styles.sub}>secret {cert.secretName ?? '—'}</div>
      </td>
      <td className={styles.nowrap}>
        <ExpiryCell cert={cert} now={now} />
      </td>
      <td className={styles.nowrap}>
        <div>{cert.issuer.name}</div>
        <div className={styles.sub}>{cert.issuer.kind}</div>
      </td>
      <td style={{ maxWidth: 320 }}>
        <ProtectsCell cert={cert} />
      </td>
      <td>
        <div className={styles.chips}>
          {cert.services.length === 0 ? <span className="muted">—</span> : null}
          {cert.services.map((id) => (
            <Link key={id} href={workloadMapHref(id)} className={styles.chip} title="Show on the service map">
              {id}
            </Link>
          ))}
        </div>
      </td>
      <td className={styles.nowrap}>
        <TrafficCell cert={cert} />
      </td>
      <td>
        <ReasonCell cert={cert} now={now} />
      </td>
    </tr>
  );
}

export function CertificatesView() {
  const [trafficWindow, setTrafficWindow] = useState<(typeof WINDOWS)[number]>('5m');
  const { data, error } = useCertificates(trafficWindow);
  const now = Date.now();
  const counts = new Map<string, number>();
  for (const c of data?.certificates ?? []) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return (
    <>
      <PageHeader
        title="Certificates"
        pills={STATUSES.filter((s) => counts.get(s)).map((s) => (
          <StatusPill key={s} tone={certificateTone(s)}>
            {counts.get(s)} {s}
          </StatusPill>
        ))}
        right={
          <label className="row" style={{ gap: 6 }}>
            traffic window
            <select
              value={trafficWindow}
              onChange={(e) => setTrafficWindow(e.target.value as (typeof WINDOWS)[number])}
            >
              {WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
        }
      />
      {error ? <LoadError error={error} /> : null}
      {data ? <KubeNotice kube={data.kube} /> : null}
      <section className="panel" aria-label="Certificates">
        {!data ? (
          <EmptyState title="Loading certificates…" />
        ) : !data.kube.configured ? (
          <EmptyState title="No cluster connected" />
        ) : !data.installed ? (
          <EmptyState title="cert-manager is not installed" testId="certs-not-installed">
            This cluster does not serve <code>certificates.cert-manager.io</code>. Skymap checks again every
            30 s and shows certificates as soon as cert-manager is installed.
          </EmptyState>
        ) : data.certificates.length === 0 ? (
          <EmptyState title="No certificates">
            cert-manager is installed but manages no Certificate objects.
          </EmptyState>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table className={styles.table} data-testid="certificates-table">
              <thead>
                <tr>
                  <th>Status</th>
                  <th>Certificate</th>
                  <th>Expires</th>
                  <th>Issuer</th>
                  <th>Protects</th>
                  <th>Backends</th>
                  <th>Traffic now</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {data.certificates.map((c) => (
                  <CertificateRow key={`${c.namespace}/${c.name}`} cert={c} now={now} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
