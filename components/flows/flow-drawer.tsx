'use client';
// Every field of one flow, readable. A value that maps onto a filter is a button: click adds it to
// the explorer's filters, Alt+click (or Shift+click) adds it negated.
import { useMemo, useState } from 'react';
import type { Flow } from '../../server/domain/flow';
import type { FilterField } from '../../server/domain/flow-filter';
import { flowDetailSections } from './flow-detail-model';
import { endpointText } from './flow-format';
import { VerdictBadge } from './flow-tail-table';
import styles from './flows.module.css';

export interface FlowDrawerProps {
  readonly flow: Flow;
  readonly onClose: () => void;
  readonly onFilter: (field: FilterField, value: string, negate: boolean) => void;
}

export function FlowDrawer({ flow, onClose, onFilter }: FlowDrawerProps) {
  const sections = useMemo(() => flowDetailSections(flow), [flow]);
  const json = useMemo(() => JSON.stringify(flow, null, 2), [flow]);
  const [copied, setCopied] = useState(false);
  const source = endpointText(flow.source, flow.IP?.source, flow.source_names);
  const destination = endpointText(flow.destination, flow.IP?.destination, flow.destination_names);

  const copyJson = () => {
    navigator.clipboard?.writeText(json).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <aside className={styles.drawer} aria-label="Flow details" data-testid="flow-drawer">
      <header className={styles.drawerHead}>
        <div className={styles.drawerTitle}>
          <VerdictBadge verdict={flow.verdict} />
          <span className={styles.drawerPath} title={`${source} → ${destination}`}>
            <span>{source}</span>
            <span>
              <span className={styles.muted}>→</span> {destination}
            </span>
          </span>
        </div>
        <button type="button" onClick={onClose} aria-label="Close flow details" className={styles.iconButton}>
          ×
        </button>
      </header>
      <p className={styles.drawerHint}>
        Click a value to filter on it · Alt+click to exclude it · Esc closes
      </p>
      <div className={styles.drawerBody}>
        {sections.map((section) => (
          <section key={section.title} className={styles.detailSection}>
            <h3>{section.title}</h3>
            <dl>
              {section.rows.map((row) => (
                <div key={row.label} className={styles.detailRow}>
                  <dt>{row.label}</dt>
                  <dd className={row.list ? styles.detailList : undefined}>
                    {row.values.map((value) => (
                      <span key={value.text} className={styles.detailValue}>
                        {value.filter ? (
                          <button
                            type="button"
                            className={styles.valueButton}
                            data-filter={`${value.filter.field}=${value.filter.value}`}
                            title={`Filter: ${value.filter.field}=${value.filter.value} (Alt+click: not-${value.filter.field})`}
                            onClick={(e) => {
                              const f = value.filter;
                              if (f) onFilter(f.field, f.value, e.altKey || e.shiftKey);
                            }}
                          >
                            {value.text}
                          </button>
                        ) : (
                          <span className={styles.plainValue}>{value.text}</span>
                        )}
                        {value.hint ? <span className={styles.valueHint}>{value.hint}</span> : null}
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <details className={styles.rawJson}>
          <summary>Hubble JSON</summary>
          <button type="button" onClick={copyJson} className={styles.smallButton}>
            {copied ? 'Copied' : 'Copy JSON'}
          </button>
          <pre>{json}</pre>
        </details>
      </div>
    </aside>
  );
}
