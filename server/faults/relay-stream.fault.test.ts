// Relay faults against the demo cluster's Relay (memory source + real gRPC Observer server) with the
// production Relay client feeding a Hub: streams cut mid-flight, lost events and unavailable nodes.
import { afterEach, describe, expect, it } from 'vitest';
import type { ObserverServer } from '../demo/observer/types';
import type { FlowEvent } from '../domain/flow';
import type { RelayClient, RelayFlowsRequest } from '../sources/hubble/relay-types';
import {
  connectHub,
  createFaultySource,
  hubUuids,
  newHub,
  startRelay,
  testFlow,
  testLost,
  waitFor,
} from './fault-support';

let client: RelayClient | undefined;
let server: ObserverServer | undefined;

afterEach(async () => {
  client?.stop();
  client = undefined;
  await server?.close();
  server = undefined;
});

describe('Relay stream cut mid-flight', () => {
  it('re-subscribes with since and de-duplicates: hub totals equal what was published', async () => {
    const nodes = ['n1', 'n2', 'n3'];
    const source = createFaultySource(nodes.map((name) => ({ name, state: 'NODE_CONNECTED' as const })));
    const requests: RelayFlowsRequest[] = [];
    server = await startRelay(source, { onRequest: (req) => requests.push(req) });
    const hub = newHub();
    client = connectHub(hub, server.address);
    await waitFor('connected', () => hub.relay.state === 'connected');

    const published: string[] = [];
    const publish = (count: number) => {
      const batch: FlowEvent[] = [];
      for (let i = 0; i < count; i++) {
        const flow = testFlow(nodes[published.length % nodes.length]!, { uuid: `cut-${published.length}` });
        published.push(flow.flow.uuid!);
        batch.push(flow);
      }
      source.publish(batch);
    };

    const cuts = 4;
    for (let round = 0; round < cuts; round++) {
      publish(150);
      await waitFor(`round ${round} delivered`, () => hub.counters.flowsReceived === published.length);
      // Cut while more flows are in flight: some were written to the dying stream, some not yet.
      publish(50);
      expect(server.cutStreams()).toBe(1);
      publish(100); // published while disconnected: only the resume with `since` can deliver these
      await waitFor(
        `reconnect ${round + 1}`,
        () => hub.relay.reconnects >= round + 1 && hub.relay.state === 'connected',
      );
    }
    await waitFor('everything delivered', () => hub.counters.flowsReceived >= published.length);
    // A sentinel after everything: once it is in, any late duplicate would have been counted too.
    publish(1);
    await waitFor('sentinel', () => hub.counters.flowsReceived >= published.length);

    expect(hub.counters.flowsReceived).toBe(published.length);
    const held = hubUuids(hub);
    expect(new Set(held).size).toBe(held.length);
    expect([...held].sort()).toEqual([...published].sort());
    expect(hub.relay.reconnects).toBe(cuts);
    // First request back-fills; every resume asks for the gap only (since, no back-fill count).
    expect(requests).toHaveLength(cuts + 1);
    expect(requests[0]?.since).toBeUndefined();
    for (const resume of requests.slice(1)) {
      expect(resume.since).toBeDefined();
      expect(resume.number ?? 0).toBe(0);
    }
  });
});

describe('Relay reports lost events and unavailable nodes', () => {
  it('surfaces lost_events and NODE_UNAVAILABLE in hub stats, counters and node states', async () => {
    const source = createFaultySource([
      { name: 'n1', state: 'NODE_CONNECTED' },
      { name: 'n2', state: 'NODE_UNAVAILABLE' },
    ]);
    server = await startRelay(source);
    const hub = newHub();
    client = connectHub(hub, server.address);
    // Relay announces unavailable nodes at the start of every stream.
    await waitFor('node status', () => hub.nodeStates.get('n2')?.state === 'NODE_UNAVAILABLE');
    expect(hub.nodeStates.get('n1')?.state).toBe('NODE_CONNECTED');

    source.publish([testFlow('n1'), testLost('n1', 42), testLost('n1', 8)]);
    source.publish([
      {
        kind: 'node-status',
        status: { state_change: 'NODE_UNAVAILABLE', node_names: ['n1'], message: 'connection refused' },
      },
    ]);
    await waitFor('lost events', () => hub.counters.lostEvents === 50);
    await waitFor('n1 down', () => hub.nodeStates.get('n1')?.state === 'NODE_UNAVAILABLE');
    expect(hub.nodeStates.get('n1')?.message).toBe('connection refused');

    const stats = hub.stats(Date.now());
    expect(stats.totals.lostEvents).toBe(50);
    expect(stats.totals.nodeStatusEvents).toBeGreaterThanOrEqual(3);
    expect(stats.lost).toEqual([
      expect.objectContaining({ node: 'n1', source: 'PERF_EVENT_RING_BUFFER', count: 50 }),
    ]);
    // ServerStatus polls carry the unavailable node too (what /api/overview shows next to lost events).
    await waitFor('server status', () => (hub.hubble.serverStatus?.unavailableNodes ?? []).includes('n2'));
  });
});
