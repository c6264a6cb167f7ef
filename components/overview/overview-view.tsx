'use client';
// Skymap's landing page for on-call: traffic now, cluster health, what needs attention (each linking
// to the page that explains it), the trends behind the numbers and the newest flows.
import styles from '../cluster/cluster.module.css';
import { LoadError, Notice, PageHeader } from '../cluster/cluster-ui';
import { formatDate } from '../cluster/format';
import { useOverview } from '../cluster/use-cluster-data';
import { AttentionList } from './attention-list';
import { LatestFlows } from './latest-flows';
import layout from './overview.module.css';
import { HealthTiles, TrafficTiles } from './overview-tiles';
import { TrafficTrends } from './traffic-trends';

export function OverviewView() {
  const { data, error } = useOverview();
  const now = Date.now();
  return (
    <>
      <PageHeader
        title="Overview"
        right={
          data ? <span data-testid="overview-updated">updated {formatDate(data.generatedAt)}</span> : null
        }
      />
      {error ? <LoadError error={error} /> : null}
      {data && !data.kube.configured ? (
        <Notice tone="warn">
          No Kubernetes API is configured: traffic is shown without certificate, volume and node health. Set{' '}
          <code>KUBECONFIG</code> to add it.
        </Notice>
      ) : null}
      {data ? (
        <>
          <h2 className={styles.sectionTitle}>Traffic now</h2>
          <TrafficTiles o={data} now={now} />
          <h2 className={styles.sectionTitle}>Cluster health</h2>
          <HealthTiles o={data} />
        </>
      ) : (
        <div className={layout.placeholder}>Loading overview…</div>
      )}
      <div className={layout.columns}>
        {data ? <AttentionList items={data.attention} /> : <section className="panel" />}
        <TrafficTrends />
      </div>
      <LatestFlows />
    </>
  );
}
