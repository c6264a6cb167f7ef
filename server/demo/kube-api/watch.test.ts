import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CERT_MANAGER_RESOURCES, CORE_RESOURCES } from './resource-catalog';
import { createKubeApiServer, type KubeApiServer } from './server';
import { certificate, node, openWatch, pod, type RawWatch } from './test-fixtures';

let server: KubeApiServer;
const opened: RawWatch[] = [];

async function watch(path: string): Promise<RawWatch> {
  const raw = await openWatch(`${server.url}${path}`);
  opened.push(raw);
  return raw;
}

beforeEach(async () => {
  server = await createKubeApiServer({ port: 0, bookmarkIntervalMs: 50 });
  for (const spec of [...CORE_RESOURCES, ...CERT_MANAGER_RESOURCES]) server.registerResource(spec);
});

afterEach(async () => {
  for (const raw of opened.splice(0)) raw.close();
  await server.close();
});

describe('watch', () => {
  it('flushes the response headers before the first event', async () => {
    server.apply(node('n1'));
    const rv = server.currentResourceVersion();
    // Nothing has changed since `rv`, so there is no event to send: this only resolves (instead of
    // timing out) because the server flushed the headers on its own.
    const raw = await watch(`/api/v1/nodes?watch=true&resourceVersion=${rv}`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/json');
    expect(raw.headers['transfer-encoding']).toBe('chunked');
    expect(raw.events).toHaveLength(0);
    server.apply(node('n2'));
    const [event] = await raw.waitForEvents(1);
    expect(event).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'n2', resourceVersion: '2' } },
    });
  });

  it('replays exactly the events after the given resourceVersion, then streams live', async () => {
    server.apply(node('n1'));
    const after = server.currentResourceVersion();
    server.apply(node('n1', { spec: { unschedulable: true } }));
    server.apply(node('n2'));
    server.remove('v1', 'Node', undefined, 'n2');
    const raw = await watch(`/api/v1/nodes?watch=1&resourceVersion=${after}`);
    server.apply(node('n3'));
    const events = await raw.waitForEvents(4);
    expect(
      events.map(
        (event) => `${event.type} ${event.object.metadata?.name} ${event.object.metadata?.resourceVersion}`,
      ),
    ).toEqual(['MODIFIED n1 2', 'ADDED n2 3', 'DELETED n2 4', 'ADDED n3 5']);
  });

  it('starts with synthetic ADDED events when no resourceVersion is given', async () => {
    server.apply(pod('shop', 'a'));
    server.apply(pod('payments', 'b'));
    const raw = await watch('/api/v1/namespaces/shop/pods?watch=true');
    const [event] = await raw.waitForEvents(1);
    expect(event).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'a' } } });
    server.apply(pod('payments', 'c'));
    server.apply(pod('shop', 'd'));
    const events = await raw.waitForEvents(2);
    expect(events.map((e) => e.object.metadata?.name)).toEqual(['a', 'd']);
  });

  it('sends a 410 Expired ERROR event and closes for a compacted resourceVersion', async () => {
    server.apply(node('n1'));
    const old = server.currentResourceVersion();
    server.apply(node('n2'));
    server.compactHistory();
    const raw = await watch(`/api/v1/nodes?watch=true&resourceVersion=${old}`);
    expect(raw.status).toBe(200);
    const [event] = await raw.waitForEvents(1);
    expect(event?.type).toBe('ERROR');
    expect(event?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(await raw.ended).toBe('end');
  });

  it('expires resourceVersions that fell out of the bounded history', async () => {
    const small = await createKubeApiServer({ port: 0, historyLimit: 2 });
    try {
      for (const spec of CORE_RESOURCES) small.registerResource(spec);
      for (let i = 0; i < 4; i += 1) small.apply(node(`n${i}`));
      const expired = await openWatch(`${small.url}/api/v1/nodes?watch=true&resourceVersion=1`);
      opened.push(expired);
      expect((await expired.waitForEvents(1))[0]?.object).toMatchObject({ code: 410 });
      const fine = await openWatch(`${small.url}/api/v1/nodes?watch=true&resourceVersion=2`);
      opened.push(fine);
      expect((await fine.waitForEvents(2)).map((e) => e.object.metadata?.name)).toEqual(['n2', 'n3']);
    } finally {
      await small.close();
    }
  });

  it('sends bookmarks only when allowed and ends the stream after timeoutSeconds', async () => {
    server.apply(node('n1'));
    const rv = server.currentResourceVersion();
    const withBookmarks = await watch(
      `/api/v1/nodes?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
    );
    const [bookmark] = await withBookmarks.waitForEvents(1);
    expect(bookmark).toMatchObject({
      type: 'BOOKMARK',
      object: { kind: 'Node', metadata: { resourceVersion: String(rv) } },
    });
    const timed = await watch(`/api/v1/nodes?watch=true&resourceVersion=${rv}&timeoutSeconds=1`);
    expect(await timed.ended).toBe('end');
    expect(timed.events).toEqual([]);
  });

  it('turns label changes into ADDED/DELETED for a filtered watch', async () => {
    server.apply(pod('shop', 'a', { app: 'web' }));
    const rv = server.currentResourceVersion();
    const raw = await watch(`/api/v1/pods?watch=true&resourceVersion=${rv}&labelSelector=app%3Dweb`);
    server.apply(pod('shop', 'a', { app: 'api' }));
    server.apply(pod('shop', 'a', { app: 'web' }));
    server.apply(pod('shop', 'b', { app: 'other' }));
    const events = await raw.waitForEvents(2);
    expect(events.map((e) => e.type)).toEqual(['DELETED', 'ADDED']);
  });

  it('cutWatches() closes every open watch abruptly', async () => {
    const a = await watch('/api/v1/nodes?watch=true');
    const b = await watch('/api/v1/pods?watch=true');
    expect(server.openWatchCount()).toBe(2);
    expect(server.cutWatches()).toBe(2);
    await Promise.all([a.ended, b.ended]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.openWatchCount()).toBe(0);
  });

  it('ends watches of a resource that is unregistered, after DELETED events', async () => {
    server.apply(certificate('shop', 'web', 'True'));
    const rv = server.currentResourceVersion();
    const raw = await watch(`/apis/cert-manager.io/v1/certificates?watch=true&resourceVersion=${rv}`);
    server.unregisterResource('cert-manager.io', 'v1', 'certificates');
    expect(await raw.ended).toBe('end');
    expect(raw.events.map((e) => e.type)).toEqual(['DELETED']);
  });

  it('rejects a malformed resourceVersion with a 400 Status', async () => {
    const raw = await watch('/api/v1/nodes?watch=true&resourceVersion=abc');
    expect(raw.status).toBe(400);
  });
});
