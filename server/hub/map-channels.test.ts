import { describe, expect, it } from 'vitest';
import { applyMapDelta, type MapDeltaWire } from '../../components/map/apply-map-delta';
import type { MapViewWire } from '../../components/map/map-types';
import type { FlowEvent } from '../domain/flow';
import { Hub } from './hub';
import type { ChannelMessage } from './live-channel';

const T0 = Date.parse('2026-11-25T12:00:00Z');

function call(from: string, to: string, port: number, at: number, verdict = 'FORWARDED'): FlowEvent {
  const [fns, fname] = from.split('/');
  const [tns, tname] = to.split('/');
  return {
    kind: 'flow',
    flow: {
      time: new Date(at).toISOString(),
      verdict,
      l4: { TCP: { source_port: 40000, destination_port: port } },
      source: { namespace: fns, pod_name: `${fname}-abc`, labels: [`k8s:app=${fname}`] },
      destination: { namespace: tns, pod_name: `${tname}-xyz`, labels: [`k8s:app=${tname}`] },
      is_reply: false,
    },
  };
}

describe('map channels through the hub', () => {
  it('sends a snapshot, then deltas that the browser folds into exactly the server view', () => {
    let now = T0;
    const hub = new Hub({ flowHistory: 100, now: () => now });
    hub.ingest([call('shop/web', 'shop/cart', 8080, now - 500)]);
    const channel = hub.maps.channel({ window: '5m' })!;
    const messages: ChannelMessage[] = [];
    channel.subscribe({
      ready: () => true,
      send: (m) => {
        messages.push(m);
        return true;
      },
    });
    let view = JSON.parse(messages[0]!.data) as MapViewWire;
    expect(view.edges).toHaveLength(1);

    for (let i = 0; i < 5; i++) {
      now += 1000;
      hub.ingest([
        call('shop/web', 'shop/cart', 8080, now - 100),
        call('shop/cart', 'payments/api', 50051, now - 50, i % 2 ? 'DROPPED' : 'FORWARDED'),
      ]);
      hub.tick();
    }
    for (const message of messages.slice(1)) {
      expect(message.event).toBe('delta');
      view = applyMapDelta(view, JSON.parse(message.data) as MapDeltaWire);
    }
    const server = hub.maps.view({ window: '5m' }, now);
    expect(view.edges.length).toBe(server.edges.length);
    const byKey = (v: {
      edges: readonly { source: string; target: string; flows: number; dropped: number }[];
    }) => Object.fromEntries(v.edges.map((e) => [`${e.source}>${e.target}`, [e.flows, e.dropped]]));
    expect(byKey(view)).toEqual(byKey(server));
    expect(byKey(view)['shop/cart>payments/api']).toEqual([5, 2]);
  });

  it('drops channels nobody watches', () => {
    const hub = new Hub({ flowHistory: 10, now: () => T0 });
    const unsubscribe = hub.maps
      .channel({ window: '1m', namespaces: ['shop'] })!
      .subscribe({ ready: () => true, send: () => true });
    hub.tick();
    expect(hub.maps.activeChannels).toBe(1);
    unsubscribe();
    hub.tick();
    expect(hub.maps.activeChannels).toBe(0);
  });
});
