'use client';
// The Talos API part of a node card (TALOSCONFIG set): the version apid reports, a service health
// line and each unhealthy service with its last health message, or the API error for this node.
import { StatusPill } from './cluster-ui';
import type { NodeWithDetails } from './cluster-wire';
import styles from './node-talos.module.css';

export function NodeTalos({ node }: { node: NodeWithDetails }) {
  const api = node.talosApi;
  if (!api) return null;
  const tone = api.error !== null ? 'warn' : api.problems.length > 0 ? 'crit' : 'ok';
  const pill = api.error !== null ? 'API error' : api.problems.length > 0 ? 'degraded' : 'healthy';
  return (
    <section className={styles.talos} data-testid="node-talos" aria-label={`Talos API for ${node.name}`}>
      <div className={styles.head}>
        <span className={styles.label}>Talos API</span>
        <StatusPill tone={tone}>{pill}</StatusPill>
        {api.version ? <span className={styles.version}>{api.version}</span> : null}
        {api.platform ? <span className="muted">{api.platform}</span> : null}
      </div>
      {api.error !== null ? (
        <div className={styles.error} data-testid="node-talos-error">
          {api.target}: {api.error}
        </div>
      ) : null}
      {api.services > 0 ? (
        <div data-testid="node-talos-services">
          {api.running} of {api.services} services running
          {api.problems.length === 0 ? ', all healthy' : ''}
        </div>
      ) : null}
      {api.problems.map((p) => (
        <div key={p.id} className={styles.problem}>
          {p.id} {p.state === 'Failed' ? 'failed' : 'unhealthy'}
          {p.message ? `: ${p.message}` : ''}
        </div>
      ))}
    </section>
  );
}
