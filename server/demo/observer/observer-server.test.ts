import path from 'node:path';
import {
  Client,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../domain/flow';
import { decodeGetFlowsResponse } from '../../sources/hubble/decode-flow-response';
import { encodeGetFlowsRequest } from '../../sources/hubble/relay-codec';
import type { RelayFlowsRequest } from '../../sources/hubble/relay-types';
import { createMemorySource, type MemorySource } from './memory-source';
import { createObserverServer, RELAY_VERSION_HEADER } from './observer-server';
import { testFlow, testLost, waitFor } from './test-helpers';
import type { ObserverServer, RequestFilters } from './types';

const PROTO_DIR = path.resolve(__dirname, '../../../proto/api/v1');
const toBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const raw = (b: Buffer) => b;

let source: MemorySource;
let server: ObserverServer;
const seenFilters: RequestFilters[] = [];
const clients: Client[] = [];

function rawClient(): Client {
  const c = new Client(server.address, credentials.createInsecure());
  clients.push(c);
  return c;
}

function openFlows(req: RelayFlowsRequest) {
  const events: FlowEvent[] = [];
  let headers: Metadata | undefined;
  const stream = rawClient().makeServerStreamRequest(
    '/observer.Observer/GetFlows',
    toBuffer,
    raw,
    encodeGetFlowsRequest(req),
    new Metadata(),
  );
  const ended = new Promise<{ code: number; details: string }>((resolve) => {
    stream.on('error', (e: ServiceError) => resolve({ code: e.code, details: e.details }));
    stream.on('status', (s) => s.code === status.OK && resolve({ code: s.code, details: s.details }));
  });
  stream.on('metadata', (md) => {
    headers = md;
  });
  stream.on('data', (b: Buffer) => events.push(decodeGetFlowsResponse(b)));
  return { events, ended, stream, headers: () => headers };
}

const flowIds = (events: readonly FlowEvent[]) =>
  events.flatMap((e) => (e.kind === 'flow' ? [e.flow.uuid] : []));

beforeAll(async () => {
  source = createMemorySource({
    nodes: [
      { name: 'a', state: 'NODE_CONNECTED' },
      { name: 'b', state: 'NODE_CONNECTED' },
      { name: 'c', state: 'NODE_UNAVAILABLE' },
    ],
  });
  for (let i = 0; i < 3; i++)
    source.publish([testFlow('a', { uuid: `h-a${i}` }), testFlow('b', { uuid: `h-b${i}` })]);
  server = await createObserverServer({
    source,
    maxPendingPerClient: 32,
    filter: (filters, flow) => {
      if (flow.uuid === 'explode') throw new Error('hook exploded');
      if (!seenFilters.includes(filters)) seenFilters.push(filters);
      const verdicts = filters.whitelist.flatMap((f) => f.verdict ?? []);
      return verdicts.length === 0 || verdicts.includes(flow.verdict ?? '');
    },
  });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

// What @grpc/proto-loader (keepCase, longs/enums as String, oneofs) hands back; only what we check.
interface PlResponse {
  response_types?: string;
  node_name?: string;
  node_status?: { state_change?: string; node_names?: string[] };
  flow?: { uuid?: string; time?: { seconds?: string; nanos?: number } } & Record<string, unknown>;
}
type PlUnary = (req: object, cb: (err: ServiceError | null, res: Record<string, unknown>) => void) => void;
interface PlObserver {
  GetFlows(req: object): NodeJS.EventEmitter;
  ServerStatus: PlUnary;
  GetNodes: PlUnary;
  GetNamespaces: PlUnary;
  close(): void;
}

function protoLoaderClient(): PlObserver {
  const pkg = loadPackageDefinition(
    loadSync('observer/observer.proto', {
      includeDirs: [PROTO_DIR],
      keepCase: true,
      longs: String,
      enums: String,
      defaults: false,
      oneofs: true,
    }),
  ) as unknown as { observer: { Observer: new (address: string, creds: unknown) => PlObserver } };
  return new pkg.observer.Observer(server.address, credentials.createInsecure());
}

describe('demo Relay via the real @grpc/proto-loader client (wire compatibility)', () => {
  it('GetFlows: node_status first, then `number` flows per node, oldest first, then EOF', async () => {
    const client = protoLoaderClient();
    const messages: PlResponse[] = [];
    let version: unknown;
    await new Promise<void>((resolve, reject) => {
      const call = client.GetFlows({ number: '2', follow: false });
      call.on('metadata', (md: Metadata) => {
        version = md.get(RELAY_VERSION_HEADER)[0];
      });
      call.on('data', (m: PlResponse) => messages.push(m));
      call.on('end', () => resolve());
      call.on('error', reject);
    });
    client.close();
    expect(version).toBe('v1.19.4-skymap-demo');
    expect(messages[0]).toMatchObject({
      response_types: 'node_status',
      node_status: { state_change: 'NODE_CONNECTED', node_names: ['a', 'b'] },
      node_name: 'hubble-relay',
    });
    expect(messages[1]).toMatchObject({
      node_status: { state_change: 'NODE_UNAVAILABLE', node_names: ['c'] },
    });
    const flows = messages.slice(2);
    expect(flows.map((m) => m.flow?.uuid)).toEqual(['h-a1', 'h-b1', 'h-a2', 'h-b2']);
    expect(flows[0]).toMatchObject({
      node_name: 'a',
      flow: {
        verdict: 'FORWARDED',
        Type: 'L3_L4',
        node_name: 'a',
        source: { namespace: 'shop', pod_name: 'web-1', identity: 1234 },
        l4: { TCP: { destination_port: 80, flags: { SYN: true } } },
      },
    });
    expect(typeof flows[0]?.flow?.time?.seconds).toBe('string');
  });

  it('ServerStatus, GetNodes and GetNamespaces decode with protobufjs', async () => {
    const client = protoLoaderClient();
    const unary = (fn: PlUnary) =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        fn.call(client, {}, (err, res) => (err ? reject(err) : resolve(res))),
      );
    const st = await unary(client.ServerStatus);
    expect(st).toMatchObject({
      num_flows: '6',
      max_flows: '8190',
      seen_flows: '6',
      num_connected_nodes: { value: 2 },
      num_unavailable_nodes: { value: 1 },
      unavailable_nodes: ['c'],
    });
    const nodes = (await unary(client.GetNodes)).nodes as { name: string; state: string }[];
    expect(nodes.map((n) => `${n.name}:${n.state}`)).toEqual([
      'a:NODE_CONNECTED',
      'b:NODE_CONNECTED',
      'c:NODE_UNAVAILABLE',
    ]);
    expect((await unary(client.GetNamespaces)).namespaces).toEqual([
      { cluster: 'default', namespace: 'shop' },
    ]);
    client.close();
  });
});

describe('demo Relay behaviour', () => {
  it('rejects first+follow, and answers GetAgentEvents/GetDebugEvents with UNIMPLEMENTED', async () => {
    expect(await openFlows({ first: true, follow: true }).ended).toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'first cannot be specified with follow',
    });
    for (const name of ['GetAgentEvents', 'GetDebugEvents']) {
      const call = rawClient().makeServerStreamRequest(
        `/observer.Observer/${name}`,
        toBuffer,
        raw,
        new Uint8Array(),
        new Metadata(),
      );
      const code = await new Promise<number>((resolve) =>
        call.on('error', (e: ServiceError) => resolve(e.code)),
      );
      expect(code).toBe(status.UNIMPLEMENTED);
    }
  });

  it('answers grpc.health.v1.Health/Check with SERVING, NOT_FOUND for unknown services', async () => {
    const check = (service: string) =>
      new Promise<{ err: ServiceError | null; res?: Buffer }>((resolve) => {
        const bytes = Buffer.concat([Buffer.from([0x0a, service.length]), Buffer.from(service)]);
        rawClient().makeUnaryRequest('/grpc.health.v1.Health/Check', raw, raw, bytes, (err, res) =>
          resolve({ err, res }),
        );
      });
    expect([...((await check('hubble.server.Observer')).res ?? [])]).toEqual([0x08, 0x01]);
    expect((await check('nope')).err?.code).toBe(status.NOT_FOUND);
  });

  it('follows live events through the filter hook; lost events are never filtered', async () => {
    const whitelist = [{ verdict: ['DROPPED'] }];
    const s = openFlows({ follow: true, whitelist });
    await waitFor('node status', () => s.events.length >= 2);
    source.publish([
      testFlow('a', { uuid: 'live-fwd', verdict: 'FORWARDED' }),
      testFlow('b', { uuid: 'live-drop', verdict: 'DROPPED' }),
      testLost('a', 5),
      testFlow('c', { uuid: 'live-unavailable-node', verdict: 'DROPPED' }),
      testFlow('a', { uuid: 'live-drop-2', verdict: 'DROPPED' }),
    ]);
    await waitFor('live flows', () => flowIds(s.events).length >= 2);
    expect(s.headers()?.get(RELAY_VERSION_HEADER)).toEqual(['v1.19.4-skymap-demo']);
    expect(flowIds(s.events)).toEqual(['live-drop', 'live-drop-2']);
    expect(s.events.filter((e) => e.kind === 'lost')).toHaveLength(1);
    expect(seenFilters.at(-1)?.whitelist).toEqual(whitelist);
    s.stream.cancel();
  });

  it("cuts back-filled and live flows down to the request's field mask, as Hubble does", async () => {
    const fieldMask = ['time', 'uuid', 'verdict', 'source.namespace', 'l4'];
    const s = openFlows({ follow: true, number: 1, fieldMask });
    await waitFor('back-fill', () => flowIds(s.events).length >= 1);
    source.publish([testFlow('a', { uuid: 'live-masked' })]);
    await waitFor('live flow', () => flowIds(s.events).includes('live-masked'));
    const flows = s.events.flatMap((e) => (e.kind === 'flow' ? [e.flow] : []));
    expect(flows.length).toBeGreaterThanOrEqual(2);
    for (const flow of flows) {
      const present = Object.entries(flow)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      expect(present.sort()).toEqual(['l4', 'source', 'time', 'uuid', 'verdict']);
      expect(flow.source).toEqual({ namespace: 'shop' });
      expect(flow.l4?.TCP?.destination_port).toBe(80);
    }
    // Other streams still get every field (the shared, unmasked bytes).
    const full = openFlows({ follow: false, number: 1 });
    await full.ended;
    const first = full.events.find((e) => e.kind === 'flow');
    expect(first?.kind === 'flow' && first.flow.source?.pod_name).toBeTruthy();
    s.stream.cancel();
  });

  it('a filter hook that throws ends only that stream (INTERNAL), never the publisher', async () => {
    const s = openFlows({ follow: true, whitelist: [{ verdict: ['ERROR'] }] });
    await waitFor('node status', () => s.events.length >= 2);
    const boom = testFlow('a', { verdict: 'ERROR', uuid: 'explode' });
    expect(() => source.publish([boom])).not.toThrow();
    expect(await s.ended).toMatchObject({
      code: status.INTERNAL,
      details: 'demo relay: filter failed: hook exploded',
    });
  });

  it('cutStreams() ends open streams with UNAVAILABLE', async () => {
    const s = openFlows({ follow: true });
    await waitFor('stream registered', () => server.activeStreams() >= 1 && s.events.length >= 1);
    expect(server.cutStreams()).toBeGreaterThanOrEqual(1);
    expect((await s.ended).code).toBe(status.UNAVAILABLE);
    await waitFor('streams gone', () => server.activeStreams() === 0);
  });

  it('a client that stops reading gets HUBBLE_RING_BUFFER lost events for exactly what it missed', async () => {
    const s = openFlows({ follow: true });
    await waitFor('node status', () => s.events.length >= 2);
    s.stream.pause();
    const total = 4000;
    for (let i = 0; i < total / 200; i++) {
      source.publish(Array.from({ length: 200 }, (_, j) => testFlow('a', { uuid: `bp-${i * 200 + j}` })));
      await new Promise((r) => setImmediate(r));
    }
    s.stream.resume();
    const lostEvents = () =>
      s.events.filter((e): e is Extract<FlowEvent, { kind: 'lost' }> => e.kind === 'lost');
    const missed = () => lostEvents().reduce((sum, e) => sum + Number(e.lost.num_events_lost), 0);
    const received = () =>
      flowIds(s.events)
        .filter((id) => id?.startsWith('bp-') && id !== 'bp-after')
        .map((id) => Number(id?.slice(3)));
    // Every published flow is either delivered or counted in a lost event, none twice.
    await waitFor('all flows accounted for', () => received().length + missed() === total);
    source.publish([testFlow('a', { uuid: 'bp-after' })]);
    await waitFor('flow after the gap', () => flowIds(s.events).includes('bp-after'));
    expect(received().length + missed()).toBe(total);
    expect(missed()).toBeGreaterThan(0);
    expect(new Set(lostEvents().map((e) => e.lost.source))).toEqual(new Set(['HUBBLE_RING_BUFFER']));
    // Skipping never reorders: what arrives is still oldest → newest.
    expect(received()).toEqual([...received()].sort((x, y) => x - y));
    expect(flowIds(s.events).at(-1)).toBe('bp-after');
    s.stream.cancel();
  });
});
