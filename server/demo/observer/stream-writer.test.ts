import { describe, expect, it } from 'vitest';
import { StreamWriter, type WritableCall } from './stream-writer';

// A stand-in for grpc-js's object-mode server stream: write() is false from 16 buffered messages
// on, and flush() delivers everything then emits 'drain' like a Writable would.
class FakeCall implements WritableCall {
  readonly sent: string[] = [];
  buffered: string[] = [];
  private drainListeners: (() => void)[] = [];
  private needDrain = false;

  get writableLength(): number {
    return this.buffered.length;
  }

  write(chunk: Uint8Array): boolean {
    this.buffered.push(new TextDecoder().decode(chunk));
    const ok = this.buffered.length < 16;
    if (!ok) this.needDrain = true;
    return ok;
  }

  flush(): void {
    this.sent.push(...this.buffered);
    this.buffered = [];
    if (this.needDrain) {
      this.needDrain = false;
      for (const l of [...this.drainListeners]) l();
    }
  }

  on(_event: 'drain', listener: () => void): void {
    this.drainListeners.push(listener);
  }

  removeListener(_event: 'drain', listener: () => void): void {
    this.drainListeners = this.drainListeners.filter((l) => l !== listener);
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const lost = (n: number) => enc(`lost:${n}`);
const items = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => enc(`${prefix}${i}`));

describe('StreamWriter', () => {
  it('writes bursts larger than the high-water mark without loss while under budget', () => {
    const call = new FakeCall();
    const w = new StreamWriter(call, { maxPending: 100, lostEvent: lost });
    w.start([]);
    for (const b of items('e', 60)) w.offer(b);
    expect(call.writableLength).toBe(16);
    expect(w.pending).toBe(44);
    while (call.writableLength > 0) call.flush();
    expect(call.sent).toEqual(items('e', 60).map((b) => new TextDecoder().decode(b)));
    expect(w.totalSkipped).toBe(0);
  });

  it('skips past the budget and reports one lost event when the client catches up', () => {
    const call = new FakeCall();
    const w = new StreamWriter(call, { maxPending: 20, lostEvent: lost });
    w.start([]);
    for (const b of items('e', 50)) w.offer(b);
    expect(call.writableLength).toBe(16);
    expect(w.pending).toBe(20);
    expect(w.skipped).toBe(14);
    call.flush();
    w.offer(enc('gap'));
    while (call.writableLength > 0) call.flush();
    for (const b of items('n', 2)) w.offer(b);
    call.flush();
    expect(call.sent).toEqual([
      ...items('e', 36).map((b) => new TextDecoder().decode(b)),
      'lost:15',
      'n0',
      'n1',
    ]);
  });

  it('paces the back-fill on drain and queues live events behind it', () => {
    const call = new FakeCall();
    let written = 0;
    const w = new StreamWriter(call, { maxPending: 16, lostEvent: lost, onBackfillWritten: () => written++ });
    w.start(items('b', 40));
    expect(call.writableLength).toBe(16);
    w.offer(enc('live0'));
    w.offer(enc('live1'));
    while (written === 0 || call.writableLength > 0) call.flush();
    expect(written).toBe(1);
    expect(call.sent.slice(-3)).toEqual(['b39', 'live0', 'live1']);
    expect(call.sent).toHaveLength(42);
  });

  it('bounds the queue behind a stalled back-fill and keeps the gap contiguous', () => {
    const call = new FakeCall();
    const w = new StreamWriter(call, { maxPending: 16, lostEvent: lost });
    w.start(items('b', 20));
    for (const b of items('q', 20)) w.offer(b);
    expect(w.skipped).toBe(4);
    for (let i = 0; i < 10; i++) call.flush();
    w.offer(enc('after'));
    call.flush();
    expect(call.sent).toHaveLength(20 + 16 + 1 + 1);
    expect(call.sent.at(-2)).toBe('lost:4');
    expect(call.sent.at(-1)).toBe('after');
  });

  it('stops after close()', () => {
    const call = new FakeCall();
    const w = new StreamWriter(call, { maxPending: 16, lostEvent: lost });
    w.start([]);
    w.close();
    w.offer(enc('x'));
    expect(call.writableLength).toBe(0);
  });
});
