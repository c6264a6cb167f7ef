// End to end over real gRPC: the shared real Hubble flows are served by a local Observer server
// (the demo Relay), received by Skymap's Relay client, ingested by the hub, and the /api/map view is
// checked against expectations computed independently from the raw JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySource, createObserverServer, type ObserverServer } from '../demo/observer';
import type { Flow, FlowEvent } from '../domain/flow';
import { expectClose, expectedEdges, nearestRank } from '../domain/service-map/test-support/expected-edges';
import { FIXTURE_DIR, FIXTURE_FILES } from '../domain/service-map/test-support/load-fixture';
import { parseFlowJsonLine } from '../sources/hubble/flow-from-json';
import { createRelayClient } from '../sources/hubble/relay-client';
import type { RelayClient } from '../sources/hubble/relay-types';
import { Hub } from './hub';

function readEvents(file: string): FlowEvent[] {
  return readFileSync(path.join(FIXTURE_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed = parseFlowJsonLine(line);
      if ('error' in parsed) throw new Error(`${file}: ${parsed.error}`);
      return parsed.event;
    });
}

let server: ObserverServer | undefined;
let client: RelayClient | undefined;
afterEach(async () => {
  client?.stop();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe.each(FIXTURE_FILES)('replaying %s through gRPC', (file) => {
  it('gives /api/map edges, counts, drop reasons and HTTP/DNS stats that match the raw flows', async () => {
    const events = readEvents(file);
    const flows = events.flatMap((e) => (e.kind === 'flow' ? [e.flow] : [])) as Flow[];
    const now = Math.max(...flows.map((f) => Date.parse(f.time ?? ''))) + 1000;
    const nodes = [...new Set(events.map((e) => e.nodeName ?? 'unknown'))].map((name) => ({
      name,
      state: 'NODE_CONNECTED' as const,
    }));
    const source = createMemorySource({ nodes, capacityPerNode: 65535, now: () => now });
    source.publish(events);
    server = await createObserverServer({ source, now: () => now });

    const hub = new Hub({ flowHistory: 10_000, now: () => now });
    client = createRelayClient({
      address: server.address,
      backfill: 65535,
      onEvents: (batch) => hub.ingest(batch),
    });
    await until(() => hub.counters.flowsReceived === flows.length, `${flows.length} flows`);

    const view = hub.maps.view({ window: 'all' }, now);
    const expected = expectedEdges(flows);
    const actual = new Map(view.edges.map((e) => [`${e.source} -> ${e.target} ${e.protocol}/${e.port}`, e]));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, exp] of expected) {
      const edge = actual.get(key)!;
      expect(edge.flows, key).toBe(exp.flows);
      expect(edge.verdicts, key).toEqual(exp.verdicts);
      expect(edge.dropReasons, key).toEqual(exp.dropReasons);
      expect(edge.http.requests, key).toBe(exp.httpRequests);
      expect(edge.http.errors4xx, key).toBe(exp.errors4xx);
      expect(edge.http.errors5xx, key).toBe(exp.errors5xx);
      expectClose(edge.http.p95Ms, nearestRank(exp.latenciesNs, 0.95));
      expect(edge.dns, key).toEqual({ queries: exp.dnsQueries, errors: exp.dnsErrors });
    }
    expect(hub.counters.malformed).toBe(0);
  });
});
