'use client';
import { memo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type SeriesPointWire, useTrafficSeries } from '../live/use-traffic-series';

const REASON_COLORS = ['#f85149', '#d29922', '#a371f7', '#db61a2', '#ff7b72', '#e3b341'];

const time = (t: number) => new Date(t).toISOString().slice(11, 19);
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 };

function topReasons(points: readonly SeriesPointWire[]): string[] {
  const totals = new Map<string, number>();
  for (const p of points)
    for (const [r, v] of Object.entries(p.dropReasons)) totals.set(r, (totals.get(r) ?? 0) + v);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, REASON_COLORS.length)
    .map(([r]) => r);
}

function ChartFrame({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <section className="panel chart-panel">
      <h2>{title}</h2>
      <div style={{ height: 150 }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

// Memoised: the map page re-renders on every tick, the charts only on their own refresh.
export const MapCharts = memo(function MapCharts({ window, paused }: { window: string; paused: boolean }) {
  const { data } = useTrafficSeries(window, paused);
  const points = data?.points ?? [];
  const reasons = topReasons(points);
  const dropRows = points.map((p) => ({ t: p.t, ...p.dropReasons }));
  return (
    <div className="map-charts" data-testid="map-charts">
      <ChartFrame title="Flows / s by verdict">
        <AreaChart data={points}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="t" tickFormatter={time} stroke="var(--muted)" fontSize={10} minTickGap={40} />
          <YAxis stroke="var(--muted)" fontSize={10} width={40} />
          <Tooltip labelFormatter={(t) => time(Number(t))} contentStyle={tooltipStyle} />
          <Area
            dataKey="forwarded"
            stackId="v"
            name="forwarded"
            stroke="var(--ok)"
            fill="var(--ok)"
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Area
            dataKey="other"
            stackId="v"
            name="other"
            stroke="var(--warn)"
            fill="var(--warn)"
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Area
            dataKey="dropped"
            stackId="v"
            name="dropped"
            stroke="var(--drop)"
            fill="var(--drop)"
            fillOpacity={0.35}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartFrame>
      <ChartFrame title="Drops / s by reason">
        <LineChart data={dropRows}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="t" tickFormatter={time} stroke="var(--muted)" fontSize={10} minTickGap={40} />
          <YAxis stroke="var(--muted)" fontSize={10} width={40} />
          <Tooltip labelFormatter={(t) => time(Number(t))} contentStyle={tooltipStyle} />
          <Legend wrapperStyle={{ fontSize: 10 }} />
          {reasons.map((r, i) => (
            <Line
              key={r}
              dataKey={r}
              stroke={REASON_COLORS[i]}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ChartFrame>
      <ChartFrame title="HTTP 5xx / s">
        <AreaChart data={points}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="t" tickFormatter={time} stroke="var(--muted)" fontSize={10} minTickGap={40} />
          <YAxis stroke="var(--muted)" fontSize={10} width={40} />
          <Tooltip labelFormatter={(t) => time(Number(t))} contentStyle={tooltipStyle} />
          <Area
            dataKey="http5xx"
            name="5xx/s"
            stroke="var(--warn)"
            fill="var(--warn)"
            fillOpacity={0.3}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartFrame>
    </div>
  );
});
