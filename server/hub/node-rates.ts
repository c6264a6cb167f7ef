// Flows/s and drops/s per Hubble node (flow `node_name`) over the last 10 complete seconds, for the
// nodes view. Fixed buckets per node; nodes that go quiet for an hour are forgotten.
import type { FlowEvent } from '../domain/flow';

const SECONDS = 10;
// One slot more than the seconds averaged: the second being filled must not reuse the slot of the
// oldest second still counted (that dropped a tenth of the rate whenever the current second had flows).
const SLOTS = SECONDS + 1;

interface NodeBuckets {
  second: number[];
  flows: number[];
  drops: number[];
  lastSeen: number;
}

export class NodeRates {
  private readonly nodes = new Map<string, NodeBuckets>();

  record(events: readonly FlowEvent[], nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const slot = second % SLOTS;
    for (const event of events) {
      if (event.kind !== 'flow') continue;
      const name = event.flow.node_name ?? event.nodeName;
      if (!name) continue;
      let node = this.nodes.get(name);
      if (!node) {
        node = {
          second: new Array(SLOTS).fill(-1),
          flows: new Array(SLOTS).fill(0),
          drops: new Array(SLOTS).fill(0),
          lastSeen: nowMs,
        };
        this.nodes.set(name, node);
      }
      if (node.second[slot] !== second) {
        node.second[slot] = second;
        node.flows[slot] = 0;
        node.drops[slot] = 0;
      }
      node.flows[slot]! += 1;
      if (event.flow.verdict === 'DROPPED') node.drops[slot]! += 1;
      node.lastSeen = nowMs;
    }
  }

  rates(nowMs: number): Map<string, { flowsPerSecond: number; dropsPerSecond: number }> {
    const current = Math.floor(nowMs / 1000);
    const out = new Map<string, { flowsPerSecond: number; dropsPerSecond: number }>();
    for (const [name, node] of this.nodes) {
      if (nowMs - node.lastSeen > 3_600_000) {
        this.nodes.delete(name);
        continue;
      }
      let flows = 0;
      let drops = 0;
      for (let i = 0; i < SLOTS; i++) {
        const s = node.second[i]!;
        if (s < current && s >= current - SECONDS) {
          flows += node.flows[i]!;
          drops += node.drops[i]!;
        }
      }
      out.set(name, { flowsPerSecond: flows / SECONDS, dropsPerSecond: drops / SECONDS });
    }
    return out;
  }
}
