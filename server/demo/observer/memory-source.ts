// A ready-made ObserverSource: per-node ring buffers (Hubble's 4,095 by default) fed by publish().
// The demo scenario can use it directly; tests use it to drive the server.
import type { FlowEvent } from '../../domain/flow';
import type { RelayNamespace, RelayNode, ServerStatus } from '../../sources/hubble/relay-types';
import { eventNode } from './backfill';
import { encodeEvents } from './encode-events';
import type { EncodedEvent, ObserverSource } from './types';

export interface MemorySourceOptions {
  /** Nodes Relay reports; counters are filled in from what was published. */
  readonly nodes: readonly Pick<RelayNode, 'name' | 'state'>[];
  /** Ring capacity per node. Default 4095. */
  readonly capacityPerNode?: number;
  readonly version?: string;
  readonly now?: () => number;
}

export interface MemorySource extends ObserverSource {
  /** Appends to the rings (oldest evicted per node) and notifies subscribers once, pre-encoded. */
  publish(events: readonly FlowEvent[]): EncodedEvent[];
  setNodeState(name: string, state: RelayNode['state']): void;
  readonly subscriberCount: number;
}

interface Ring {
  entries: { seq: number; event: FlowEvent }[];
  head: number;
  seen: number;
}

export function createMemorySource(options: MemorySourceOptions): MemorySource {
  const capacity = Math.max(1, Math.floor(options.capacityPerNode ?? 4095));
  const now = options.now ?? Date.now;
  const startedMs = now();
  const version = options.version ?? 'v1.19.4-skymap-demo';
  const nodes = new Map(options.nodes.map((n) => [n.name, { ...n }]));
  const rings = new Map<string, Ring>();
  const listeners = new Set<(batch: readonly EncodedEvent[]) => void>();
  const namespaces = new Map<string, RelayNamespace>();
  let seq = 0;

  const ring = (node: string): Ring => {
    let r = rings.get(node);
    if (!r) {
      r = { entries: [], head: 0, seen: 0 };
      rings.set(node, r);
    }
    return r;
  };
  const retained = (r: Ring | undefined) => (r ? r.entries.length - r.head : 0);
  const uptimeNs = () => Math.max(0, now() - startedMs) * 1e6;

  function noteNamespaces(event: FlowEvent): void {
    if (event.kind !== 'flow') return;
    for (const ep of [event.flow.source, event.flow.destination]) {
      if (ep?.namespace) {
        const cluster = ep.cluster_name ?? 'default';
        namespaces.set(`${cluster}/${ep.namespace}`, { cluster, namespace: ep.namespace });
      }
    }
  }

  function nodeList(): RelayNode[] {
    return [...nodes.values()].map((n) => {
      const r = rings.get(n.name);
      const up = n.state === 'NODE_CONNECTED';
      return {
        name: n.name,
        state: n.state,
        version: up ? version : '',
        address: `${n.name}:4244`,
        uptimeNs: up ? uptimeNs() : 0,
        numFlows: up ? retained(r) : 0,
        maxFlows: up ? capacity : 0,
        seenFlows: up ? (r?.seen ?? 0) : 0,
        tls: { enabled: true, serverName: `${n.name}.default.hubble-grpc.cilium.io` },
      };
    });
  }

  return {
    get subscriberCount() {
      return listeners.size;
    },
    publish(events: readonly FlowEvent[]): EncodedEvent[] {
      for (const event of events) {
        if (event.kind === 'node-status') continue;
        const r = ring(eventNode(event));
        r.entries.push({ seq: seq++, event });
        if (event.kind === 'flow') r.seen += 1;
        if (r.entries.length - r.head > capacity) r.head += 1;
        if (r.head > 4096 && r.head * 2 > r.entries.length) {
          r.entries = r.entries.slice(r.head);
          r.head = 0;
        }
        noteNamespaces(event);
      }
      const encoded = encodeEvents(events);
      if (encoded.length > 0) for (const l of [...listeners]) l(encoded);
      return encoded;
    },
    setNodeState(name, state): void {
      const node = nodes.get(name);
      if (node) node.state = state;
      else nodes.set(name, { name, state });
    },
    history(): readonly FlowEvent[] {
      const all: { seq: number; event: FlowEvent }[] = [];
      for (const r of rings.values()) for (let i = r.head; i < r.entries.length; i++) all.push(r.entries[i]!);
      all.sort((a, b) => a.seq - b.seq);
      return all.map((e) => e.event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    nodes: nodeList,
    serverStatus(): ServerStatus {
      const list = nodeList();
      const up = list.filter((n) => n.state === 'NODE_CONNECTED');
      const down = list.filter((n) => n.state !== 'NODE_CONNECTED').map((n) => n.name);
      const seen = up.reduce((s, n) => s + n.seenFlows, 0);
      const seconds = uptimeNs() / 1e9;
      return {
        numFlows: up.reduce((s, n) => s + n.numFlows, 0),
        maxFlows: up.reduce((s, n) => s + n.maxFlows, 0),
        seenFlows: seen,
        uptimeNs: uptimeNs(),
        numConnectedNodes: up.length,
        numUnavailableNodes: down.length,
        unavailableNodes: down.slice(0, 10),
        version: `hubble-relay ${version}`,
        flowsRate: seconds > 0 ? seen / seconds : 0,
      };
    },
    namespaces(): readonly RelayNamespace[] {
      return [...namespaces.values()].sort((a, b) =>
        a.cluster === b.cluster ? a.namespace.localeCompare(b.namespace) : a.cluster.localeCompare(b.cluster),
      );
    },
  };
}
