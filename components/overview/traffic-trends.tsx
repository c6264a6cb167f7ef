'use client';
// Trends behind the "traffic now" tiles: flows (forwarded vs dropped) and HTTP (requests vs 5xx) over
// a chosen window, from GET /api/series.
import { useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTrafficSeries } from '../live/use-traffic-series';
import styles from './overview.module.css';

const WINDOWS = ['5m', '15m', '1h'] as const;

const timeText = (t: number) => new Date(t).toISOString().slice(11, 19);
const rateText = (v: unknown) =>
  typeof v === 'number' ? (v >= 10 ? v.toFixed(0) : v.toFixed(1)) : String(v);

const tooltipStyle = {
  background: 'var(--panel)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  fontSize: 12,
};

interface ChartProps {
  title: string;
  data: readonly Record<string, number>[];
  series: readonly { key: string; name: string; color: string; kind: 'area' | 'line' }[];
  testId: string;
}

function TrendChart({ title, data, series, testId }: ChartProps) {
  return (
    <div className={styles.chart} data-testid={testId}>
      <div className={styles.chartHead}>
        <span>{title}</span>
        <span className={styles.legend}>
          {series.map((s) => (
            <span key={s.key}>
              <i style={{ background: s.color }} />
              {s.name}
            </span>
          ))}
        </span>
      </div>
      <div style={{ height: 150 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={[...data]} margin={{ left: 0, right: 8, top: 6, bottom: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={['dataMin', 'dataMax']}
              tickFormatter={timeText}
              stroke="var(--muted)"
              fontSize={11}
              minTickGap={40}
            />
            <YAxis stroke="var(--muted)" fontSize={11} width={42} tickFormatter={rateText} />
            <Tooltip
              labelFormatter={(t) => `${timeText(Number(t))} UTC`}
              formatter={(v, name) => [`${rateText(v)}/s`, name]}
              contentStyle={tooltipStyle}
              labelStyle={{ color: 'var(--muted)' }}
            />
            {series.map((s) =>
              s.kind === 'area' ? (
                <Area
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  fill={s.color}
                  fillOpacity={0.2}
                  strokeWidth={1.5}
                  isAnimationActive={false}
                  dot={false}
                />
              ) : (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  strokeWidth={1.5}
                  isAnimationActive={false}
                  dot={false}
                />
              ),
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export function TrafficTrends() {
  const [trendWindow, setTrendWindow] = useState<(typeof WINDOWS)[number]>('15m');
  const { data, error } = useTrafficSeries(trendWindow);
  const all = data?.points ?? [];
  // The newest multi-second step is still filling up and would draw a false dip at the right edge.
  const raw = (data?.stepSeconds ?? 1) > 1 && all.length > 2 ? all.slice(0, -1) : all;
  // Seconds before Skymap started (or before the first flow) hold no data rather than zero traffic.
  const first = raw.findIndex((p) => p.flows > 0);
  const points = raw.slice(first < 0 ? 0 : Math.min(first, Math.max(0, raw.length - 2))).map((p) => ({
    t: p.t,
    forwarded: p.forwarded,
    dropped: p.dropped,
    requests: p.httpRequests,
    errors: p.http5xx,
  }));
  return (
    <section className="panel" aria-label="Traffic trends">
      <div className="row" style={{ marginBottom: 6 }}>
        <h2 className="grow" style={{ margin: 0 }}>
          Traffic trends
        </h2>
        <fieldset className={styles.segmented} aria-label="Trend window">
          {WINDOWS.map((w) => (
            <button key={w} type="button" aria-pressed={w === trendWindow} onClick={() => setTrendWindow(w)}>
              {w}
            </button>
          ))}
        </fieldset>
      </div>
      {error ? <div className="muted">Could not load the series: {String(error)}</div> : null}
      <TrendChart
        title="Flows per second"
        testId="trend-flows"
        data={points}
        series={[
          { key: 'forwarded', name: 'forwarded', color: 'var(--accent)', kind: 'area' },
          { key: 'dropped', name: 'dropped', color: 'var(--drop)', kind: 'area' },
        ]}
      />
      <TrendChart
        title="HTTP per second"
        testId="trend-http"
        data={points}
        series={[
          { key: 'requests', name: 'requests', color: 'var(--ok)', kind: 'line' },
          { key: 'errors', name: '5xx', color: 'var(--crit)', kind: 'area' },
        ]}
      />
    </section>
  );
}
