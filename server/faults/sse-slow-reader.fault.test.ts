// A browser that stops reading its stream: through the real SSE transport, its queue stays bounded
// while the channel keeps publishing, it gets one snapshot when it resumes, and the SSE client
// counters (skymap_sse_clients) follow open and close.
import { describe, expect, it } from 'vitest';
import { LiveChannel } from '../hub/live-channel';
import { RuntimeMetrics } from '../hub/metrics';
import { sseResponse } from '../transport/sse';

const decoder = new TextDecoder();

interface Frame {
  event: string;
  seq: number;
  bytes: number;
}

/** Reads what the transport has already queued, without waiting for anything new. */
class Reader {
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  private buffer = '';

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async available(): Promise<Frame[]> {
    const frames: Frame[] = [];
    for (;;) {
      this.pending ??= this.reader.read();
      const result = await Promise.race([
        this.pending,
        new Promise<'empty'>((resolve) => setImmediate(() => resolve('empty'))),
      ]);
      if (result === 'empty') return frames;
      this.pending = undefined;
      if (result.done) return frames;
      this.buffer += decoder.decode(result.value);
      let end = this.buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event) {
          frames.push({ event, seq: Number(/^id: (\d+)$/m.exec(block)?.[1]), bytes: block.length });
        }
        end = this.buffer.indexOf('\n\n');
      }
    }
  }
}

describe('SSE client that stops reading', () => {
  it('bounds its queue, resyncs it with a snapshot, and counts clients', async () => {
    let state = 0;
    const channel = new LiveChannel('test', () => ({ state }));
    const metrics = new RuntimeMetrics();
    const abort = new AbortController();
    const response = sseResponse(channel, abort.signal, metrics.sse);
    const body = response.body;
    if (!body) throw new Error('no body');
    const reader = new Reader(body.getReader());
    expect(metrics.sseClients).toBe(1);

    const first = await reader.available();
    expect(first.map((f) => f.event)).toEqual(['snapshot']);

    // The browser stops reading. 2,000 ticks of 20 KB deltas = 40 MB if anything buffered them all.
    const payload = 'p'.repeat(20_000);
    for (let i = 0; i < 2000; i++) {
      state += 1;
      channel.publish({ payload, state });
    }
    const queued = await reader.available();
    // The transport's queue holds a handful of frames, not 2,000: its 8 slots plus the one frame the
    // reader's outstanding read() took straight away.
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.length).toBeLessThanOrEqual(9);
    expect(queued.every((f) => f.event === 'delta')).toBe(true);
    const queuedBytes = queued.reduce((sum, f) => sum + f.bytes, 0);
    expect(queuedBytes).toBeLessThan(10 * 20_100);

    // Resumed: the next tick brings a snapshot of the current state, then deltas continue in order.
    state += 1;
    channel.publish({ payload: 'small', state });
    const resync = await reader.available();
    expect(resync.map((f) => f.event)).toEqual(['snapshot']);
    expect(resync[0]?.seq).toBe(channel.sequence);
    state += 1;
    channel.publish({ state });
    const next = await reader.available();
    expect(next.map((f) => [f.event, f.seq])).toEqual([['delta', channel.sequence]]);

    abort.abort();
    expect(metrics.sseClients).toBe(0);
    expect(metrics.sseConnectionsTotal).toBe(1);
    expect(channel.size).toBe(0);
  });
});
