import { Server, ServerCredentials, type ServerWritableStream } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySource } from '../../demo/observer/memory-source';
import { createObserverServer } from '../../demo/observer/observer-server';
import { testFlow, waitFor } from '../../demo/observer/test-helpers';
import type { ObserverServer } from '../../demo/observer/types';
import { freePort } from '../../test-support/free-port';
import { encodeGetFlowsResponse } from './encode-flow-response';
import { createRelayClient, GET_FLOWS_PATH } from './relay-client';
import { decodeGetFlowsRequest } from './relay-codec';
import { collect } from './relay-test-harness';
import type { RelayClient, RelayFlowsRequest } from './relay-types';

let client: RelayClient | undefined;
let server: ObserverServer | undefined;

afterEach(async () => {
  client?.stop();
  client = undefined;
  await server?.close();
  server = undefined;
});

describe('createRelayClient when Relay is down', () => {
  it('reports unavailable, retries with capped backoff, and recovers when Relay comes up', async () => {
    const port = await freePort();
    const c = collect();
    client = createRelayClient({
      address: `127.0.0.1:${port}`,
      batchMaxDelayMs: 5,
      backoff: { initialMs: 10, multiplier: 2, maxMs: 40, jitter: 0 },
      ...c.callbacks,
    });
    expect(c.statuses[0]).toMatchObject({ state: 'connecting', reconnects: 0 });
    await waitFor(
      'several retries',
      () => (c.last()?.reconnects ?? 0) >= 4 && c.last()?.state === 'unavailable',
    );
    const failing = c.statuses.filter((s) => s.state === 'unavailable');
    expect(failing.length).toBeGreaterThanOrEqual(4);
    expect(failing[0]?.lastError).toMatch(/^UNAVAILABLE: .*(ECONNREFUSED|connect|No connection)/);
    expect(c.statuses.some((s) => s.state === 'connected')).toBe(false);

    const source = createMemorySource({ nodes: [{ name: 'n1', state: 'NODE_CONNECTED' }] });
    source.publish([testFlow('n1', { uuid: 'waiting-in-the-ring' })]);
    server = await createObserverServer({ source, port });
    await waitFor('connected', () => c.last()?.state === 'connected');
    // Nothing was ever received, so the retry is the first request again: back-fill included.
    await waitFor('back-filled flow', () => c.flowIds().includes('waiting-in-the-ring'));
    source.publish([testFlow('n1', { uuid: 'live-after-recovery' })]);
    await waitFor('live flow', () => c.flowIds().includes('live-after-recovery'));
    expect(c.last()?.connectedSince).toBeTypeOf('number');
    expect(c.last()?.lastError).toMatch(/UNAVAILABLE/);
  });

  it('treats a clean end of the follow stream (EOF) as a failure and resumes with since', async () => {
    const requests: RelayFlowsRequest[] = [];
    const bare = new Server();
    const bytesOut = (b: Uint8Array) => Buffer.from(b);
    bare.addService(
      {
        getFlows: {
          path: GET_FLOWS_PATH,
          requestStream: false,
          responseStream: true,
          requestSerialize: bytesOut,
          requestDeserialize: (b: Buffer) => b,
          responseSerialize: bytesOut,
          responseDeserialize: (b: Buffer) => b,
        },
      },
      {
        getFlows: (call: ServerWritableStream<Buffer, Uint8Array>) => {
          requests.push(decodeGetFlowsRequest(call.request));
          call.write(encodeGetFlowsResponse(testFlow('n1', { uuid: `call-${requests.length}` })));
          // The first call ends cleanly, like a Relay shutting down; later ones stay open.
          if (requests.length === 1) call.end();
        },
      },
    );
    const port = await new Promise<number>((resolve, reject) =>
      bare.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    try {
      const c = collect();
      client = createRelayClient({
        address: `127.0.0.1:${port}`,
        batchMaxDelayMs: 5,
        backoff: { initialMs: 10, maxMs: 20, jitter: 0 },
        ...c.callbacks,
      });
      await waitFor('second stream', () => c.flowIds().includes('call-2'));
      expect(c.statuses.find((s) => s.state === 'unavailable')?.lastError).toBe(
        'stream ended by the server (EOF)',
      );
      expect(requests[0]).toMatchObject({ follow: true, number: 2000 });
      expect(requests[1]).toMatchObject({ follow: true, number: 0 });
      expect(requests[1]?.since).toBeDefined();
    } finally {
      bare.forceShutdown();
    }
  });
});
