// Main-thread cost of UI work from a Chrome trace (Playwright's browser.startTracing): the time the
// page's main thread spends running tasks (script, React rendering, style, layout, paint) after a
// DOM event of a given type, e.g. an SSE `delta` (one map tick) or a `click`. Work not caused by
// the event is taken out by subtracting the same length of time just before it (idle baseline)
// and, inside long windows, the cost of any `delta` ticks that landed there too.

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly type?: string } };
}

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

function parse(trace: Buffer): TraceEvent[] {
  const json = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(json) ? json : (json.traceEvents ?? []);
}

function mainThreads(events: readonly TraceEvent[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      out.add(`${e.pid}:${e.tid}`);
  }
  return out;
}

/** Milliseconds of main-thread task time in [from, to) (µs timestamps), tasks clipped to it. */
function busy(tasks: readonly TraceEvent[], from: number, to: number): number {
  let sum = 0;
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    if (end <= from || t.ts >= to) continue;
    sum += Math.min(end, to) - Math.max(t.ts, from);
  }
  return sum / 1000;
}

/**
 * Per occurrence of a DOM event `type` on the page's main thread: main-thread milliseconds spent
 * in the `windowMs` after it; for `delta`, minus the idle baseline in the 600 ms before it; for
 * other events, minus the cost of the `delta` ticks that landed in the window.
 */
export function mainThreadCosts(
  trace: Buffer,
  type: string,
  windowMs = type === 'delta' ? 600 : 2400,
): number[] {
  const events = parse(trace);
  const threads = mainThreads(events);
  const onMain = (e: TraceEvent) => threads.has(`${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => e.ph === 'X' && TASKS.has(e.name) && onMain(e));
  const dispatches = (t: string) =>
    events
      .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === t && onMain(e))
      .map((e) => e.ts)
      .sort((a, b) => a - b);
  const window = windowMs * 1000;
  const deltaStarts = dispatches('delta');
  const deltaCost = (start: number) =>
    Math.max(0, busy(tasks, start, start + window) - busy(tasks, start - 600_000, start));
  const starts = type === 'delta' ? deltaStarts : dispatches(type);
  const costs: number[] = [];
  for (const start of starts) {
    // Ignore occurrences whose window runs past the end of the trace.
    const last = tasks.length ? tasks[tasks.length - 1]!.ts : 0;
    if (start + window > last) continue;
    let cost: number;
    if (type === 'delta') cost = deltaCost(start);
    else {
      cost = busy(tasks, start, start + window);
      for (const d of deltaStarts) if (d > start && d < start + window) cost -= deltaCost(d);
    }
    costs.push(Math.max(0, cost));
  }
  return costs;
}
