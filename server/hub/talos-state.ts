// Latest Talos API poll results (per node Version + ServiceList), kept in the Hub so GET /api/nodes
// can merge them with the Kubernetes node list. Plain data in, plain data out; no I/O here.
import type { TalosNodeStatus } from '../sources/talos/talos-client';

export interface TalosStateSnapshot {
  /** Set once the Talos source started (TALOSCONFIG is set); null → not configured. */
  readonly context: string | null;
  readonly nodes: readonly TalosNodeStatus[];
  readonly polls: number;
}

export class TalosState {
  private context: string | null = null;
  private nodes: readonly TalosNodeStatus[] = [];
  private polls = 0;

  configure(context: string): void {
    this.context = context;
  }

  update(nodes: readonly TalosNodeStatus[]): void {
    this.nodes = nodes;
    this.polls += 1;
  }

  snapshot(): TalosStateSnapshot {
    return { context: this.context, nodes: this.nodes, polls: this.polls };
  }
}
