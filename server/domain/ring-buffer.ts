// Fixed-capacity FIFO: the newest `capacity` items, oldest overwritten. Keeps flow history bounded
// whatever the ingest rate.
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new RangeError('capacity must be positive');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  /** Newest first, at most `limit`, stopping early when `accept` has collected enough. */
  newest(limit: number, accept: (item: T) => boolean = () => true): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count && out.length < limit; i++) {
      const index = (this.next - 1 - i + this.capacity) % this.capacity;
      const item = this.items[index] as T;
      if (accept(item)) out.push(item);
    }
    return out;
  }

  /** Newest first while `keep` holds (items are in insertion order, so this stops early). */
  newestWhile(limit: number, keep: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count && out.length < limit; i++) {
      const item = this.items[(this.next - 1 - i + this.capacity) % this.capacity] as T;
      if (!keep(item)) break;
      out.push(item);
    }
    return out;
  }
}
