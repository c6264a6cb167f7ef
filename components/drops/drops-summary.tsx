import { type DropWindow, windowLabel } from './drops-format';
import type { DropsWire } from './use-drops';

/** Headline numbers for the window. */
export function DropsSummary({ data, window }: { data: DropsWire; window: DropWindow }) {
  let explicit = 0;
  let defaultDeny = 0;
  let other = 0;
  const nodes = new Set<string>();
  for (const g of data.groups) {
    if (g.reasonClass === 'explicit-deny') explicit += g.count;
    else if (g.reasonClass === 'default-deny') defaultDeny += g.count;
    else other += g.count;
    for (const n of g.nodes) nodes.add(n.name);
  }
  return (
    <section className="kpis" aria-label="Drops summary">
      <div className="kpi">
        <div className="kpi-label">Dropped flows</div>
        <div className={`kpi-value ${data.drops > 0 ? 'crit' : ''}`} data-testid="drops-total">
          {data.drops.toLocaleString()}
        </div>
        <div className="kpi-sub">
          {windowLabel(window)} · {data.matching.toLocaleString()} group{data.matching === 1 ? '' : 's'}
          {data.matching > data.groups.length ? ` (top ${data.groups.length} shown)` : ''}
        </div>
      </div>
      <div className="kpi">
        <div className="kpi-label">Explicit deny</div>
        <div className={`kpi-value ${explicit > 0 ? 'crit' : ''}`}>{explicit.toLocaleString()}</div>
        <div className="kpi-sub">POLICY_DENY: a deny rule matched</div>
      </div>
      <div className="kpi">
        <div className="kpi-label">Default deny</div>
        <div className={`kpi-value ${defaultDeny > 0 ? 'warn' : ''}`}>{defaultDeny.toLocaleString()}</div>
        <div className="kpi-sub">POLICY_DENIED: no rule allows it</div>
      </div>
      <div className="kpi">
        <div className="kpi-label">Other reasons</div>
        <div className="kpi-value">{other.toLocaleString()}</div>
        <div className="kpi-sub">not policy decisions</div>
      </div>
      <div className="kpi">
        <div className="kpi-label">Nodes affected</div>
        <div className="kpi-value">{nodes.size.toLocaleString()}</div>
        <div className="kpi-sub">
          {data.policiesKnown} network polic{data.policiesKnown === 1 ? 'y' : 'ies'} known
        </div>
      </div>
    </section>
  );
}
