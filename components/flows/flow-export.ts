// Export and import in the format `hubble observe -o jsonpb` writes and `hubble observe
// --input-file` reads: one GetFlowsResponse JSON object per line, oldest first. Import reuses the
// server's pure line parser (server/sources/hubble/flow-from-json.ts has no Node dependencies),
// so a file reads the same in the browser as on the server.
import type { Flow } from '../../server/domain/flow';
import { parseFlowJsonLine } from '../../server/sources/hubble/flow-from-json';

/** Largest import kept in the browser; the newest flows of a bigger file are kept. */
export const MAX_IMPORT_FLOWS = 100_000;

/** One line per flow, oldest first (`newestFirst` is the table's order). */
export function exportFlowLines(newestFirst: readonly Flow[]): string {
  const lines: string[] = [];
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const flow = newestFirst[i];
    if (flow === undefined) continue;
    const line: { flow: Flow; node_name?: string; time?: string } = { flow };
    if (flow.node_name !== undefined) line.node_name = flow.node_name;
    if (flow.time !== undefined) line.time = flow.time;
    lines.push(JSON.stringify(line));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export interface ImportedLost {
  readonly node: string;
  readonly source: string;
  readonly count: number;
}

export interface ImportResult {
  /** Newest first (the reverse of file order), at most MAX_IMPORT_FLOWS. */
  readonly flows: Flow[];
  /** Flows beyond the cap (the oldest of the file), not kept. */
  readonly dropped: number;
  readonly lost: ImportedLost[];
  readonly nodeStatus: number;
  /** Lines that are not GetFlowsResponse JSON (counted and skipped). */
  readonly errors: number;
  readonly firstError?: string;
}

export function parseFlowLines(text: string, maxFlows = MAX_IMPORT_FLOWS): ImportResult {
  const kept: Flow[] = [];
  const lost = new Map<string, { node: string; source: string; count: number }>();
  let total = 0;
  let nodeStatus = 0;
  let errors = 0;
  let firstError: string | undefined;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? text.length + 1 : end + 1;
    lineNo += 1;
    if (line.trim() === '') continue;
    const parsed = parseFlowJsonLine(line);
    if ('error' in parsed) {
      errors += 1;
      firstError ??= `line ${lineNo}: ${parsed.error}`;
      continue;
    }
    const event = parsed.event;
    if (event.kind === 'flow') {
      total += 1;
      kept.push(withNode(event.flow, event.nodeName));
    } else if (event.kind === 'lost') {
      const node = event.nodeName ?? 'unknown';
      const source = event.lost.source ?? 'UNKNOWN_LOST_EVENT_SOURCE';
      const n = Number(event.lost.num_events_lost ?? '0');
      const key = `${node}\u0000${source}`;
      const entry = lost.get(key) ?? { node, source, count: 0 };
      entry.count += Number.isFinite(n) ? n : 0;
      lost.set(key, entry);
    } else {
      nodeStatus += 1;
    }
  }
  const flows = kept.slice(Math.max(0, kept.length - maxFlows)).reverse();
  return {
    flows,
    dropped: total - flows.length,
    lost: [...lost.values()],
    nodeStatus,
    errors,
    ...(firstError !== undefined ? { firstError } : {}),
  };
}

// A field-masked flow may lack node_name while its response line has it; the table shows the node.
function withNode(flow: Flow, nodeName: string | undefined): Flow {
  return flow.node_name === undefined && nodeName !== undefined ? { ...flow, node_name: nodeName } : flow;
}

export function exportFileName(now: Date): string {
  return `skymap-flows-${now.toISOString().replace(/[:.]/g, '-')}.json`;
}
