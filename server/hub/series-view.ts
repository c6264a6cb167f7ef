// GET /api/series: rate points for a window, at a step that keeps charts around 60–120 points.
import { type SeriesPoint, seriesPoints, type TrafficSeries } from '../domain/traffic-series';

const WINDOWS: Record<string, { seconds: number; step: number }> = {
  '1m': { seconds: 60, step: 1 },
  '5m': { seconds: 300, step: 5 },
  '15m': { seconds: 900, step: 10 },
  '1h': { seconds: 3600, step: 30 },
  all: { seconds: 3600, step: 30 },
};

export function seriesView(
  series: TrafficSeries,
  window: string | null,
  now: number,
): { error: string } | { window: string; stepSeconds: number; points: SeriesPoint[] } {
  const name = window ?? '5m';
  const spec = WINDOWS[name];
  if (!spec)
    return {
      error: `invalid window "${name.slice(0, 40)}": expected one of ${Object.keys(WINDOWS).join(', ')}`,
    };
  return { window: name, stepSeconds: spec.step, points: seriesPoints(series, now, spec.seconds, spec.step) };
}
