import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../domain/flow';
import { flowQueryChannels, MAX_QUERY_CHANNELS, parseStreamRequest, streamKey } from './flow-query-channels';
import { Hub } from './hub';
import type { ChannelMessage, LiveChannel } from './live-channel';

const NOW = Date.parse('2024-05-01T10:00:00Z');
const flow = (i: number, verdict = 'FORWARDED', namespace = 'shop'): FlowEvent => ({
  kind: 'flow',
  flow: {
    time: new Date(NOW + i).toISOString(),
    uuid: `u${i}`,
    verdict,
    source: { namespace, pod_name: `web-${i}` },
    destination: { namespace: 'db', pod_name: 'pg-0' },
  },
});

function request(search: string) {
  const parsed = parseStreamRequest(new URLSearchParams(search), NOW);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.request;
}

function watch(channel: LiveChannel | undefined) {
  if (!channel) throw new Error('no channel');
  const messages: ChannelMessage[] = [];
  const unsubscribe = channel.subscribe({ ready: () => true, send: (m) => messages.push(m) > 0 });
  const bodies = () => messages.map((m) => ({ event: m.event, ...JSON.parse(m.data) }));
  return { messages, bodies, unsubscribe };
}

const uuids = (body: { flows: { flow: { uuid: string } }[] }) => body.flows.map((f) => f.flow.uuid);

describe('flow query channels', () => {
  it('snapshots matching flows, then publishes only new matches each tick', () => {
    const hub = new Hub({ flowHistory: 1000, now: () => NOW });
    hub.ingest([flow(1, 'DROPPED'), flow(2), flow(3, 'DROPPED')]);
    const client = watch(flowQueryChannels(hub).channel(request('verdict=DROPPED')));
    hub.ingest([flow(4), flow(5, 'DROPPED'), flow(6, 'DROPPED')]);
    hub.tick();
    hub.tick();
    const [snapshot, first, second] = client.bodies();
    expect(snapshot.event).toBe('snapshot');
    expect(uuids(snapshot)).toEqual(['u3', 'u1']);
    expect(uuids(first)).toEqual(['u6', 'u5']);
    expect(first.stats.totals.flowsReceived).toBe(6);
    expect(uuids(second)).toEqual([]);
    expect(first.skipped).toBe(0);
    client.unsubscribe();
  });

  it('caps a tick at per-tick flows and counts the rest as skipped', () => {
    const hub = new Hub({ flowHistory: 1000, now: () => NOW });
    const client = watch(flowQueryChannels(hub).channel(request('namespace=shop&per-tick=3')));
    hub.ingest(Array.from({ length: 10 }, (_, i) => flow(i, 'FORWARDED', i < 8 ? 'shop' : 'other')));
    hub.tick();
    const delta = client.bodies().at(-1);
    expect(uuids(delta)).toEqual(['u7', 'u6', 'u5']);
    expect(delta.skipped).toBe(5);
    expect(delta.overrun).toBe(0);
  });

  it('reports flows that left the buffer before a tick could look at them', () => {
    const hub = new Hub({ flowHistory: 5, now: () => NOW });
    const client = watch(flowQueryChannels(hub).channel(request('verdict=FORWARDED')));
    hub.ingest(Array.from({ length: 12 }, (_, i) => flow(i)));
    hub.tick();
    const delta = client.bodies().at(-1);
    expect(delta.flows).toHaveLength(5);
    expect(delta.overrun).toBe(7);
  });

  it('shares one channel per query, drops unwatched ones, and refuses past the cap', () => {
    const hub = new Hub({ flowHistory: 10, now: () => NOW });
    const channels = flowQueryChannels(hub);
    expect(flowQueryChannels(hub)).toBe(channels);
    const a = channels.channel(request('verdict=DROPPED&namespace=shop'));
    expect(channels.channel(request('namespace=shop&verdict=dropped'))).toBe(a);
    const held = [watch(a)];
    for (let i = 1; i < MAX_QUERY_CHANNELS; i++) held.push(watch(channels.channel(request(`port=${i}`))));
    expect(channels.channel(request('port=9999'))).toBeUndefined();
    held.pop()?.unsubscribe();
    expect(channels.channel(request('port=9999'))).toBeDefined();
    for (const h of held) h.unsubscribe();
    hub.tick();
    expect(channels.activeChannels).toBe(0);
  });

  it('ignores since and limit (history is /api/flows) and validates per-tick', () => {
    expect(streamKey(request('verdict=DROPPED&since=5m&limit=10'))).toBe(
      streamKey(request('verdict=DROPPED')),
    );
    for (const bad of [
      'per-tick=0',
      'per-tick=5001',
      'per-tick=x',
      'per-tick=1&per-tick=2',
      'verdict=nope',
    ]) {
      expect(parseStreamRequest(new URLSearchParams(bad), NOW)).toHaveProperty('error');
    }
  });
});
