// flowsBetween: `count` events spread over [from, to), one slot per event (slot i lies in the i-th
// equal sub-interval, so output is sorted without sorting). Consecutive slots are filled with the
// events of one connection, so requests, replies and L7 pairs stay adjacent. Node transitions and
// lost-event bursts take the slot at their instant.
import type { FlowEvent, LostEvent } from '../../domain/flow';
import { FlowTimeFormatter } from './clock';
import type { ClusterModel, NodeModel, PodModel } from './cluster-model';
import type { ConversationPool } from './conversation-pool';
import { buildBasePool } from './conversations';
import { emitStep, makeInstance } from './flow-emit';
import type { Attribution, CompiledConv } from './flow-spec';
import { POLICY, policyRef } from './policies';
import { fmix32, mix, mixNumber, Rng, uuidFromWords } from './prng';
import type { ScaleModel } from './scale';
import { lostBurstsBetween, nodeTransitionsBetween, phaseAt } from './timeline';
import type { ScenarioPhase } from './types';

const BASE_POD_WEIGHT = 40;
const LOST_PER_CONVERSATION = 1 / 5000;
const APP_NAMESPACES = new Set(['shop', 'payments', 'batch', 'monitoring']);

type SlotEvent = (time: string) => FlowEvent;

/** What one phase's traffic needs: the base conversations and the peers scale traffic uses. */
interface PoolEntry {
  readonly pool: ConversationPool;
  readonly clients: readonly PodModel[];
  readonly dns: readonly PodModel[];
  readonly dnsAllow: Attribution;
}

export class FlowGenerator {
  private readonly pools = new Map<string, PoolEntry>();

  constructor(
    private readonly model: ClusterModel,
    private readonly scale: () => ScaleModel,
    private readonly hasScale: boolean,
    private readonly relayNode: NodeModel,
    private readonly flakyNode: NodeModel,
  ) {}

