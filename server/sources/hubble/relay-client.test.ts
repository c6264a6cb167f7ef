import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySource, type MemorySource } from '../../demo/observer/memory-source';
import { createObserverServer } from '../../demo/observer/observer-server';
import { testFlow, testLost, waitFor } from '../../demo/observer/test-helpers';
import type { EncodedEvent, ObserverServer } from '../../demo/observer/types';
import { createRelayClient } from './relay-client';
import { collect } from './relay-test-harness';
import type { RelayClient, RelayFlowsRequest } from './relay-types';

let source: MemorySource;
let server: ObserverServer;
let client: RelayClient | undefined;
const requests: RelayFlowsRequest[] = [];
// Lets a test push raw (possibly malformed) bytes to every live stream.
const rawListeners = new Set<(batch: readonly EncodedEvent[]) => void>();

beforeEach(async () => {
  requests.length = 0;
  source = createMemorySource({
    nodes: [
      { name: 'node-a', state: 'NODE_CONNECTED' },
      { name: 'node-b', state: 'NODE_CONNECTED' },
    ],
  });
  server = await createObserverServer({
    source: {
      ...source,
      subscribe: (listener) => {
        rawListeners.add(listener);
        const off = source.subscribe(listener);
        return () => {
          rawListeners.delete(listener);
          off();
        };
      },
    },
    onRequest: (req) => requests.push(req),
  });
});

afterEach(async () => {
  client?.stop();
  client = undefined;
  await server.close();
});

