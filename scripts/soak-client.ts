// One SSE client of the soak test: counts frames and bytes and, for flow-tail deltas, the delivery
// latency (receive time minus the tick's own timestamp).
export interface ClientStats {
  kind: 'flows' | 'map';
  frames: number;
  snapshots: number;
  bytes: number;
  /** Flow tail only: client receive time minus the tick's own timestamp (stats.now). */
  latenciesMs: number[];
  errors: number;
}

export function openClient(url: string, kind: ClientStats['kind'], signal: AbortSignal): ClientStats {
  const stats: ClientStats = { kind, frames: 0, snapshots: 0, bytes: 0, latenciesMs: [], errors: 0 };
  const run = async () => {
    const response = await fetch(url, { signal, headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      const received = Date.now();
      stats.bytes += chunk.byteLength;
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const event = /^event: (\w+)$/m.exec(block)?.[1];
        if (event === undefined) continue;
        stats.frames += 1;
        if (event === 'snapshot') stats.snapshots += 1;
        // Only the head of the payload is read: a full JSON.parse per frame would load the soak
        // process itself, which shares the machine with the server under test.
        const now = /"now":"([^"]+)"/.exec(block.slice(0, 400))?.[1];
        if (kind === 'flows' && event === 'delta' && now !== undefined) {
          stats.latenciesMs.push(received - Date.parse(now));
        }
      }
    }
  };
  run().catch((err: unknown) => {
    if (!signal.aborted) {
      stats.errors += 1;
      console.error(`soak client ${kind}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return stats;
}
