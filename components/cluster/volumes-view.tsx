'use client';
// Storage health: Longhorn volumes worst first (which claim, which workloads, how many replicas are
// healthy) and each Ceph cluster's health with every health check Ceph reports, capacity and pools.
import Link from 'next/link';
import styles from './cluster.module.css';
import { EmptyState, KubeNotice, LoadError, PageHeader, StatusPill } from './cluster-ui';
import type { CephClusterView, CephPoolView, LonghornVolumeView, VolumesResponse } from './cluster-wire';
import { formatBytes, formatDate, formatPercent, formatRelative } from './format';
import { NamespaceModeNotice, ScopeNotice } from './scope-notices';
import { cephTone, robustnessTone, sortVolumes, type Tone, workloadMapHref } from './status';
import { useVolumes } from './use-cluster-data';

function ReplicaBar({ healthy, desired }: { healthy: number | null; desired: number | null }) {
  if (healthy === null || desired === null || desired <= 0) return <span className="muted">—</span>;
  const ratio = Math.max(0, Math.min(1, healthy / desired));
  const tone = healthy === 0 ? styles.barCrit : healthy < desired ? styles.barWarn : '';
  return (
    <div className="row" style={{ gap: 8, flexWrap: 'nowrap' }}>
      <span className={styles.num}>
        {healthy}/{desired}
      </span>
      <div className={styles.bar} style={{ width: 70 }}>
        <div className={`${styles.barFill} ${tone}`} style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}

function WorkloadChips({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return <span className="muted">none running</span>;
  return (
    <div className={styles.chips}>
      {ids.map((id) => (
        <Link
          key={id}
          href={workloadMapHref(id)}
          className={styles.chip}
          title={`${id}: show on the service map`}
        >
          {id}
        </Link>
      ))}
    </div>
  );
}

function LonghornRow({ v }: { v: LonghornVolumeView }) {
  return (
    <tr data-testid="volume-row" data-robustness={v.robustness}>
      <td>
        <StatusPill tone={robustnessTone(v.robustness)}>{v.robustness}</StatusPill>
      </td>
      <td>
        <div className={styles.strong}>{v.pvc ? `${v.pvc.namespace}/${v.pvc.name}` : v.name}</div>
        <div className={`${styles.sub} mono`}>{v.pvc ? v.name : 'no claim bound'}</div>
      </td>
      <td>
        <WorkloadChips ids={v.workloads} />
      </td>
      <td>{v.state ?? '—'}</td>
      <td>
        <ReplicaBar healthy={v.replicas.healthy} desired={v.replicas.desired} />
      </td>
      <td className={styles.num}>{formatBytes(v.size)}</td>
      <td className="mono">{v.node ?? <span className="muted">—</span>}</td>
    </tr>
  );
}

function LonghornSection({ longhorn }: { longhorn: VolumesResponse['longhorn'] }) {
  const volumes = sortVolumes(longhorn.volumes);
  return (
    <section className="panel" aria-label="Longhorn volumes">
      <h2>Longhorn volumes</h2>
      {!longhorn.installed ? (
        <EmptyState title="Longhorn is not installed" testId="longhorn-not-installed">
          This cluster does not serve <code>volumes.longhorn.io</code>.
        </EmptyState>
      ) : volumes.length === 0 ? (
        <EmptyState title="No Longhorn volumes" />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className={styles.table} data-testid="longhorn-table">
            <thead>
              <tr>
                <th>Robustness</th>
                <th>Claim / volume</th>
                <th>Workloads</th>
                <th>State</th>
                <th>Healthy replicas</th>
                <th className={styles.num}>Size</th>
                <th>Attached to</th>
              </tr>
            </thead>
            <tbody>
              {volumes.map((v) => (
                <LonghornRow key={v.name} v={v} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function severityTone(severity: string): Tone {
  if (severity === 'HEALTH_ERR') return 'crit';
  if (severity === 'HEALTH_WARN') return 'warn';
  return 'muted';
}

function Capacity({ capacity }: { capacity: CephClusterView['capacity'] }) {
  if (capacity === null || capacity.bytesTotal === null || capacity.bytesUsed === null) {
    return <span className="muted">capacity not reported</span>;
  }
  const ratio = capacity.bytesTotal > 0 ? capacity.bytesUsed / capacity.bytesTotal : 0;
  // Ceph's own defaults: nearfull at 85 %, full at 95 %.
  const tone = ratio >= 0.95 ? styles.barCrit : ratio >= 0.85 ? styles.barWarn : '';
  return (
    <div style={{ minWidth: 220 }}>
      <div className="row" style={{ justifyContent: 'space-between', fontSize: 12.5 }}>
        <span>
          <strong>{formatPercent(ratio)}</strong> used
        </span>
        <span className="muted">
          {formatBytes(capacity.bytesUsed)} of {formatBytes(capacity.bytesTotal)}
        </span>
      </div>
      <div className={styles.bar} style={{ marginTop: 4, height: 8 }}>
        <div className={`${styles.barFill} ${tone}`} style={{ width: `${Math.min(1, ratio) * 100}%` }} />
      </div>
    </div>
  );
}

function CephCluster({ c, now }: { c: CephClusterView; now: number }) {
  return (
    <div className="panel" style={{ background: 'var(--panel-2)' }} data-testid="ceph-cluster">
      <div className="row" style={{ alignItems: 'flex-start', gap: 24 }}>
        <div className={styles.cephHead}>
          <div className={styles.sub}>
            CephCluster {c.namespace}/{c.name}
          </div>
          <div style={{ marginTop: 4 }}>
            <StatusPill tone={cephTone(c.health, c.stale)}>{c.health ?? 'health not reported'}</StatusPill>
            {c.stale ? (
              <span style={{ marginLeft: 6 }}>
                <StatusPill tone="warn">stale</StatusPill>
              </span>
            ) : null}
          </div>
          <div className={styles.sub} style={{ marginTop: 6 }}>
            phase {c.phase ?? '—'} · checked {formatRelative(c.lastChecked, now)}
          </div>
        </div>
        <Capacity capacity={c.capacity} />
        <div className="grow">
          <div className={styles.sub}>Workloads on Ceph volumes</div>
          <div style={{ marginTop: 4 }}>
            <WorkloadChips ids={c.workloads} />
          </div>
        </div>
      </div>
      {c.details.length > 0 ? (
        <table
          className={`${styles.table} ${styles.fixed}`}
          style={{ marginTop: 10 }}
          data-testid="ceph-details"
        >
          <thead>
            <tr>
              <th style={{ width: 150 }}>Severity</th>
              <th style={{ width: 220 }}>Check</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {c.details.map((d) => (
              <tr key={d.code}>
                <td>
                  <StatusPill tone={severityTone(d.severity)}>{d.severity}</StatusPill>
                </td>
                <td className="mono">
                  <span className={styles.ellipsis} title={d.code}>
                    {d.code}
                  </span>
                </td>
                <td>
                  <div className={styles.clamp} title={d.message.slice(0, 2000)}>
                    {d.message}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {c.problems.length > 0 && c.details.length === 0 ? (
        <ul style={{ margin: '8px 0 0', paddingLeft: 18 }}>
          {c.problems.map((p) => (
            <li key={p} className={styles.clamp}>
              {p}
            </li>
          ))}
        </ul>
      ) : null}
      {c.lastChecked ? (
        <div className={styles.sub} style={{ marginTop: 6 }}>
          last health check {formatDate(c.lastChecked)}
        </div>
      ) : null}
    </div>
  );
}

function PoolsTable({ pools }: { pools: readonly CephPoolView[] }) {
  if (pools.length === 0) return null;
  return (
    <table className={styles.table} style={{ marginTop: 12 }} aria-label="Ceph pools">
      <thead>
        <tr>
          <th>Pool</th>
          <th>Kind</th>
          <th>Phase</th>
          <th>Type</th>
          <th>Failure domain</th>
        </tr>
      </thead>
      <tbody>
        {pools.map((p) => (
          <tr key={`${p.kind}/${p.namespace}/${p.name}`}>
            <td className={styles.strong}>
              {p.namespace}/{p.name}
            </td>
            <td>{p.kind}</td>
            <td>
              <StatusPill tone={p.phase === 'Ready' ? 'ok' : p.phase === null ? 'muted' : 'warn'}>
                {p.phase ?? 'unknown'}
              </StatusPill>
            </td>
            <td>{p.type ?? '—'}</td>
            <td>{p.failureDomain ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CephSection({ ceph, now }: { ceph: VolumesResponse['ceph']; now: number }) {
  return (
    <section className="panel" aria-label="Ceph" id="ceph">
      <h2>Ceph (Rook)</h2>
      {!ceph.installed ? (
        <EmptyState title="Rook-Ceph is not installed" testId="ceph-not-installed">
          This cluster does not serve <code>cephclusters.ceph.rook.io</code>.
        </EmptyState>
      ) : ceph.clusters.length === 0 ? (
        <EmptyState title="No CephCluster objects" />
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {ceph.clusters.map((c) => (
            <CephCluster key={`${c.namespace}/${c.name}`} c={c} now={now} />
          ))}
        </div>
      )}
      {ceph.installed ? <PoolsTable pools={ceph.pools} /> : null}
    </section>
  );
}

export function VolumesView() {
  const { data, error } = useVolumes();
  const now = Date.now();
  const count = (r: LonghornVolumeView['robustness']) =>
    data?.longhorn.volumes.filter((v) => v.robustness === r).length ?? 0;
  return (
    <>
      <PageHeader
        title="Volumes"
        pills={
          data ? (
            <>
              {count('faulted') ? <StatusPill tone="crit">{count('faulted')} faulted</StatusPill> : null}
              {count('degraded') ? <StatusPill tone="warn">{count('degraded')} degraded</StatusPill> : null}
              {data.ceph.clusters.map((c) => (
                <StatusPill key={c.name} tone={cephTone(c.health, c.stale)}>
                  Ceph {c.health ?? 'unknown'}
                </StatusPill>
              ))}
            </>
          ) : null
        }
      />
      {error ? <LoadError error={error} /> : null}
      {data ? <KubeNotice kube={data.kube} /> : null}
      {data ? (
        <NamespaceModeNotice
          mode={data.namespaceMode}
          what="PersistentVolumes and StorageClasses (and volumes outside the watched namespaces) are"
        />
      ) : null}
      {data ? (
        <ScopeNotice scope={data.scope}>
          Longhorn volumes claimed there and the Ceph clusters that run in them or back their workloads are
          shown.
        </ScopeNotice>
      ) : null}
      {!data ? (
        <section className="panel">
          <EmptyState title="Loading volumes…" />
        </section>
      ) : !data.kube.configured ? (
        <section className="panel">
          <EmptyState title="No cluster connected" />
        </section>
      ) : (
        <>
          <LonghornSection longhorn={data.longhorn} />
          <CephSection ceph={data.ceph} now={now} />
        </>
      )}
    </>
  );
}
