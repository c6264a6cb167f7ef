'use client';
// Proof of life on the landing page: the newest flows as they arrive, with pause.
import { useState } from 'react';
import { FlowTailTable } from '../flows/flow-tail-table';
import { useFlowTail } from '../live/use-flow-tail';
import type { TailFlowWire } from '../live/wire-types';
import styles from './overview.module.css';

export function LatestFlows() {
  const tail = useFlowTail({ keep: 60 });
  const [frozen, setFrozen] = useState<readonly TailFlowWire[] | undefined>(undefined);
  const shown = frozen ?? tail.flows;
  return (
    <section className="panel" aria-label="Latest flows">
      <div className="row" style={{ marginBottom: 8 }}>
        <h2 className="grow" style={{ margin: 0 }}>
          Latest flows
        </h2>
        <span className={tail.connection === 'open' ? 'live-dot' : 'muted'} data-testid="stream-state">
          {tail.connection === 'open' ? 'live' : tail.connection}
        </span>
        <button type="button" onClick={() => setFrozen(frozen ? undefined : tail.flows)}>
          {frozen ? 'Resume' : 'Pause'}
        </button>
        <a href="/flows">Open flows explorer →</a>
      </div>
      <div className={styles.flows}>
        <FlowTailTable flows={shown} />
      </div>
    </section>
  );
}
