import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../domain/flow';
import { Hub } from './hub';
import type { ChannelMessage } from './live-channel';

function collect(hub: Hub, capacity = Number.POSITIVE_INFINITY) {
  const messages: ChannelMessage[] = [];
  let room = capacity;
  const unsubscribe = hub.flowTail.subscribe({
    ready: () => room > 0,
    send(message) {
      if (room <= 0) return false;
      room -= 1;
      messages.push(message);
      return true;
    },
  });
  return { messages, unsubscribe, drain: () => (room = capacity) };
}

const flow = (i: number, verdict = 'FORWARDED'): FlowEvent => ({
  kind: 'flow',
  flow: { time: new Date(1_700_000_000_000 + i).toISOString(), verdict, Summary: `flow ${i}` },
});

describe('Hub', () => {
  it('sends a snapshot on subscribe and one delta per tick with only new flows', () => {
    let now = 1_700_000_000_000;
    const hub = new Hub({ flowHistory: 100, now: () => now, tailPerTick: 5 });
    hub.ingest([flow(1), flow(2)]);
    const client = collect(hub);
    expect(client.messages[0]?.event).toBe('snapshot');
    expect(JSON.parse(client.messages[0]!.data).flows).toHaveLength(2);
    hub.tick();
    hub.ingest([flow(3), flow(4), flow(5, 'DROPPED')]);
    now += 1000;
    hub.tick();
    const deltas = client.messages.filter((m) => m.event === 'delta').map((m) => JSON.parse(m.data));
    expect(deltas.map((d) => d.seq)).toEqual([1, 2]);
    expect(deltas[1].flows.map((f: { n: number }) => f.n)).toEqual([5, 4, 3]);
    expect(deltas[1].stats.totals.flowsReceived).toBe(5);
  });

  it('caps a tick at tailPerTick flows and reports how many it skipped', () => {
    const hub = new Hub({ flowHistory: 100, now: () => 1_700_000_000_000, tailPerTick: 3 });
    const client = collect(hub);
    hub.ingest(Array.from({ length: 10 }, (_, i) => flow(i)));
    hub.tick();
    const delta = JSON.parse(client.messages.at(-1)!.data);
    expect(delta.flows).toHaveLength(3);
    expect(delta.skipped).toBe(7);
  });

  it('switches a client that stops reading to a snapshot once it drains', () => {
    const hub = new Hub({ flowHistory: 100, now: () => 1_700_000_000_000 });
    const client = collect(hub, 2);
    for (let i = 0; i < 5; i++) {
      hub.ingest([flow(i)]);
      hub.tick();
    }
    expect(client.messages).toHaveLength(2);
    client.drain();
    hub.tick();
    expect(client.messages.at(-1)?.event).toBe('snapshot');
    expect(JSON.parse(client.messages.at(-1)!.data).flows).toHaveLength(5);
  });

  it('surfaces lost events and node status', () => {
    const hub = new Hub({ flowHistory: 10, now: () => 1_700_000_000_000 });
    hub.ingest([
      { kind: 'lost', lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '7' }, nodeName: 'node-a' },
      { kind: 'lost', lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '3' }, nodeName: 'node-a' },
      { kind: 'node-status', status: { state_change: 'NODE_UNAVAILABLE', node_names: ['node-b'] } },
    ]);
    const stats = hub.stats(1_700_000_000_000);
    expect(stats.totals.lostEvents).toBe(10);
    expect(stats.lost).toMatchObject([{ node: 'node-a', source: 'HUBBLE_RING_BUFFER', count: 10 }]);
    expect(hub.nodeStates.get('node-b')?.state).toBe('NODE_UNAVAILABLE');
  });
});
