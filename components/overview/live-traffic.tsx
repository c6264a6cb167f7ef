'use client';
import { useState } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { FlowTailTable } from '../flows/flow-tail-table';
import { useFlowTail } from '../live/use-flow-tail';
import type { TailFlowWire } from '../live/wire-types';

const rate = (n: number | undefined) => (n === undefined ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

export function LiveTraffic() {
  const tail = useFlowTail({ keep: 100 });
  const [frozen, setFrozen] = useState<readonly TailFlowWire[] | undefined>(undefined);
  const stats = tail.stats;
  const shown = frozen ?? tail.flows;
  const lostTotal = stats?.totals.lostEvents ?? 0;
  return (
    <>
      <section className="kpis" aria-label="Traffic now">
        <div className="kpi">
          <div className="kpi-label">Flows / s</div>
          <div className="kpi-value" data-testid="kpi-flows-per-second">
            {rate(stats?.flowsPerSecond)}
          </div>
          <div className="kpi-sub">
            {stats ? `${stats.totals.flowsReceived.toLocaleString()} received` : ''}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">Dropped / s</div>
          <div className={`kpi-value ${stats && stats.droppedPerSecond > 0 ? 'crit' : ''}`}>
            {rate(stats?.droppedPerSecond)}
          </div>
          <div className="kpi-sub">
            {stats && stats.flowsPerSecond > 0
              ? `${((100 * stats.droppedPerSecond) / stats.flowsPerSecond).toFixed(1)}% of flows`
              : ''}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">HTTP 5xx / s</div>
          <div className={`kpi-value ${stats && stats.http5xxPerSecond > 0 ? 'warn' : ''}`}>
            {rate(stats?.http5xxPerSecond)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">Lost events</div>
          <div className={`kpi-value ${lostTotal > 0 ? 'warn' : ''}`} data-testid="kpi-lost">
            {lostTotal.toLocaleString()}
          </div>
          <div className="kpi-sub">
            {stats?.lost.length ? stats.lost.map((l) => `${l.node}: ${l.count}`).join(', ') : 'none reported'}
          </div>
        </div>
      </section>
      <section className="panel" aria-label="Flows per second">
        <h2>Flows per second (live)</h2>
        <div style={{ height: 180 }}>
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={tail.history} margin={{ left: 0, right: 8, top: 4, bottom: 0 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(t: number) => new Date(t).toISOString().slice(11, 19)}
                stroke="var(--muted)"
                fontSize={11}
              />
              <YAxis stroke="var(--muted)" fontSize={11} width={48} />
              <Tooltip
                labelFormatter={(t) => new Date(Number(t)).toISOString().slice(11, 19)}
                contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }}
              />
              <Area
                type="monotone"
                dataKey="flows"
                name="flows/s"
                stroke="var(--accent)"
                fill="var(--accent)"
                fillOpacity={0.18}
                isAnimationActive={false}
              />
              <Area
                type="monotone"
                dataKey="dropped"
                name="dropped/s"
                stroke="var(--drop)"
                fill="var(--drop)"
                fillOpacity={0.25}
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </section>
      <section className="panel" aria-label="Latest flows">
        <div className="row" style={{ marginBottom: 8 }}>
          <h2 className="grow" style={{ margin: 0 }}>
            Latest flows
          </h2>
          <span className="muted" data-testid="stream-state">
            {tail.connection === 'open' ? 'live' : tail.connection}
          </span>
          <button type="button" onClick={() => setFrozen(frozen ? undefined : tail.flows)}>
            {frozen ? 'Resume' : 'Pause'}
          </button>
        </div>
        <div style={{ maxHeight: 520, overflow: 'auto' }}>
          <FlowTailTable flows={shown} />
        </div>
      </section>
    </>
  );
}
