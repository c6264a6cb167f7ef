// One live stream (a map view, the flow tail, …) shared by every browser that watches it. Each tick
// the channel serialises its delta ONCE and hands the same string to every subscriber; a subscriber
// that fell behind (its transport queue is full) skips deltas and gets one snapshot when it drains,
// so a slow browser costs bounded memory and never slows the others.

export interface ChannelMessage {
  readonly seq: number;
  readonly event: 'snapshot' | 'delta';
  /** Already-serialised JSON payload. */
  readonly data: string;
}

export interface Subscriber {
  /** Returns false when the subscriber could not take the message (queue full). */
  send(message: ChannelMessage): boolean;
  /** True when the subscriber's queue has room again. */
  ready(): boolean;
}

interface SubscriberState {
  readonly subscriber: Subscriber;
  needsSnapshot: boolean;
}

export class LiveChannel {
  private seq = 0;
  private readonly subscribers = new Set<SubscriberState>();
  private cachedSnapshot: ChannelMessage | undefined;

  constructor(
    readonly key: string,
    private readonly snapshot: () => unknown,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  get sequence(): number {
    return this.seq;
  }

  subscribe(subscriber: Subscriber): () => void {
    const state: SubscriberState = { subscriber, needsSnapshot: true };
    this.subscribers.add(state);
    this.deliverSnapshot(state);
    return () => {
      this.subscribers.delete(state);
    };
  }

  /**
   * Publishes one tick. `delta` is undefined when nothing changed: subscribers in sync get nothing,
   * lagging ones still get their snapshot once they drain.
   */
  publish(delta: unknown | undefined): void {
    this.cachedSnapshot = undefined;
    let message: ChannelMessage | undefined;
    if (delta !== undefined) {
      this.seq += 1;
      message = {
        seq: this.seq,
        event: 'delta',
        data: JSON.stringify({ seq: this.seq, ...(delta as object) }),
      };
    }
    for (const state of this.subscribers) {
      if (state.needsSnapshot) {
        this.deliverSnapshot(state);
      } else if (message && !state.subscriber.send(message)) {
        state.needsSnapshot = true;
      }
    }
  }

  private deliverSnapshot(state: SubscriberState): void {
    if (!state.subscriber.ready()) return;
    if (this.cachedSnapshot === undefined) {
      const body = this.snapshot();
      this.cachedSnapshot = {
        seq: this.seq,
        event: 'snapshot',
        data: JSON.stringify({ seq: this.seq, ...(body as object) }),
      };
    }
    state.needsSnapshot = !state.subscriber.send(this.cachedSnapshot);
  }
}
