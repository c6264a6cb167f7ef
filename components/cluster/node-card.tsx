'use client';
// One Kubernetes node as a card: readiness and pressure, OS (Talos / NixOS) and versions, its Hubble
// agent and traffic, what runs there, and links into the flows explorer and the service map.
import Link from 'next/link';
import { type ReactNode, useState } from 'react';
import styles from './cluster.module.css';
import { StatusPill } from './cluster-ui';
import type { NodeWithDetails } from './cluster-wire';
import { formatCount, formatRate } from './format';
import card from './node-card.module.css';
import { NodeTalos } from './node-talos';
import {
  hubbleTone,
  nodeFlowsHref,
  nodeMapHref,
  nodeStatusText,
  nodeTone,
  osLabel,
  PRESSURES,
  workloadMapHref,
} from './status';

const SHOWN_WORKLOADS = 8;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Conditions({ node }: { node: NodeWithDetails }) {
  return (
    <div className={styles.chips} style={{ alignItems: 'center' }}>
      <span className={card.chipsLabel}>Pressure</span>
      {PRESSURES.map((p) => {
        const v = node.conditions[p];
        const tone = v === true ? 'warn' : v === null ? 'muted' : 'ok';
        return (
          <StatusPill
            key={p}
            tone={tone}
            title={v === null ? `${p}: Unknown` : `${p}: ${v ? 'True' : 'False'}`}
          >
            {p.replace('Pressure', '')}
            {v === true ? ' pressure' : v === null ? ' ?' : ''}
          </StatusPill>
        );
      })}
      {node.conditions.NetworkUnavailable === true ? (
        <StatusPill tone="crit">NetworkUnavailable</StatusPill>
      ) : null}
    </div>
  );
}

function Workloads({ node }: { node: NodeWithDetails }) {
  const [all, setAll] = useState(false);
  const shown = all ? node.workloads : node.workloads.slice(0, SHOWN_WORKLOADS);
  if (node.workloads.length === 0) return <span className="muted">no workloads</span>;
  return (
    <div className={styles.chips}>
      {shown.map((id) => (
        <Link key={id} href={workloadMapHref(id)} className={styles.chip} title="Show on the service map">
          {id}
        </Link>
      ))}
      {node.workloads.length > SHOWN_WORKLOADS ? (
        <button type="button" className={card.more} onClick={() => setAll(!all)}>
          {all ? 'fewer' : `+${node.workloads.length - SHOWN_WORKLOADS} more`}
        </button>
      ) : null}
    </div>
  );
}

export function NodeCard({ node }: { node: NodeWithDetails }) {
  const tone = nodeTone(node);
  return (
    <article
      className={`${card.card} ${card[tone] ?? ''}`}
      id={`node-${node.name}`}
      data-testid="node-card"
      data-node={node.name}
      aria-label={`Node ${node.name}`}
    >
      <header className={card.head}>
        <div className={card.title}>
          <span className={card.name}>{node.name}</span>
          <span className={card.roles}>{node.roles.length ? node.roles.join(', ') : 'worker'}</span>
        </div>
        <StatusPill tone={node.ready ? 'ok' : 'crit'}>{nodeStatusText(node)}</StatusPill>
      </header>
      <div className={card.os}>
        <span className={`${card.osBadge} ${card[node.os.family] ?? ''}`} data-testid="node-os">
          {osLabel(node.os)}
        </span>
        <span className="muted" title={node.os.image}>
          {node.arch ?? '—'}
        </span>
      </div>
      <dl className={card.fields}>
        <Field label="Kernel">{node.kernel ?? '—'}</Field>
        <Field label="Kubelet">{node.kubelet ?? '—'}</Field>
        <Field label="Runtime">{node.runtime ?? '—'}</Field>
        <Field label="Taints">
          {node.taints.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            node.taints.map((t) => (
              <div key={`${t.key}:${t.effect}`} className={card.taint}>
                {t.key}
                {t.value ? `=${t.value}` : ''}:{t.effect ?? ''}
              </div>
            ))
          )}
        </Field>
      </dl>
      <Conditions node={node} />
      <NodeTalos node={node} />
      <div className={card.stats}>
        <div>
          <div className={card.statLabel}>Hubble</div>
          <StatusPill tone={hubbleTone(node.hubble.state)}>{node.hubble.state}</StatusPill>
          <div className={card.statSub}>
            {node.hubble.flowsSeen === null ? 'no data' : `${formatCount(node.hubble.flowsSeen)} seen`}
            {node.hubbleVersion ? ` · v${node.hubbleVersion.replace(/^v/, '').split('+')[0]}` : ''}
          </div>
        </div>
        <div>
          <div className={card.statLabel}>Flows</div>
          <div className={card.statValue}>{formatRate(node.flowsPerSecond)}</div>
          <div className={`${card.statSub} ${node.dropsPerSecond ? styles.critText : ''}`}>
            {formatRate(node.dropsPerSecond)} dropped
          </div>
        </div>
        <div>
          <div className={card.statLabel}>Pods</div>
          <div className={card.statValue}>{formatCount(node.pods)}</div>
          <div className={card.statSub}>{node.longhornReplicas} Longhorn replicas</div>
        </div>
      </div>
      <Workloads node={node} />
      <footer className={card.links}>
        <Link href={nodeFlowsHref(node.name)}>Flows on this node →</Link>
        <Link href={nodeMapHref(node)} title={node.namespaces.join(', ')}>
          Map of its {node.namespaces.length} namespace{node.namespaces.length === 1 ? '' : 's'} →
        </Link>
      </footer>
    </article>
  );
}
