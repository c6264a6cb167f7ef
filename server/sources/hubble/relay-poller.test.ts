import { Client, credentials, Server, ServerCredentials, status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../demo/observer/test-helpers';
import { createRelayPoller, describeGrpcError, GET_NAMESPACES_PATH } from './relay-poller';

let server: Server | undefined;
let client: Client | undefined;

afterEach(() => {
  client?.close();
  server?.forceShutdown();
});

async function bareServer(): Promise<string> {
  server = new Server();
  // Only GetNamespaces exists, and it is UNIMPLEMENTED (an old Relay); the rest is unknown.
  server.register(
    GET_NAMESPACES_PATH,
    (_call: unknown, callback: (err: { code: number; details: string }) => void) =>
      callback({ code: status.UNIMPLEMENTED, details: 'unknown method' }),
    (b: Buffer) => b,
    (b: Buffer) => b,
    'unary',
  );
  const port = await new Promise<number>((resolve, reject) =>
    server!.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return `127.0.0.1:${port}`;
}

describe('createRelayPoller', () => {
  it('tolerates UNIMPLEMENTED silently and keeps polling', async () => {
    const address = await bareServer();
    client = new Client(address, credentials.createInsecure());
    let polls = 0;
    const calls: string[] = [];
    const poller = createRelayPoller({
      client: () => {
        polls += 1;
        return client;
      },
      statusPollMs: 10,
      namespacesPollMs: 10,
      unaryTimeoutMs: 1000,
      onServerStatus: () => calls.push('status'),
      onNodes: () => calls.push('nodes'),
      onNamespaces: () => calls.push('namespaces'),
      onMalformed: () => calls.push('malformed'),
      guard: (fn) => fn(),
    });
    poller.start();
    await waitFor('several polls', () => polls >= 12);
    poller.stop();
    expect(calls).toEqual([]);
  });
});

describe('describeGrpcError', () => {
  it('prints the status name and details, without grpc-js resolution-note noise', () => {
    expect(
      describeGrpcError({
        code: status.UNAVAILABLE,
        details: 'No connection established. Resolution note: ',
      }),
    ).toBe('UNAVAILABLE: No connection established');
    expect(describeGrpcError({ code: status.CANCELLED, details: '' })).toBe('CANCELLED');
    expect(describeGrpcError(new Error('boom'))).toBe('boom');
  });
});
