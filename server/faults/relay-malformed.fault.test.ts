// Malformed protobuf, unknown enum values and missing fields from Relay: counted and skipped (or
// defaulted), reported by a log line at most once a minute, and never a crash of the hub or client.
import { afterEach, describe, expect, it } from 'vitest';
import type { ObserverServer } from '../demo/observer/types';
import type { FlowEvent } from '../domain/flow';
import { createRateLimitedLogger, logMalformedRelayMessages } from '../runtime/log';
import type { RelayClient } from '../sources/hubble/relay-types';
import { connectHub, createFaultySource, newHub, startRelay, testFlow, waitFor } from './fault-support';

let client: RelayClient | undefined;
let server: ObserverServer | undefined;

afterEach(async () => {
  client?.stop();
  client = undefined;
  await server?.close();
  server = undefined;
});

const GARBAGE: readonly Uint8Array[] = [
  Uint8Array.of(0x0a), // field 1, LEN, length missing
  Uint8Array.of(0x0a, 0x7f, 0x01), // length 127, 1 byte present
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // varint too long
  Uint8Array.of(0x0b, 0x0c), // deprecated group wire types
  new Uint8Array(0), // none of flow / node_status / lost_events set
  Uint8Array.of(0x0a, 0x05, 0x0a, 0x0a, 0x01, 0x02, 0x03), // flow whose inner field overruns
  Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff),
];

describe('malformed and odd Relay messages', () => {
  it('counts and skips malformed protobuf, defaults unknown enums and missing fields, logs once', async () => {
    const source = createFaultySource([{ name: 'n1', state: 'NODE_CONNECTED' }]);
    server = await startRelay(source);
    const hub = newHub();
    const lines: string[] = [];
    const log = createRateLimitedLogger({ write: (l) => lines.push(l) });
    client = connectHub(hub, server.address, {
      onMalformed: (count) => {
        hub.countMalformed(count);
        logMalformedRelayMessages(count, hub.counters.malformed, log);
      },
    });
    await waitFor('connected', () => hub.relay.state === 'connected');

    const odd: FlowEvent[] = [
      // Enum numbers this build does not know arrive as decimal strings, like protojson prints them.
      { kind: 'flow', flow: { uuid: 'odd-enums', verdict: '99', Type: '77', traffic_direction: '9' } },
      // Only a uuid: every other field missing.
      { kind: 'flow', flow: { uuid: 'bare' } },
      { kind: 'flow', flow: { uuid: 'no-endpoints', verdict: 'DROPPED', drop_reason_desc: '1234' } },
    ];
    let goodFlows = 0;
    for (let round = 0; round < 3; round++) {
      source.injectRaw(GARBAGE);
      source.publish([testFlow('n1', { uuid: `good-${round}` })]);
      goodFlows += 1;
    }
    source.publish(odd);
    source.publish([testFlow('n1', { uuid: 'last' })]);
    await waitFor('all valid flows', () => hub.counters.flowsReceived === goodFlows + odd.length + 1);
    await waitFor('all malformed counted', () => hub.counters.malformed === GARBAGE.length * 3);

    // The stream survived every bad message: still the first connection.
    expect(hub.relay.state).toBe('connected');
    expect(hub.relay.reconnects).toBe(0);
    const byUuid = new Map(hub.flows.newest(100).map((s) => [s.flow.uuid, s.flow]));
    expect(byUuid.get('odd-enums')).toMatchObject({ verdict: '99', Type: '77', traffic_direction: '9' });
    expect(byUuid.get('bare')).toEqual({ uuid: 'bare' });
    // The rest of the hub copes with them: a tick, the stats and a map view.
    expect(() => hub.tick()).not.toThrow();
    expect(hub.stats(Date.now()).totals.malformed).toBe(GARBAGE.length * 3);
    expect(() => hub.maps.view({ window: '5m' })).not.toThrow();

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^skymap: skipped \d+ malformed Hubble Relay messages? \(\d+ since start/);
  });
});
