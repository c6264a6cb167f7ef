'use client';
import Link from 'next/link';
import { CopyButton } from './copy-button';
import styles from './drops.module.css';
import {
  ago,
  type DropGroupWire,
  type DropWindow,
  explanationSentences,
  policyText,
  portText,
  reasonHint,
  windowLabel,
} from './drops-format';
import { ReasonBadge, RouteText } from './drops-table';

interface Props {
  group: DropGroupWire;
  now: string;
  window: DropWindow;
  /** Every group on screen, to name the ones the suggestion also admits. */
  byKey: ReadonlyMap<string, DropGroupWire>;
  onSelect(key: string): void;
  onClose(): void;
}

function Policies({ group }: { group: DropGroupWire }) {
  if (group.pending) return <p className={`${styles.explanation} muted`}>…</p>;
  if (group.policies.length === 0) {
    return (
      <p className={`${styles.explanation} muted`} data-testid="drop-policies">
        {group.category === 'not-policy' ? 'Not a policy decision.' : 'No policy selects this endpoint.'}
      </p>
    );
  }
  return (
    <ul className={styles.policies} data-testid="drop-policies">
      {group.policies.map((p) => (
        <li key={policyText(p)} className={styles.policy}>
          <span className={styles.kind}>{p.kind}</span>
          <span className="mono">{p.namespace ? `${p.namespace}/${p.name}` : p.name}</span>
        </li>
      ))}
    </ul>
  );
}

function Suggestion({ group, byKey, onSelect }: Pick<Props, 'group' | 'byKey' | 'onSelect'>) {
  if (group.suggestedPolicy === null) return null;
  return (
    <section className={styles.section} aria-label="Suggested allow policy">
      <div className={styles.yamlHead}>
        <h3 className={`${styles.sectionTitle} grow`}>Suggested allow policy</h3>
        <CopyButton text={group.suggestedPolicy} label="Copy policy" testId="copy-policy" />
      </div>
      <pre className={styles.yaml} data-testid="suggested-policy">
        {group.suggestedPolicy}
      </pre>
      <h3 className={styles.sectionTitle}>Also admits</h3>
      {group.alsoAdmits.length === 0 ? (
        <p className={`${styles.explanation} muted`} data-testid="also-admits">
          No other currently dropped group: the rule admits only this traffic.
        </p>
      ) : (
        <ul className={styles.admits} data-testid="also-admits">
          {group.alsoAdmits.map((key) => {
            const other = byKey.get(key);
            return (
              <li key={key}>
                <button type="button" className={styles.linkButton} onClick={() => onSelect(key)}>
                  {other ? `${other.source} → ${other.target} ${portText(other)} ${other.reason}` : key}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function DropDetail({ group, now, window, byKey, onSelect, onClose }: Props) {
  const direction = group.direction ? ` (${group.direction})` : '';
  return (
    <div className={styles.section} style={{ gap: 14 }} data-testid="drop-detail">
      <div className={styles.detailHead}>
        <h2 className={styles.detailTitle}>
          <RouteText group={group} full />
        </h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      <dl className={styles.facts}>
        <dt>Port</dt>
        <dd className="mono">{portText(group)}</dd>
        <dt>Reason</dt>
        <dd>
          <ReasonBadge group={group} /> <span className="muted">{reasonHint(group)}</span>
        </dd>
        <dt>Drops</dt>
        <dd>
          <strong>{group.count.toLocaleString()}</strong> in the {windowLabel(window)}
          <span className="muted"> · {group.total.toLocaleString()} since first seen</span>
        </dd>
        <dt>First seen</dt>
        <dd title={group.firstSeen}>
          {ago(group.firstSeen, now)} <span className="muted mono">{group.firstSeen}</span>
        </dd>
        <dt>Last seen</dt>
        <dd title={group.lastSeen}>
          {ago(group.lastSeen, now)} <span className="muted mono">{group.lastSeen}</span>
        </dd>
        <dt>Nodes</dt>
        <dd>
          <ul className={styles.nodeList}>
            {group.nodes.map((n) => (
              <li key={n.name}>
                {n.name} <span className="muted">({n.count.toLocaleString()})</span>
              </li>
            ))}
            {group.otherNodeDrops > 0 ? (
              <li className="muted">{group.otherNodeDrops.toLocaleString()} on further nodes</li>
            ) : null}
          </ul>
        </dd>
      </dl>
      <section className={styles.section} aria-label="Policies">
        <h3 className={styles.sectionTitle}>
          {group.category === 'explicit-deny' ? 'Denying policy' : 'Policies selecting the endpoint'}
        </h3>
        <Policies group={group} />
      </section>
      <section className={styles.section} aria-label="Explanation">
        <h3 className={styles.sectionTitle}>Why it was dropped{direction}</h3>
        <div className={styles.explanation} data-testid="drop-explanation">
          {group.pending ? (
            <p className="muted">Working out the explanation; it appears with the next refresh.</p>
          ) : (
            explanationSentences(group.explanation).map((sentence, i) => (
              <p key={sentence} className={i === 0 ? styles.lead : undefined}>
                {sentence}
              </p>
            ))
          )}
        </div>
      </section>
      <Suggestion group={group} byKey={byKey} onSelect={onSelect} />
      <div className={styles.links}>
        <Link href={`/flows?${group.flowsQuery}`} data-testid="drop-flows-link">
          Show these flows →
        </Link>
        <Link href={`/map?${group.mapQuery}`}>Show on the service map →</Link>
      </div>
    </div>
  );
}
