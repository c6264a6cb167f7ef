// queryFlows with a real one-shot GetFlows against the demo Relay on loopback: the hub holds only the
// newest flows, Relay still holds older ones, and the answer must be the union, exactly filtered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySource } from '../demo/observer/memory-source';
import { createObserverServer } from '../demo/observer/observer-server';
import { testFlow } from '../demo/observer/test-helpers';
import type { ObserverServer } from '../demo/observer/types';
import { matchRelayLists } from '../domain/flow-filter';
import { fetchFlowsOnce } from '../sources/hubble/relay-fetch';
import type { RelayFlowsRequest } from '../sources/hubble/relay-types';
import { parseFlowsRequest, queryFlows } from './flow-queries';
import { Hub } from './hub';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const events = Array.from({ length: 40 }, (_, i) =>
  testFlow(i % 2 ? 'node-a' : 'node-b', {
    uuid: `f${i}`,
    timeMs: T0 + i * 1000,
    verdict: i % 4 === 0 ? 'DROPPED' : 'FORWARDED',
    namespace: i % 3 === 0 ? 'shop' : 'blog',
  }),
);

let server: ObserverServer;
const requests: RelayFlowsRequest[] = [];

beforeAll(async () => {
  const source = createMemorySource({
    nodes: [
      { name: 'node-a', state: 'NODE_CONNECTED' },
      { name: 'node-b', state: 'NODE_CONNECTED' },
    ],
  });
  server = await createObserverServer({
    source,
    filter: (filters, flow) => matchRelayLists(filters.whitelist, filters.blacklist, flow),
    onRequest: (req) => requests.push(req),
  });
  source.publish(events);
});

afterAll(async () => {
  await server.close();
});

describe('queryFlows back-fill through the demo Relay', () => {
  it('returns buffer + Relay history, newest first, with filters pushed down', async () => {
    const hub = new Hub({ flowHistory: 10, now: () => T0 + 60_000 });
    hub.ingest(events.slice(30));
    const parsed = parseFlowsRequest(
      new URLSearchParams(`verdict=DROPPED&not-namespace=blog&since=${at(3)}&limit=50`),
      T0,
    );
    if ('error' in parsed) throw new Error(parsed.error);
    const result = await queryFlows(hub, parsed.request, T0, {
      backfill: (req, maxFlows) => fetchFlowsOnce(server.address, undefined, req, 5000, { maxFlows }),
    });
    const want = events
      .filter((_, i) => i >= 3 && i % 4 === 0 && i % 3 === 0)
      .map((e) => e.flow.uuid)
      .reverse();
    expect(result.flows.map((f) => f.uuid)).toEqual(want);
    expect(result.backfill).toMatchObject({ flows: 2, malformed: 0 });
    expect(result.backfill?.error).toBeUndefined();
    expect(requests.at(-1)).toMatchObject({
      follow: false,
      whitelist: [{ verdict: ['DROPPED'] }],
      blacklist: [{ source_pod: ['blog/'] }, { destination_pod: ['blog/'] }],
    });
  });
});
