import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_HEADER, peerAddress } from './peer-address';
import { installServerPeerHook } from './peer-hook';

function headersOf(record: Record<string, string>) {
  return { get: (name: string) => record[name] ?? null };
}

describe('peer address header', () => {
  let server: http.Server;
  let port = 0;
  const seen: (string | string[] | undefined)[] = [];

  beforeAll(async () => {
    // Before the hook, a client-sent header must not be believed.
    expect(peerAddress(headersOf({ [PEER_HEADER]: '127.0.0.1' }))).toBeNull();
    installServerPeerHook();
    installServerPeerHook(); // idempotent
    server = http.createServer((req, res) => {
      seen.push(req.headers[PEER_HEADER]);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('replaces a spoofed header with the real socket peer', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: '10.9.9.9' } });
    expect(await response.text()).toBe('ok');
    expect(seen.at(-1)).toBe('127.0.0.1');
  });

  it('sets the header when the client sends none', async () => {
    await fetch(`http://127.0.0.1:${port}/x`);
    expect(seen.at(-1)).toBe('127.0.0.1');
  });

  it('is trusted once the hook is installed', () => {
    expect(peerAddress(headersOf({ [PEER_HEADER]: '127.0.0.1' }))).toBe('127.0.0.1');
    expect(peerAddress(headersOf({}))).toBeNull();
  });
});
