// Main-thread cost of UI work from a Chrome trace (Playwright's browser.startTracing): the time the
// page's main thread spends running tasks (script, React rendering, style, layout, paint).
// - deltaCosts: per map tick. A tick's delta arrives as network data on the page's SSE stream
//   (ResourceReceivedData; Chromium no longer traces EventSource dispatches); a burst of at least
//   `minBytes` on one request marks a tick. Cost = busy time in the 600 ms after it minus the busy
//   time in the 600 ms before it (idle baseline).
// - busyMs: all main-thread task time in the trace, for windows that hold one action (a re-layout)
//   whose ticks are then subtracted by the caller.

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: {
    readonly name?: string;
    readonly data?: { readonly requestId?: string; readonly encodedDataLength?: number };
  };
}

const WINDOW_US = 600_000;

export interface MainThreadTrace {
  readonly tasks: readonly TraceEvent[];
  /** Trace timestamps (µs) where a map delta arrived. */
  readonly deltas: readonly number[];
  readonly start: number;
  readonly end: number;
}

export function parseTrace(trace: Buffer, minBytes = 20_000): MainThreadTrace {
  const json = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(json) ? json : (json.traceEvents ?? []);
  const main = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      main.add(`${e.pid}:${e.tid}`);
  }
  const onMain = (e: TraceEvent) => main.has(`${e.pid}:${e.tid}`);
  // Top-level tasks: RunTask (ThreadControllerImpl::RunTask wraps the same work where present).
  const name = events.some((e) => e.name === 'RunTask' && onMain(e))
    ? 'RunTask'
    : 'ThreadControllerImpl::RunTask';
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === name && onMain(e))
    .sort((a, b) => a.ts - b.ts);
  const received = events.filter((e) => e.name === 'ResourceReceivedData').sort((a, b) => a.ts - b.ts);
  const deltas: number[] = [];
  let groupStart = -1;
  let groupBytes = 0;
  let groupId: string | undefined;
  let last = -Infinity;
  const close = () => {
    if (groupStart >= 0 && groupBytes >= minBytes) deltas.push(groupStart);
  };
  for (const e of received) {
    const id = e.args?.data?.requestId;
    if (id !== groupId || e.ts - last > 100_000) {
      close();
      groupStart = e.ts;
      groupBytes = 0;
      groupId = id;
    }
    groupBytes += e.args?.data?.encodedDataLength ?? 0;
    last = e.ts;
  }
  close();
  const start = tasks.length ? tasks[0]!.ts : 0;
  const end = tasks.length ? tasks[tasks.length - 1]!.ts + (tasks[tasks.length - 1]!.dur ?? 0) : 0;
  return { tasks, deltas, start, end };
}

/** Milliseconds of main-thread task time in [from, to) (µs timestamps), tasks clipped to it. */
export function busyMs(t: MainThreadTrace, from = t.start, to = t.end): number {
  let sum = 0;
  for (const task of t.tasks) {
    const end = task.ts + (task.dur ?? 0);
    if (end <= from || task.ts >= to) continue;
    sum += Math.min(end, to) - Math.max(task.ts, from);
  }
  return sum / 1000;
}

/** Main-thread milliseconds per map tick (deltas whose window fits in the trace). */
export function deltaCosts(t: MainThreadTrace): number[] {
  return t.deltas
    .filter((d) => d - WINDOW_US >= t.start && d + WINDOW_US <= t.end)
    .map((d) => Math.max(0, busyMs(t, d, d + WINDOW_US) - busyMs(t, d - WINDOW_US, d)));
}
