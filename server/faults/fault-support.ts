// Shared by the fault tests: the demo cluster's Relay (memory source + real gRPC Observer server),
// a Relay client wired into a Hub the way server/runtime/start-sources.ts wires it (with short
// backoffs so recoveries happen within a test), and small helpers.
import { createMemorySource, createObserverServer, type MemorySource } from '../demo/observer';
import type { EncodedEvent, ObserverServer, ObserverSource } from '../demo/observer/types';
import type { FlowEvent } from '../domain/flow';
import { Hub } from '../hub/hub';
import { createRelayClient } from '../sources/hubble/relay-client';
import type {
  RelayClient,
  RelayClientOptions,
  RelayFlowsRequest,
  RelayNode,
} from '../sources/hubble/relay-types';
import { freePort } from '../test-support/free-port';

export { testFlow, testLost, waitFor } from '../demo/observer/test-helpers';
// Re-exported: callers import it from here with the rest of the process helpers.
export { freePort };

export function newHub(): Hub {
  return new Hub({ flowHistory: 50_000, now: Date.now });
}

/** A memory source that can also push raw bytes to live streams (malformed messages). */
export interface FaultySource extends ObserverSource {
  readonly memory: MemorySource;
  publish(events: readonly FlowEvent[]): void;
  injectRaw(chunks: readonly Uint8Array[]): void;
}

export function createFaultySource(nodes: readonly Pick<RelayNode, 'name' | 'state'>[]): FaultySource {
  const memory = createMemorySource({ nodes });
  const listeners = new Set<(batch: readonly EncodedEvent[]) => void>();
  // A lost event as the carrier: the server never filters those, so the bytes go out unchanged.
  const carrier: FlowEvent = { kind: 'lost', lost: { num_events_lost: '0' } };
  return {
    memory,
    history: () => memory.history(),
    nodes: () => memory.nodes(),
    serverStatus: () => memory.serverStatus(),
    namespaces: () => memory.namespaces(),
    subscribe(listener) {
      listeners.add(listener);
      const off = memory.subscribe(listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
    publish: (events) => {
      memory.publish(events);
    },
    injectRaw(chunks) {
      const batch = chunks.map((bytes) => ({ event: carrier, bytes }));
      for (const listener of [...listeners]) listener(batch);
    },
  };
}

export async function startRelay(
  source: ObserverSource,
  options: { port?: number; onRequest?: (req: RelayFlowsRequest) => void } = {},
): Promise<ObserverServer> {
  return createObserverServer({ source, port: options.port ?? 0, onRequest: options.onRequest });
}

/** The production wiring of start-sources.ts, with test-sized backoff and polling. */
export function connectHub(hub: Hub, address: string, extra: Partial<RelayClientOptions> = {}): RelayClient {
  return createRelayClient({
    address,
    batchMaxDelayMs: 5,
    backoff: { initialMs: 20, multiplier: 2, maxMs: 100, jitter: 0 },
    statusPollMs: 100,
    onEvents: (batch) => hub.ingest(batch),
    onMalformed: (count) => hub.countMalformed(count),
    onStatus: (status) =>
      hub.setRelayStatus({
        state: status.state,
        address: status.address,
        lastError: status.lastError,
        reconnects: status.reconnects,
        demo: false,
      }),
    onServerStatus: (status) => {
      hub.hubble = { ...hub.hubble, serverStatus: status };
    },
    onNodes: (nodes) => {
      hub.hubble = { ...hub.hubble, nodes };
    },
    ...extra,
  });
}

/** uuids of the flows the hub holds, oldest first. */
export function hubUuids(hub: Hub): string[] {
  return hub.flows
    .newest(hub.flows.size)
    .map((s) => s.flow.uuid ?? '')
    .reverse();
}
