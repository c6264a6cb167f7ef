import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySource, type MemorySource } from '../../demo/observer/memory-source';
import { createObserverServer } from '../../demo/observer/observer-server';
import { testFlow, testLost } from '../../demo/observer/test-helpers';
import type { ObserverServer } from '../../demo/observer/types';
import { matchRelayLists } from '../../domain/flow-filter';
import { fetchFlowsOnce } from './relay-fetch';
import type { RelayFlowsRequest } from './relay-types';

let source: MemorySource;
let server: ObserverServer;
const requests: RelayFlowsRequest[] = [];
const T0 = Date.parse('2024-05-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

beforeEach(async () => {
  requests.length = 0;
  source = createMemorySource({
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
  for (let i = 0; i < 20; i++) {
    source.publish([
      testFlow(i % 2 ? 'node-a' : 'node-b', {
        uuid: `f${i}`,
        timeMs: T0 + i * 1000,
        verdict: i % 5 === 0 ? 'DROPPED' : 'FORWARDED',
      }),
    ]);
  }
  source.publish([testLost('node-a', 7)]);
});

afterEach(async () => {
  await server.close();
});

const uuids = (r: { flows: { flow: { uuid?: string } }[] }) => r.flows.map((e) => e.flow.uuid);

describe('fetchFlowsOnce', () => {
  it('returns what Relay holds between since and until, oldest first, and sends follow=false', async () => {
    const r = await fetchFlowsOnce(
      server.address,
      undefined,
      { since: at(5), until: at(9), follow: true },
      5000,
    );
    expect(r.error).toBeUndefined();
    expect(uuids(r)).toEqual(['f5', 'f6', 'f7', 'f8', 'f9']);
    expect(requests[0]).toMatchObject({
      follow: false,
      since: '2024-05-01T10:00:05Z',
      until: '2024-05-01T10:00:09Z',
    });
    expect(r.malformed).toBe(0);
  });

  it('pushes the whitelist and blacklist down to Relay', async () => {
    const r = await fetchFlowsOnce(
      server.address,
      undefined,
      { whitelist: [{ verdict: ['DROPPED'] }], blacklist: [{ uuid: ['f10'] }] },
      5000,
    );
    expect(uuids(r)).toEqual(['f0', 'f5', 'f15']);
    expect(requests[0]?.whitelist).toEqual([{ verdict: ['DROPPED'] }]);
  });

  it('keeps only the newest maxFlows and counts the rest as discarded', async () => {
    const r = await fetchFlowsOnce(server.address, undefined, {}, 5000, { maxFlows: 3 });
    expect(uuids(r)).toEqual(['f17', 'f18', 'f19']);
    expect(r.discarded).toBe(17);
  });

  it('reports lost events Relay sends', async () => {
    const r = await fetchFlowsOnce(server.address, undefined, {}, 5000);
    expect(r.lost).toHaveLength(1);
    expect(r.lost[0]?.lost.num_events_lost).toBe('7');
  });

  it('resolves with an error (no throw) when Relay is unreachable', async () => {
    const closed = await createObserverServer({ source });
    const address = closed.address;
    await closed.close();
    const down = await fetchFlowsOnce(address, undefined, {}, 2000);
    expect(down.flows).toEqual([]);
    expect(down.error).toMatch(/UNAVAILABLE|DEADLINE_EXCEEDED/);
  });

  it('rejects values Relay could not accept before dialling', async () => {
    await expect(fetchFlowsOnce(server.address, undefined, { since: 'yesterday' }, 1000)).rejects.toThrow(
      /since/,
    );
    expect(requests).toHaveLength(0);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await fetchFlowsOnce(server.address, undefined, {}, 5000, { signal: controller.signal });
    expect(r.error).toBe('cancelled by the caller');
  });
});
