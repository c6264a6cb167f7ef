// A tiny inline SVG bar sparkline, drawn as one path: cheap enough for every table row on every
// refresh.
interface Props {
  points: readonly number[];
  stepSeconds: number;
  width?: number;
  height?: number;
}

export function sparklinePath(points: readonly number[], width: number, height: number): string {
  const max = Math.max(1, ...points);
  const slot = width / Math.max(1, points.length);
  const bar = Math.max(1, slot - (slot > 3 ? 1 : 0));
  let d = '';
  points.forEach((value, i) => {
    if (!(value > 0)) return;
    const h = Math.max(1.5, (value / max) * (height - 2));
    d += `M${(i * slot).toFixed(1)} ${height}v${(-h).toFixed(1)}h${bar.toFixed(1)}v${h.toFixed(1)}z`;
  });
  return d;
}

export function Sparkline({ points, stepSeconds, width = 120, height = 24 }: Props) {
  const total = points.reduce((a, b) => a + b, 0);
  const peak = Math.max(0, ...points);
  const minutes = Math.max(1, Math.round((points.length * stepSeconds) / 60));
  const label = `${total} drops over the last ${minutes} min, peak ${peak} per ${stepSeconds} s`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} stroke="var(--border)" strokeWidth={1} />
      <path d={sparklinePath(points, width, height)} fill="var(--drop)" opacity={0.85} />
    </svg>
  );
}
