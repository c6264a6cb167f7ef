import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySource } from '../../demo/observer/memory-source';
import { createObserverServer } from '../../demo/observer/observer-server';
import { testFlow, waitFor } from '../../demo/observer/test-helpers';
import type { ObserverServer } from '../../demo/observer/types';
import { createTestPki, HAS_OPENSSL, type TestPki } from '../../demo/talos/test-certs';
import { createRelayClient } from './relay-client';
import { collect } from './relay-test-harness';
import type { RelayClient, RelayTlsOptions } from './relay-types';

if (!HAS_OPENSSL) console.warn('relay-client-tls.test.ts: openssl not found, TLS/mTLS tests skipped');

const SERVER_NAME = 'ui.hubble-relay.cilium.io';
let pki: TestPki | undefined;
const file = (name: string) => {
  if (!pki) throw new Error('no test PKI');
  return pki.path(name);
};

let client: RelayClient | undefined;
let server: ObserverServer | undefined;

async function startServer(mtls: boolean): Promise<ObserverServer> {
  const source = createMemorySource({ nodes: [{ name: 'n1', state: 'NODE_CONNECTED' }] });
  source.publish([testFlow('n1', { uuid: 'over-tls' })]);
  const credentials = ServerCredentials.createSsl(
    mtls ? readFileSync(file('ca.crt')) : null,
    [{ private_key: readFileSync(file('server.key')), cert_chain: readFileSync(file('server.crt')) }],
    mtls,
  );
  server = await createObserverServer({ source, credentials });
  return server;
}

function connect(tls: RelayTlsOptions) {
  const c = collect();
  client = createRelayClient({
    address: server!.address,
    tls,
    batchMaxDelayMs: 5,
    backoff: { initialMs: 20, maxMs: 50, jitter: 0 },
    ...c.callbacks,
  });
  return c;
}

describe.skipIf(!HAS_OPENSSL)('createRelayClient over TLS', () => {
  beforeAll(() => {
    pki = createTestPki('skymap-relay-tls-');
    pki.makeCa('ca');
    pki.makeCa('other-ca');
    pki.makeLeaf(
      'server',
      'ca',
      'subjectAltName=DNS:*.hubble-relay.cilium.io\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature\n',
    );
    pki.makeLeaf('client', 'ca', 'extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n');
  });

  afterAll(() => {
    pki?.dispose();
  });

  afterEach(async () => {
    client?.stop();
    client = undefined;
    await server?.close();
    server = undefined;
  });

  it('TLS: verifies Relay against the CA under the configured server name', async () => {
    await startServer(false);
    const c = connect({ caFile: file('ca.crt'), serverName: SERVER_NAME });
    await waitFor('flow over TLS', () => c.flowIds().includes('over-tls'));
    expect(c.last()?.state).toBe('connected');
  });

  it('TLS: without the server name override the certificate does not match 127.0.0.1', async () => {
    await startServer(false);
    const c = connect({ caFile: file('ca.crt') });
    await waitFor('unavailable', () => c.last()?.state === 'unavailable');
    expect(c.last()?.lastError).toMatch(/UNAVAILABLE: .*(altnames|Hostname|IP: 127\.0\.0\.1)/i);
  });

  it('TLS: a wrong CA leaves the client unavailable with a certificate error', async () => {
    await startServer(false);
    const c = connect({ caFile: file('other-ca.crt'), serverName: SERVER_NAME });
    await waitFor('unavailable', () => c.last()?.state === 'unavailable' && c.last()!.reconnects >= 1);
    expect(c.last()?.lastError).toMatch(/UNAVAILABLE: .*(certificate|self.signed|verify)/i);
    expect(c.flowIds()).toEqual([]);
  });

  it('mTLS: the client certificate is presented and accepted', async () => {
    await startServer(true);
    const c = connect({
      caFile: file('ca.crt'),
      certFile: file('client.crt'),
      keyFile: file('client.key'),
      serverName: SERVER_NAME,
    });
    await waitFor('flow over mTLS', () => c.flowIds().includes('over-tls'));
  });

  it('mTLS: without a client certificate Relay refuses the connection', async () => {
    await startServer(true);
    const c = connect({ caFile: file('ca.crt'), serverName: SERVER_NAME });
    await waitFor('unavailable', () => c.last()?.state === 'unavailable');
    expect(c.flowIds()).toEqual([]);
    expect(c.last()?.lastError).toMatch(/UNAVAILABLE: .*certificate required/);
  });
});
