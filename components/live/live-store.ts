// A tiny external store for high-rate streams: React reads it with useSyncExternalStore and is
// notified at most once per animation frame, however many messages arrive.
export class LiveStore<S> {
  private state: S;
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  constructor(initial: S) {
    this.state = initial;
  }

  get = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(next: (state: S) => S): void {
    this.state = next(this.state);
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = () => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    };
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
      requestAnimationFrame(flush);
    } else {
      setTimeout(flush, 16);
    }
  }
}
