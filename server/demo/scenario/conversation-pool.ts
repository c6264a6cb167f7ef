// Weighted set of compiled conversations; picking is a binary search over cumulative weights.
import { compileConv } from './flow-compile';
import type { CompiledConv, Conv } from './flow-spec';
import type { Rng } from './prng';

export class ConversationPool {
  private readonly items: CompiledConv[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;
  /** Short conversations (pooled data exchanges, pings) by length, to fill the end of a window. */
  private fillers: CompiledConv[] | undefined;

  add(conv: Conv): void {
    if (!(conv.weight > 0)) return;
    const compiled = compileConv(conv);
    if (compiled.steps.length === 0) return;
    this.total += conv.weight;
    this.items.push(compiled);
    this.cumulative.push(this.total);
    this.fillers = undefined;
  }

  /** Adds one conversation per (client, server) pair, sharing `weight` between them. */
  addPairs<A, B>(
    clients: readonly A[],
    servers: readonly B[],
    weight: number,
    make: (a: A, b: B, w: number) => Conv | undefined,
  ): void {
    const n = clients.length * servers.length;
    if (n === 0) return;
    for (const a of clients) {
      for (const b of servers) {
        const conv = make(a, b, weight / n);
        if (conv) this.add(conv);
      }
    }
  }

  get size(): number {
    return this.items.length;
  }

  get totalWeight(): number {
    return this.total;
  }

  all(): readonly CompiledConv[] {
    return this.items;
  }

  /**
   * A conversation with at most `slots` events, so a window never ends in the middle of a
   * handshake, a verdict + drop pair or an L7 request/response. When even the shortest does not
   * fit, a pooled data exchange (no handshake, no L7, no policy events) is returned to be cut.
   */
  pickFitting(rng: Rng, slots: number): CompiledConv | undefined {
    for (let attempt = 0; attempt < 12; attempt++) {
      const c = this.pick(rng);
      if (c && c.steps.length <= slots) return c;
    }
    this.fillers ??= this.items
      .filter((c) => c.conv.established && !c.conv.http && !c.conv.deny && !c.conv.dns)
      .sort((a, b) => a.steps.length - b.steps.length);
    let end = 0;
    while (end < this.fillers.length && (this.fillers[end]?.steps.length ?? 0) <= slots) end++;
    if (end > 0) return this.fillers[rng.int(end)];
    return this.fillers[0] ?? this.pick(rng);
  }

  pick(rng: Rng): CompiledConv | undefined {
    if (this.items.length === 0) return undefined;
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