describe('createRelayClient against the demo Relay', () => {
  it('back-fills `backfill` flows per node, then follows; events arrive decoded, in batches', async () => {
    for (let i = 0; i < 5; i++)
      source.publish([testFlow('node-a', { uuid: `old-a${i}` }), testFlow('node-b', { uuid: `old-b${i}` })]);
    const c = collect();
    client = createRelayClient({ address: server.address, backfill: 3, batchMaxDelayMs: 5, ...c.callbacks });
    await waitFor('back-fill', () => c.flowIds().length >= 6);
    expect(c.flowIds()).toEqual(['old-a2', 'old-b2', 'old-a3', 'old-b3', 'old-a4', 'old-b4']);
    expect(requests[0]).toMatchObject({ follow: true, number: 3 });
    expect(requests[0]?.since).toBeUndefined();

    const live = Array.from({ length: 5000 }, (_, i) =>
      testFlow(i % 2 ? 'node-a' : 'node-b', { uuid: `live-${i}` }),
    );
    source.publish(live);
    await waitFor('live flows', () => c.flowIds().length >= 6 + 5000);
    expect(c.flowIds().slice(6)).toEqual(live.map((e) => e.flow.uuid));
    const first = c.events.find((e) => e.kind === 'flow' && e.flow.uuid === 'live-0');
    expect(first).toEqual(live[0]);
    // Batched: far fewer callbacks than events, none above the cap.
    expect(c.batches.length).toBeLessThan(5000 / 10);
    expect(Math.max(...c.batches.map((b) => b.length))).toBeLessThanOrEqual(2000);
    expect(c.last()).toMatchObject({ state: 'connected', address: server.address, reconnects: 0 });
    expect(c.last()?.connectedSince).toBeTypeOf('number');
  });

  it('surfaces node_status and lost_events as FlowEvents', async () => {
    source.setNodeState('node-b', 'NODE_UNAVAILABLE');
    const c = collect();
    client = createRelayClient({ address: server.address, batchMaxDelayMs: 5, ...c.callbacks });
    await waitFor('node status', () => c.events.filter((e) => e.kind === 'node-status').length >= 2);
    expect(c.events[0]).toMatchObject({
      kind: 'node-status',
      nodeName: 'hubble-relay',
      status: { state_change: 'NODE_CONNECTED', node_names: ['node-a'] },
    });
    expect(c.events[1]).toMatchObject({
      status: { state_change: 'NODE_UNAVAILABLE', node_names: ['node-b'] },
    });
    source.publish([testLost('node-a', 42)]);
    await waitFor('lost event', () => c.events.some((e) => e.kind === 'lost'));
    expect(c.events.find((e) => e.kind === 'lost')).toMatchObject({
      kind: 'lost',
      nodeName: 'node-a',
      lost: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: '42', cpu: 1 },
    });
  });

  it('counts and skips malformed messages; the stream continues', async () => {
    const c = collect();
    client = createRelayClient({ address: server.address, batchMaxDelayMs: 5, ...c.callbacks });
    await waitFor('stream open', () => c.events.length >= 1 && rawListeners.size > 0);
    const good = testFlow('node-a', { uuid: 'after-garbage' });
    const garbage = [
      new Uint8Array([0xff, 0xff, 0xff]),
      new Uint8Array([0x0a, 0x10, 0x01]),
      new Uint8Array([]),
    ];
    for (const l of rawListeners) {
      l(garbage.map((bytes) => ({ event: good, bytes })));
    }
    source.publish([good]);
    await waitFor('good flow', () => c.flowIds().includes('after-garbage'));
    expect(c.malformed).toBe(3);
    expect(c.last()?.state).toBe('connected');
    expect(c.last()?.reconnects).toBe(0);
  });

  it('a stream cut mid-flight resumes with since; the sequence has no gap and no duplicate', async () => {
    const c = collect();
    client = createRelayClient({
      address: server.address,
      backfill: 100,
      batchMaxDelayMs: 5,
      backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
      ...c.callbacks,
    });
    const published: string[] = [];
    let n = 0;
    const publisher = setInterval(() => {
      const batch = Array.from({ length: 10 }, () =>
        testFlow(n % 2 ? 'node-a' : 'node-b', { uuid: `s-${n++}` }),
      );
      source.publish(batch);
      published.push(...batch.map((e) => e.flow.uuid!));
    }, 5);
    try {
      await waitFor('flows before the cut', () => c.flowIds().length >= 200);
      // Inside the resume overlap, so the resumed stream sends it again: it must count once.
      source.publish([testLost('node-a', 9)]);
      await waitFor('lost event', () => c.events.some((e) => e.kind === 'lost'));
      expect(server.cutStreams()).toBe(1);
      await waitFor('reconnected', () => c.last()?.state === 'connected' && (c.last()?.reconnects ?? 0) >= 1);
      const atReconnect = published.length;
      await waitFor('flows after the cut', () => c.flowIds().length >= atReconnect + 200);
    } finally {
      clearInterval(publisher);
    }
    await waitFor('every published flow', () => c.flowIds().length >= published.length);
    await new Promise((r) => setTimeout(r, 50));
    expect(
      c.statuses.some(
        (s) => s.state === 'unavailable' && /UNAVAILABLE: demo relay: stream cut/.test(s.lastError ?? ''),
      ),
    ).toBe(true);
    expect(c.flowIds()).toEqual(published);
    expect(c.events.filter((e) => e.kind === 'lost')).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({ follow: true, number: 0 });
    expect(requests[1]?.since).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('polls ServerStatus, GetNodes and GetNamespaces into domain objects', async () => {
    source.publish([testFlow('node-a', { namespace: 'shop' }), testFlow('node-b', { namespace: 'db' })]);
    const c = collect();
    client = createRelayClient({ address: server.address, statusPollMs: 20, ...c.callbacks });
    await waitFor(
      'polls',
      () => c.serverStatuses.length >= 2 && c.nodes.length >= 2 && c.namespaces.length >= 1,
    );
    expect(c.serverStatuses.at(-1)).toMatchObject({
      numFlows: 2,
      maxFlows: 8190,
      seenFlows: 2,
      numConnectedNodes: 2,
      numUnavailableNodes: 0,
      unavailableNodes: [],
      version: 'hubble-relay v1.19.4-skymap-demo',
    });
    expect(c.nodes.at(-1)?.map((node) => [node.name, node.state, node.numFlows, node.maxFlows])).toEqual([
      ['node-a', 'NODE_CONNECTED', 1, 4095],
      ['node-b', 'NODE_CONNECTED', 1, 4095],
    ]);
    expect(c.nodes.at(-1)?.[0]?.tls).toEqual({
      enabled: true,
      serverName: 'node-a.default.hubble-grpc.cilium.io',
    });
    expect(c.namespaces[0]).toEqual([
      { cluster: 'default', namespace: 'db' },
      { cluster: 'default', namespace: 'shop' },
    ]);
  });

  it('stop() cancels the stream, stops polling and delivers nothing afterwards', async () => {
    const c = collect();
    const stopped = createRelayClient({
      address: server.address,
      statusPollMs: 10,
      batchMaxDelayMs: 5,
      ...c.callbacks,
    });
    await waitFor('connected', () => c.last()?.state === 'connected' && server.activeStreams() === 1);
    stopped.stop();
    await waitFor('server saw the cancel', () => server.activeStreams() === 0);
    const counts = [c.events.length, c.serverStatuses.length, c.statuses.length];
    source.publish([testFlow('node-a')]);
    await new Promise((r) => setTimeout(r, 60));
    expect([c.events.length, c.serverStatuses.length, c.statuses.length]).toEqual(counts);
  });

  it('sends whitelist, blacklist and the field mask (plus the fields resume needs)', async () => {
    const c = collect();
    client = createRelayClient({
      address: server.address,
      whitelist: [{ source_pod: ['shop/'], verdict: ['DROPPED'] }],
      blacklist: [{ destination_label: ['reserved:host'] }],
      fieldMask: ['source.pod_name', 'verdict'],
      ...c.callbacks,
    });
    await waitFor('request', () => requests.length === 1);
    expect(requests[0]).toMatchObject({
      whitelist: [{ source_pod: ['shop/'], verdict: ['DROPPED'] }],
      blacklist: [{ destination_label: ['reserved:host'] }],
      fieldMask: ['source.pod_name', 'verdict', 'time', 'uuid', 'node_name'],
    });
  });

  it('rejects an invalid filter synchronously, naming the field', () => {
    expect(() =>
      createRelayClient({ address: server.address, whitelist: [{ verdict: ['MAYBE'] }], onEvents: () => {} }),
    ).toThrow(/whitelist\[0\]\.verdict: unknown flow.Verdict "MAYBE"/);
  });
});
