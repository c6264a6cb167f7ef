import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTalosClient, type TalosNodeStatus } from '../../sources/talos/talos-client';
import type { TalosServiceInfo } from '../../sources/talos/talos-codec';
import type { TalosContext } from '../../sources/talos/talosconfig';
import { createTalosApiServer, type TalosApiServer } from './talos-api-server';
import { createTestPki, HAS_OPENSSL, type TestPki } from './test-certs';

const svc = (id: string, healthy: boolean, message = ''): TalosServiceInfo => ({
  id,
  state: healthy ? 'Running' : 'Failed',
  events: {
    events: [{ msg: message || 'Health check successful', state: 'Running', ts: '2026-08-20T09:00:15Z' }],
  },
  health: { unknown: false, healthy, last_message: message, last_change: '2026-08-20T09:00:15Z' },
});
const version = (tag: string) => ({
  tag,
  sha: 'abc',
  built: '',
  go_version: 'go1.24',
  os: 'linux',
  arch: 'amd64',
});

describe.skipIf(!HAS_OPENSSL)('Talos client ↔ demo Talos API over mTLS', () => {
  let pki: TestPki;
  let server: TalosApiServer;

  beforeAll(async () => {
    pki = createTestPki();
    pki.makeCa('ca');
    pki.makeCa('other-ca');
    pki.makeLeaf('server', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    pki.makeLeaf('client', 'ca', 'extendedKeyUsage=clientAuth\n');
    server = await createTalosApiServer({
      ca: pki.file('ca.crt'),
      cert: pki.file('server.crt'),
      key: pki.file('server.key'),
      nodes: {
        '10.0.0.2': {
          version: version('v1.11.2'),
          platform: { name: 'metal', mode: 'metal' },
          services: [svc('apid', true), svc('etcd', true), svc('kubelet', true)],
        },
        '10.0.0.3': {
          version: version('v1.11.1'),
          services: [svc('apid', true), svc('etcd', false, 'etcd: context deadline exceeded')],
        },
      },
    });
  });

  afterAll(async () => {
    await server?.close();
    pki?.dispose();
  });

  const context = (ca: string, nodes: string[]): TalosContext => ({
    name: 'test',
    endpoints: [server.address],
    nodes,
    ca: pki.file(ca),
    crt: pki.file('client.crt'),
    key: pki.file('client.key'),
  });

  async function poll(ctx: TalosContext): Promise<readonly TalosNodeStatus[]> {
    const updates: (readonly TalosNodeStatus[])[] = [];
    const client = createTalosClient({ context: ctx, onUpdate: (s) => updates.push(s), timeoutMs: 5000 });
    try {
      const result = await client.pollOnce();
      expect(updates).toEqual([result]);
      return result;
    } finally {
      client.stop();
    }
  }

  it('reads Version and ServiceList per node, including an unhealthy service and an unknown node', async () => {
    const [a, b, c] = await poll(context('ca.crt', ['10.0.0.2', '10.0.0.3', '10.0.0.9']));
    expect(a).toMatchObject({ target: '10.0.0.2', version: 'v1.11.2', platform: 'metal', error: null });
    expect(a?.services.map((s) => s.id)).toEqual(['apid', 'etcd', 'kubelet']);
    expect(b).toMatchObject({ target: '10.0.0.3', version: 'v1.11.1', error: null });
    expect(b?.services.find((s) => s.id === 'etcd')).toEqual({
      id: 'etcd',
      state: 'Failed',
      healthy: false,
      message: 'etcd: context deadline exceeded',
    });
    expect(c).toMatchObject({ target: '10.0.0.9', version: null, error: 'node 10.0.0.9 is unreachable' });
  });

  it('surfaces a wrong CA as a per-node error instead of throwing', async () => {
    const statuses = await poll(context('other-ca.crt', ['10.0.0.2', '10.0.0.3']));
    expect(statuses).toHaveLength(2);
    for (const s of statuses) {
      expect(s.version).toBeNull();
      expect(s.error).toBeTruthy();
    }
  });
});
