// Starts Talos API polling from a TALOSCONFIG path (validated at config load). Returns the stop
// function for the runtime's disposers; a file that became unreadable since start-up is logged and
// left alone rather than crashing the dashboard.
import { readFileSync } from 'node:fs';
import { createTalosClient, type TalosNodeStatus } from './talos-client';
import { parseTalosconfig } from './talosconfig';

export interface TalosSink {
  configure(context: string): void;
  update(nodes: readonly TalosNodeStatus[]): void;
}

export function startTalosSource(path: string, sink: TalosSink, intervalMs = 30_000): () => void {
  let text: string;
  try {
    text = readFileSync(/*turbopackIgnore: true*/ path, 'utf8');
  } catch (err) {
    console.error(`skymap: TALOSCONFIG: cannot read "${path}" (${err instanceof Error ? err.message : err})`);
    return () => {};
  }
  const parsed = parseTalosconfig(text);
  if (!parsed.ok) {
    console.error(`skymap: ${parsed.error}`);
    return () => {};
  }
  sink.configure(parsed.context.name);
  const client = createTalosClient({
    context: parsed.context,
    intervalMs,
    onUpdate: (nodes) => sink.update(nodes),
  });
  client.start();
  return () => client.stop();
}
