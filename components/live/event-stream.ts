// EventSource wrapper for Skymap's snapshot/delta streams: checks sequence numbers and reconnects on
// a gap, so the server sends a fresh snapshot instead of the client applying deltas to stale state.
export interface StreamHandlers<Snapshot, Delta> {
  onSnapshot(body: Snapshot): void;
  onDelta(body: Delta): void;
  onStatus(status: 'connecting' | 'open' | 'error'): void;
}

export function openEventStream<Snapshot extends { seq: number }, Delta extends { seq: number }>(
  url: string,
  handlers: StreamHandlers<Snapshot, Delta>,
): () => void {
  let source: EventSource | undefined;
  let lastSeq = -1;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (closed) return;
    handlers.onStatus('connecting');
    source = new EventSource(url);
    source.addEventListener('open', () => handlers.onStatus('open'));
    source.addEventListener('snapshot', (event) => {
      const body = JSON.parse((event as MessageEvent<string>).data) as Snapshot;
      lastSeq = body.seq;
      handlers.onSnapshot(body);
    });
    source.addEventListener('delta', (event) => {
      const body = JSON.parse((event as MessageEvent<string>).data) as Delta;
      if (lastSeq >= 0 && body.seq !== lastSeq + 1) {
        // Missed a delta: start over with a snapshot rather than show wrong numbers.
        source?.close();
        lastSeq = -1;
        retry = setTimeout(connect, 100);
        return;
      }
      lastSeq = body.seq;
      handlers.onDelta(body);
    });
    source.addEventListener('error', () => {
      handlers.onStatus('error');
    });
  };
  connect();
  return () => {
    closed = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
