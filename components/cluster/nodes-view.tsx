'use client';
// Nodes: what is wrong first (NotReady, pressure, Hubble agents down, version mixes), then the OS and
// version picture across the fleet, then one card per node, worst first.
import styles from './cluster.module.css';
import { EmptyState, KubeNotice, LoadError, Notice, PageHeader, StatusPill } from './cluster-ui';
import type { NodesBody, VersionGroup } from './cluster-wire';
import { NodeCard } from './node-card';
import card from './node-card.module.css';
import { NamespaceModeNotice, ScopeNotice } from './scope-notices';
import { nodeTone, sortNodes } from './status';
import { useNodes } from './use-cluster-data';

function Problems({ problems }: { problems: NodesBody['problems'] }) {
  if (problems.length === 0) {
    return (
      <section className="panel" aria-label="Node problems">
        <h2>Problems</h2>
        <span className="muted" data-testid="node-problems-none">
          No node problems: every node is Ready, without pressure, on consistent versions.
        </span>
      </section>
    );
  }
  return (
    <section className="panel" aria-label="Node problems">
      <h2>Problems ({problems.length})</h2>
      <ul
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}
        data-testid="node-problems"
      >
        {problems.map((p) => (
          <li
            key={`${p.node ?? ''}|${p.message}`}
            className="row"
            style={{ flexWrap: 'nowrap', alignItems: 'baseline' }}
          >
            <StatusPill tone={p.severity === 'critical' ? 'crit' : 'warn'}>{p.severity}</StatusPill>
            {p.node ? <a href={`#node-${p.node}`}>{p.message}</a> : <span>{p.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function VersionRow({ label, groups }: { label: string; groups: readonly VersionGroup[] }) {
  if (groups.length === 0) return null;
  const mixed = groups.length > 1;
  return (
    <div className="row" style={{ gap: 8 }} data-testid={`versions-${label.toLowerCase()}`}>
      <span style={{ width: 74 }} className="muted">
        {label}
      </span>
      {groups.map((g) => (
        <span key={g.version} className={styles.chip} title={g.nodes.join(', ')}>
          {g.version} × {g.nodes.length}
        </span>
      ))}
      {mixed ? <StatusPill tone="warn">mixed</StatusPill> : <StatusPill tone="ok">consistent</StatusPill>}
    </div>
  );
}

function Versions({ body }: { body: NodesBody }) {
  const v = body.versions;
  return (
    <section className="panel" aria-label="Versions">
      <h2>Versions</h2>
      <div style={{ display: 'grid', gap: 6 }}>
        <VersionRow label="Talos" groups={v.talos} />
        <VersionRow label="NixOS" groups={v.nixos} />
        <VersionRow label="Kubelet" groups={v.kubelet} />
      </div>
    </section>
  );
}

export function NodesView() {
  const { data, error } = useNodes();
  const nodes = data ? sortNodes(data.nodes) : [];
  const notReady = nodes.filter((n) => !n.ready).length;
  const troubled = nodes.filter((n) => nodeTone(n) === 'warn').length;
  const hasTalos = nodes.some((n) => n.os.family === 'talos');
  return (
    <>
      <PageHeader
        title="Nodes"
        pills={
          data && !(data.namespaceMode && nodes.length === 0) ? (
            <>
              <StatusPill tone="ok">{nodes.length - notReady} ready</StatusPill>
              {notReady ? <StatusPill tone="crit">{notReady} not ready</StatusPill> : null}
              {troubled ? <StatusPill tone="warn">{troubled} degraded</StatusPill> : null}
            </>
          ) : null
        }
      />
      {error ? <LoadError error={error} /> : null}
      {data ? <KubeNotice kube={data.kube} /> : null}
      {data ? <NamespaceModeNotice mode={data.namespaceMode} what="Nodes are" /> : null}
      {data ? (
        <ScopeNotice scope={data.scope}>
          node health is shown for every node; pods and workloads per node count only your namespaces, and
          per-node traffic (which includes every namespace) is hidden.
        </ScopeNotice>
      ) : null}
      {data && hasTalos ? (
        <Notice testId="talos-notice">
          <strong>Talos:</strong> {data.talos.message}
        </Notice>
      ) : null}
      {!data ? (
        <section className="panel">
          <EmptyState title="Loading nodes…" />
        </section>
      ) : !data.kube.configured ? (
        <section className="panel">
          <EmptyState title="No cluster connected" />
        </section>
      ) : nodes.length === 0 ? (
        <section className="panel">
          <EmptyState
            title={
              data.namespaceMode ? 'Nodes are not available in namespace-scoped mode' : 'No nodes listed yet'
            }
            testId="nodes-empty"
          />
        </section>
      ) : (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(320px, 1fr)', gap: 12 }}>
            <Problems problems={data.problems} />
            <Versions body={data} />
          </div>
          <div className={card.grid} data-testid="nodes-grid">
            {nodes.map((n) => (
              <NodeCard key={n.name} node={n} />
            ))}
          </div>
        </>
      )}
    </>
  );
}