  flowsBetween(fromMs: number, toMs: number, count: number): FlowEvent[] {
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !Number.isFinite(count)) return [];
    const n = Math.floor(count);
    const base = Math.ceil(fromMs);
    const spanNs = Math.floor((toMs - base) * 1_000_000);
    if (n <= 0 || spanNs <= 0) return [];
    const seed = this.model.seed;
    const windowHash = mix(mixNumber(mixNumber(mix(seed, n), base), toMs), 0x5eed);
    const rng = new Rng(windowHash);
    const w = [mix(windowHash, 1), mix(windowHash, 2), mix(windowHash, 3), mix(windowHash, 4)] as const;
    const fmt = new FlowTimeFormatter();
    const jitter = mix(windowHash, 5);
    let slotMs = 0;
    const slotTime = (i: number): string => {
      const u = fmix32(mix(jitter, i)) / 4294967296;
      const off = Math.floor(((i + u) / n) * spanNs);
      const msOff = Math.floor(off / 1_000_000);
      slotMs = base + msOff;
      return fmt.format(slotMs, off - msOff * 1_000_000);
    };
    const uuid = (i: number): string => uuidFromWords(mix(w[0], i), mix(w[1], i), mix(w[2], i), mix(w[3], i));
    const reserved = this.reservedSlots(base, toMs, n, spanNs / 1_000_000);
    const out: FlowEvent[] = [];
    let i = 0;
    const flushReserved = (): boolean => {
      const r = reserved.get(i);
      if (!r) return false;
      out.push(r(slotTime(i)));
      i++;
      return true;
    };
    while (i < n) {
      if (flushReserved()) continue;
      const firstTime = slotTime(i);
      const phase = phaseAt(this.model.startMs, slotMs);
      if (rng.chance(LOST_PER_CONVERSATION)) {
        out.push(this.randomLost(rng, phase, firstTime));
        i++;
        continue;
      }
      let reservedAhead = 0;
      for (const at of reserved.keys()) if (at > i) reservedAhead++;
      const cc = this.pickConversation(rng, phase, n - i - reservedAhead);
      if (!cc) {
        // Only reachable with an empty pool; keep the `count` contract anyway.
        out.push(this.randomLost(rng, phase, firstTime));
        i++;
        continue;
      }
      const inst = makeInstance(cc, rng, phase);
      let first = true;
      for (const step of cc.steps) {
        if (i >= n) break;
        while (i < n && flushReserved()) first = false;
        if (i >= n) break;
        const time = first ? firstTime : slotTime(i);
        first = false;
        out.push(emitStep(step, inst, cc.conv.dport, time, uuid(i), cc.oneShot));
        i++;
      }
    }
    return out;
  }

  private poolFor(phase: ScenarioPhase) {
    const key = `${phase.cycleIndex}|${phase.catalogRevision}|${phase.nodeDown}|${phase.denyPolicyActive}|${phase.staleCatalogIps}|${phase.policyRevision}`;
    let entry = this.pools.get(key);
    if (!entry) {
      const set = this.model.podsAt(phase);
      const pool = buildBasePool(this.model, set, phase);
      const clients = set.pods.filter((p) => p.up && p.ip !== undefined && APP_NAMESPACES.has(p.namespace));
      const dns = (set.byWorkload.get('kube-system/coredns') ?? []).filter((p) => p.up);
      const dnsAllow: Attribution = {
        verdict: 'REDIRECTED',
        match: 2,
        by: [policyRef(this.model.seed, POLICY.dnsVisibility, phase.policyRevision)],
      };
      entry = { pool, clients, dns, dnsAllow };
      if (this.pools.size >= 8) this.pools.clear();
      this.pools.set(key, entry);
    }
    return entry;
  }

  private pickConversation(rng: Rng, phase: ScenarioPhase, slots: number): CompiledConv | undefined {
    const entry = this.poolFor(phase);
    if (this.hasScale) {
      const scale = this.scale();
      const extra = scale.pods.length;
      const pScale = extra > 0 ? extra / (extra + BASE_POD_WEIGHT) : scale.externalIpCount > 0 ? 0.3 : 0;
      if (rng.chance(pScale)) {
        const cc = scale.randomConversation(rng, entry.dns, entry.dnsAllow, entry.clients);
        if (cc && cc.steps.length <= slots) return cc;
      }
    }
    return entry.pool.pickFitting(rng, slots);
  }

  private randomLost(rng: Rng, phase: ScenarioPhase, time: string): FlowEvent {
    const nodes = this.model.nodes.filter((n) => !(n.flaky && phase.nodeDown));
    const node = nodes[rng.int(nodes.length)] ?? this.relayNode;
    const perf = rng.chance(0.25);
    const lost: LostEvent = perf
      ? { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: String(1 + rng.int(40)), cpu: rng.int(4) }
      : { source: 'HUBBLE_RING_BUFFER', num_events_lost: String(1 + rng.int(300)) };
    return { kind: 'lost', lost, nodeName: node.hubbleName, time };
  }

  private reservedSlots(base: number, toMs: number, n: number, spanMs: number): Map<number, SlotEvent> {
    const out = new Map<number, SlotEvent>();
    const place = (atMs: number, ev: SlotEvent) => {
      let i = Math.min(n - 1, Math.max(0, Math.ceil(((atMs - base) / spanMs) * n)));
      while (out.has(i) && i < n - 1) i++;
      if (!out.has(i)) out.set(i, ev);
    };
    const start = this.model.startMs;
    for (const tr of nodeTransitionsBetween(start, base, toMs)) {
      place(tr.atMs, (time) => ({
        kind: 'node-status',
        status: { state_change: tr.state, node_names: [this.flakyNode.hubbleName] },
        nodeName: this.relayNode.hubbleName,
        time,
      }));
    }
    const busy = this.model.nodes.find((nd) => nd.name === 'talos-worker-1') ?? this.relayNode;
    for (const at of lostBurstsBetween(start, base, toMs)) {
      place(at, (time) => ({
        kind: 'lost',
        lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '1843' },
        nodeName: busy.hubbleName,
        time,
      }));
    }
    return out;
  }
}
