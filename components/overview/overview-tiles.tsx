'use client';
// The overview's KPI tiles: traffic now (flows, drops, 5xx, lost events) and cluster health
// (certificates, volumes, Ceph, nodes, Hubble agents). Each tile links to the page that explains it.
import styles from '../cluster/cluster.module.css';
import { Tile } from '../cluster/cluster-ui';
import type { OverviewBody } from '../cluster/cluster-wire';
import { formatCount, formatPercent, formatRate, formatRelative, plural } from '../cluster/format';
import type { Tone } from '../cluster/status';

function ratioTone(ratio: number | null, warn: number, crit: number): Tone {
  if (ratio === null) return 'muted';
  if (ratio >= crit) return 'crit';
  if (ratio >= warn) return 'warn';
  return 'ok';
}

export function TrafficTiles({ o, now }: { o: OverviewBody; now: number }) {
  const t = o.traffic;
  const relayDown = o.hubble.relay === 'unavailable';
  const topDrop = t.topDropReasons[0];
  const recentLost = o.lostEvents.sources[0];
  return (
    <section className={styles.tiles} aria-label="Traffic now">
      <Tile
        label="Flows"
        value={formatRate(t.flowsPerSecond)}
        tone={relayDown ? 'crit' : t.flowsPerSecond > 0 ? 'ok' : 'muted'}
        sub={relayDown ? 'Hubble Relay unreachable' : `${formatRate(t.forwardedPerSecond)} forwarded`}
        href="/flows"
        testId="kpi-flows-per-second"
      />
      <Tile
        label="Drop rate"
        value={formatPercent(t.dropRatio)}
        tone={ratioTone(t.dropRatio, 0.01, Number.POSITIVE_INFINITY)}
        sub={`${formatRate(t.droppedPerSecond)} dropped${topDrop ? ` · ${topDrop.reason}` : ''}`}
        href="/drops"
        testId="kpi-drop-rate"
      />
      <Tile
        label="HTTP 5xx"
        value={formatPercent(t.http5xxRatio)}
        tone={ratioTone(t.http5xxRatio, 0.01, 0.05)}
        sub={
          t.http5xxRatio === null
            ? 'no HTTP traffic seen'
            : `${formatRate(t.http5xxPerSecond)} of ${formatRate(t.httpRequestsPerSecond)} requests`
        }
        href="/flows?http-status=5%2B"
        testId="kpi-http-5xx"
      />
      <Tile
        label="Lost events"
        value={formatCount(o.lostEvents.total)}
        tone={o.lostEvents.recentSources > 0 ? 'warn' : o.lostEvents.total > 0 ? 'muted' : 'ok'}
        sub={
          recentLost
            ? `${recentLost.node} · ${recentLost.source.replace(/_/g, ' ').toLowerCase()} · ${formatRelative(recentLost.last, now)}`
            : 'none reported'
        }
        href="/flows"
        testId="kpi-lost"
      />
    </section>
  );
}

function certTile(o: OverviewBody) {
  const c = o.certificates;
  if (!o.kube.configured) return { value: '—', tone: 'muted' as Tone, sub: 'no Kubernetes API' };
  if (!c.installed) return { value: '—', tone: 'muted' as Tone, sub: 'cert-manager not installed' };
  const bad = c.expired + c.failed;
  const parts = [
    c.expired ? `${c.expired} expired` : '',
    c.failed ? `${c.failed} failed` : '',
    c.expiring ? `${c.expiring} expiring` : '',
  ].filter(Boolean);
  return {
    value: String(bad + c.expiring),
    tone: (bad > 0 ? 'crit' : c.expiring > 0 ? 'warn' : 'ok') as Tone,
    sub: parts.length ? `${parts.join(' · ')} of ${c.total}` : `all ${c.total} valid`,
  };
}

function volumeTile(o: OverviewBody) {
  const v = o.volumes;
  if (!o.kube.configured) return { value: '—', tone: 'muted' as Tone, sub: 'no Kubernetes API' };
  if (!v.longhornInstalled) return { value: '—', tone: 'muted' as Tone, sub: 'Longhorn not installed' };
  return {
    value: String(v.faulted + v.degraded),
    tone: (v.faulted > 0 ? 'crit' : v.degraded > 0 ? 'warn' : 'ok') as Tone,
    sub: `${v.faulted} faulted · ${v.degraded} degraded`,
  };
}

function cephTile(o: OverviewBody) {
  const v = o.volumes;
  if (!o.kube.configured) return { value: '—', tone: 'muted' as Tone, sub: 'no Kubernetes API' };
  if (!v.cephInstalled) return { value: '—', tone: 'muted' as Tone, sub: 'Rook-Ceph not installed' };
  if (v.cephHealth === null) return { value: '—', tone: 'muted' as Tone, sub: 'health not reported' };
  const detail = o.attention.find((a) => a.area === 'ceph')?.detail;
  return {
    value: v.cephHealth.replace('HEALTH_', ''),
    tone: (v.cephHealth === 'HEALTH_ERR' ? 'crit' : v.cephHealth === 'HEALTH_WARN' ? 'warn' : 'ok') as Tone,
    sub: detail ?? v.cephHealth,
  };
}

export function HealthTiles({ o }: { o: OverviewBody }) {
  const cert = certTile(o);
  const vol = volumeTile(o);
  const ceph = cephTile(o);
  const n = o.nodes;
  const h = o.hubble;
  const hubbleTotal = Math.max(h.nodesTotal, n.total);
  return (
    <section className={styles.tiles} aria-label="Cluster health">
      <Tile
        label="Certificates"
        {...cert}
        unit={cert.value === '—' ? undefined : 'need action'}
        href="/certificates"
        testId="kpi-certificates"
      />
      <Tile
        label="Longhorn volumes"
        {...vol}
        unit={vol.value === '—' ? undefined : 'unhealthy'}
        href="/volumes"
        testId="kpi-volumes"
      />
      <Tile label="Ceph" {...ceph} href="/volumes#ceph" testId="kpi-ceph" />
      <Tile
        label="Nodes"
        value={o.kube.configured ? `${n.total - n.notReady}/${n.total}` : '—'}
        unit={o.kube.configured ? 'ready' : undefined}
        tone={!o.kube.configured ? 'muted' : n.notReady > 0 ? 'crit' : n.underPressure > 0 ? 'warn' : 'ok'}
        sub={
          o.kube.configured
            ? `${plural(n.notReady, 'not ready', 'not ready')} · ${n.underPressure} under pressure`
            : 'no Kubernetes API'
        }
        href="/nodes"
        testId="kpi-nodes"
      />
      <Tile
        label="Hubble agents"
        value={hubbleTotal > 0 ? `${Math.max(0, hubbleTotal - h.nodesUnavailable)}/${hubbleTotal}` : '—'}
        unit={hubbleTotal > 0 ? 'up' : undefined}
        tone={
          h.relay === 'unavailable'
            ? 'crit'
            : h.nodesUnavailable > 0
              ? 'warn'
              : hubbleTotal > 0
                ? 'ok'
                : 'muted'
        }
        sub={
          h.relay === 'unavailable'
            ? 'Relay unreachable'
            : h.unavailableNodes.length > 0
              ? `unavailable: ${h.unavailableNodes.join(', ')}`
              : h.relay === 'not-configured'
                ? 'no Hubble Relay configured'
                : 'all agents connected'
        }
        href="/nodes"
        testId="kpi-hubble"
      />
    </section>
  );
}
