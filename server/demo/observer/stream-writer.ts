// Per-client writer with Hubble's slow-reader semantics and bounded memory. Messages go to the
// gRPC stream only while it accepts them (write() true); after a false we wait for 'drain' and
// hold later events in our own queue of at most `maxPending`. Past that, events are skipped and
// counted, and once the client catches up one lost_events (HUBBLE_RING_BUFFER, N) marks the gap,
// like a Hubble reader that fell a ring behind. The back-fill is written at the client's pace too.
//
// Why our own queue rather than grpc-js's buffer: its object-mode Writable says "full" at 16
// messages, so write() === false is a normal event during any burst, not a slow client; keeping
// the overflow here makes the budget explicit, countable and skippable.

export interface WritableCall {
  write(chunk: Uint8Array): boolean;
  on(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

export interface StreamWriterOptions {
  readonly maxPending: number;
  /** Serialized lost_events response for `count` skipped events. */
  readonly lostEvent: (count: number) => Uint8Array;
  /** Called once when the back-fill has been handed to the stream (for non-follow requests). */
  readonly onBackfillWritten?: () => void;
}

export class StreamWriter {
  /** Events skipped since the last lost_events marker. */
  skipped = 0;
  /** All events skipped over the stream's life. */
  totalSkipped = 0;
  private blocked = false;
  private closed = false;
  private backlog: Iterator<Uint8Array> | undefined;
  private queue: Uint8Array[] = [];
  private queueHead = 0;
  private readonly maxPending: number;
  private readonly onDrain = () => {
    this.blocked = false;
    this.pump();
  };

  constructor(
    private readonly call: WritableCall,
    private readonly options: StreamWriterOptions,
  ) {
    this.maxPending = Math.max(1, Math.floor(options.maxPending));
    call.on('drain', this.onDrain);
  }

  /** Starts writing the back-fill; live events offered meanwhile are queued behind it. */
  start(backfill: Iterable<Uint8Array>): void {
    this.backlog = backfill[Symbol.iterator]();
    this.pump();
  }

  /** A live event. */
  offer(bytes: Uint8Array): void {
    if (this.closed) return;
    if (this.skipped > 0) {
      // The gap is still open: everything up to the marker belongs to it.
      this.skip();
    } else if (!this.blocked && this.backlog === undefined && this.queueLength() === 0) {
      this.write(bytes);
    } else if (this.queueLength() < this.maxPending) {
      this.queue.push(bytes);
    } else {
      this.skip();
    }
  }

  /** Messages waiting in this writer (not yet handed to grpc-js). */
  get pending(): number {
    return this.queueLength();
  }

  close(): void {
    this.closed = true;
    this.backlog = undefined;
    this.queue = [];
    this.queueHead = 0;
    this.call.removeListener('drain', this.onDrain);
  }

  private queueLength(): number {
    return this.queue.length - this.queueHead;
  }

  private skip(): void {
    this.skipped += 1;
    this.totalSkipped += 1;
  }

  private write(bytes: Uint8Array): void {
    if (!this.call.write(bytes)) this.blocked = true;
  }

  private pump(): void {
    while (!this.closed && !this.blocked) {
      if (this.backlog !== undefined) {
        const next = this.backlog.next();
        if (!next.done) {
          this.write(next.value);
          continue;
        }
        this.backlog = undefined;
        this.options.onBackfillWritten?.();
        continue;
      }
      if (this.queueLength() > 0) {
        this.write(this.queue[this.queueHead]!);
        this.queueHead += 1;
        continue;
      }
      this.queue = [];
      this.queueHead = 0;
      if (this.skipped > 0) {
        const count = this.skipped;
        this.skipped = 0;
        this.write(this.options.lostEvent(count));
      }
      return;
    }
    // Blocked with a partly written queue: drop the written prefix so memory stays bounded.
    if (this.queueHead > 1024) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }
}
