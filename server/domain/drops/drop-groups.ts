// Bounded live state of dropped flows, grouped by (source node, target node, protocol, port, drop
// reason). Every DROPPED flow counts, as in `hubble observe`: Cilium reports a policy denial as a
// policy-verdict event AND a drop event for the same packet, and both are counted.
//
// Bounds: at most `maxGroups` groups (least recently seen evicted first), `maxNodes` node names per
// group (further names are counted, not kept) and a `sampleSize` ring of recent flows per group,
// which is what explanations read. The newest flow that names a policy (`*_denied_by`, only set on
// policy-verdict events) is kept beside the ring so attribution survives a run of plain drop events.

import type { Flow } from '../flow';
import { effectiveTime } from '../flow-time';
import { addDrops, type DropCounts, newDropCounts } from './drop-counts';
import { type DropKeyParts, dropKey, dropKeyParts } from './drop-key';

export interface DropGroupsOptions {
  readonly maxGroups?: number;
  readonly sampleSize?: number;
  readonly maxNodes?: number;
}

export interface DropGroupRecord extends DropKeyParts {
  readonly key: string;
  readonly counts: DropCounts;
  /** Epoch ms of the earliest and latest flow time seen (arrival time for flows without a time). */
  firstSeenMs: number;
  lastSeenMs: number;
  /** Node name → drops seen there (bounded). */
  readonly nodes: Map<string, number>;
  /** Drops on nodes beyond the `maxNodes` kept. */
  otherNodeDrops: number;
  readonly sample: Flow[];
  sampleNext: number;
  attributed?: Flow;
  /** Bumped on every drop: lets callers cache what they derive from the sample. */
  version: number;
}

export interface DropGroupsStats {
  /** DROPPED flows recorded (including those of groups evicted since). */
  drops: number;
  /** Groups evicted to stay under maxGroups. */
  evicted: number;
  /** Bumped whenever a group is created or evicted. */
  setVersion: number;
}

const DEFAULTS = { maxGroups: 5000, sampleSize: 20, maxNodes: 16 };

function names(flow: Flow, field: 'ingress_denied_by' | 'egress_denied_by'): boolean {
  const list: unknown = flow[field];
  return Array.isArray(list) && list.length > 0;
}

export class DropGroups {
  readonly stats: DropGroupsStats = { drops: 0, evicted: 0, setVersion: 0 };
  private readonly byKey = new Map<string, DropGroupRecord>();
  private readonly maxGroups: number;
  private readonly sampleSize: number;
  private readonly maxNodes: number;
  private lastTouched: DropGroupRecord | undefined;

  constructor(options: DropGroupsOptions = {}) {
    this.maxGroups = Math.max(1, Math.floor(options.maxGroups ?? DEFAULTS.maxGroups));
    this.sampleSize = Math.max(1, Math.floor(options.sampleSize ?? DEFAULTS.sampleSize));
    this.maxNodes = Math.max(1, Math.floor(options.maxNodes ?? DEFAULTS.maxNodes));
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): DropGroupRecord | undefined {
    return this.byKey.get(key);
  }

  groups(): IterableIterator<DropGroupRecord> {
    return this.byKey.values();
  }

  /**
   * Records one flow that arrived at `arrivedMs` (the ingest clock). Returns false, doing nothing,
   * for anything that is not a DROPPED flow object.
   */
  record(flow: Flow, arrivedMs: number): boolean {
    if (flow === null || typeof flow !== 'object' || flow.verdict !== 'DROPPED') return false;
    const parts = dropKeyParts(flow);
    const key = dropKey(parts);
    const t = Math.min(
      effectiveTime(typeof flow.time === 'string' ? flow.time : undefined, arrivedMs),
      arrivedMs,
    );
    let group = this.byKey.get(key);
    if (group === undefined) {
      group = this.create(key, parts, t);
    } else if (group !== this.lastTouched) {
      // Re-inserting keeps the Map in least-recently-seen order, so eviction takes the first entry.
      this.byKey.delete(key);
      this.byKey.set(key, group);
    }
    this.lastTouched = group;
    this.stats.drops += 1;
    addDrops(group.counts, t);
    if (t < group.firstSeenMs) group.firstSeenMs = t;
    if (t > group.lastSeenMs) group.lastSeenMs = t;
    this.countNode(group, flow.node_name);
    group.sample[group.sampleNext] = flow;
    group.sampleNext = (group.sampleNext + 1) % this.sampleSize;
    if (names(flow, 'ingress_denied_by') || names(flow, 'egress_denied_by')) group.attributed = flow;
    group.version += 1;
    return true;
  }

  /** The sampled flows of a group, oldest first, plus the attributed flow when the ring lost it. */
  sampleOf(group: DropGroupRecord): Flow[] {
    const out: Flow[] = [];
    const n = group.sample.length;
    for (let i = 0; i < n; i++) {
      const flow = group.sample[(group.sampleNext + i) % n];
      if (flow !== undefined) out.push(flow);
    }
    if (group.attributed !== undefined && !out.includes(group.attributed)) out.unshift(group.attributed);
    return out;
  }

  private create(key: string, parts: DropKeyParts, t: number): DropGroupRecord {
    const group: DropGroupRecord = {
      ...parts,
      key,
      counts: newDropCounts(),
      firstSeenMs: t,
      lastSeenMs: t,
      nodes: new Map(),
      otherNodeDrops: 0,
      sample: [],
      sampleNext: 0,
      version: 0,
    };
    this.byKey.set(key, group);
    this.stats.setVersion += 1;
    while (this.byKey.size > this.maxGroups) {
      const oldest = this.byKey.keys().next();
      if (oldest.done) break;
      this.byKey.delete(oldest.value);
      this.stats.evicted += 1;
    }
    return group;
  }

  private countNode(group: DropGroupRecord, node: unknown): void {
    const name = typeof node === 'string' && node !== '' ? node : 'unknown';
    const seen = group.nodes.get(name);
    if (seen !== undefined) group.nodes.set(name, seen + 1);
    else if (group.nodes.size < this.maxNodes) group.nodes.set(name, 1);
    else group.otherNodeDrops += 1;
  }
}
