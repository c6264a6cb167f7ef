import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CERT_MANAGER_RESOURCES, CORE_RESOURCES } from './resource-catalog';
import { createKubeApiServer, type KubeApiServer } from './server';
import { certificate, getJson, node, pod } from './test-fixtures';

let server: KubeApiServer;

beforeEach(async () => {
  server = await createKubeApiServer({ port: 0 });
  for (const spec of CORE_RESOURCES) server.registerResource(spec);
  server.apply(node('n1'));
  server.apply(node('n2'));
  server.apply(pod('shop', 'web-1', { app: 'web' }));
  server.apply(pod('shop', 'web-2', { app: 'web' }));
  server.apply(pod('payments', 'api-1', { app: 'api' }));
});

afterEach(async () => {
  await server.close();
});

function items(body: unknown): string[] {
  return ((body as { items: { metadata: { name: string } }[] }).items ?? []).map(
    (item) => item.metadata.name,
  );
}

function send(method: string, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { method, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe('discovery', () => {
  it('serves /version, /api, /api/v1 and /apis', async () => {
    expect((await getJson(`${server.url}/version`)).body).toMatchObject({
      major: '1',
      gitVersion: expect.any(String),
    });
    expect((await getJson(`${server.url}/api`)).body).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    const core = (await getJson(`${server.url}/api/v1`)).body as { resources: Record<string, unknown>[] };
    expect(core.resources).toContainEqual(
      expect.objectContaining({
        name: 'pods',
        kind: 'Pod',
        namespaced: true,
        shortNames: ['po'],
        singularName: 'pod',
      }),
    );
    expect(core.resources.find((resource) => resource.name === 'nodes')?.verbs).toEqual([
      'get',
      'list',
      'watch',
    ]);
    const groups = (await getJson(`${server.url}/apis`)).body as { groups: { name: string }[] };
    expect(groups.groups.map((group) => group.name)).toContain('apps');
    expect(groups.groups.map((group) => group.name)).not.toContain('cert-manager.io');
  });

  it('adds a group when a CRD is registered after start and removes it again', async () => {
    expect((await getJson(`${server.url}/apis/cert-manager.io/v1`)).status).toBe(404);
    for (const spec of CERT_MANAGER_RESOURCES) server.registerResource(spec);
    const group = await getJson(`${server.url}/apis/cert-manager.io`);
    expect(group.body).toMatchObject({
      kind: 'APIGroup',
      preferredVersion: { groupVersion: 'cert-manager.io/v1' },
    });
    const list = (await getJson(`${server.url}/apis/cert-manager.io/v1`)).body as {
      resources: { name: string }[];
    };
    expect(list.resources.map((resource) => resource.name)).toContain('certificates');
    for (const spec of CERT_MANAGER_RESOURCES)
      server.unregisterResource(spec.group, spec.version, spec.plural);
    expect((await getJson(`${server.url}/apis/cert-manager.io/v1`)).status).toBe(404);
  });

  it('answers 406 to an Accept header that only allows aggregated discovery', async () => {
    const aggregatedOnly = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
    expect((await getJson(`${server.url}/apis`, { Accept: aggregatedOnly })).status).toBe(406);
    const withFallback = `${aggregatedOnly},application/json`;
    expect((await getJson(`${server.url}/apis`, { Accept: withFallback })).status).toBe(200);
  });
});

describe('reads', () => {
  it('lists cluster-wide and per namespace with a list resourceVersion', async () => {
    const all = await getJson(`${server.url}/api/v1/pods`);
    expect(all.body).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '5' } });
    expect(items(all.body)).toEqual(['api-1', 'web-1', 'web-2']);
    expect(items((await getJson(`${server.url}/api/v1/namespaces/shop/pods`)).body)).toEqual([
      'web-1',
      'web-2',
    ]);
    expect(items((await getJson(`${server.url}/api/v1/nodes`)).body)).toEqual(['n1', 'n2']);
  });

  it('gets single objects and answers NotFound Status objects', async () => {
    const found = await getJson(`${server.url}/api/v1/namespaces/shop/pods/web-1`);
    expect(found.body).toMatchObject({ kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop' } });
    const missing = await getJson(`${server.url}/api/v1/namespaces/shop/pods/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
      message: 'pods "nope" not found',
    });
    const unknown = await getJson(`${server.url}/apis/example.com/v1/widgets`);
    expect(unknown.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });

  it('filters with label and field selectors', async () => {
    const base = `${server.url}/api/v1/pods`;
    expect(items((await getJson(`${base}?labelSelector=app%3Dweb`)).body)).toEqual(['web-1', 'web-2']);
    expect(items((await getJson(`${base}?labelSelector=app%20notin%20(web)`)).body)).toEqual(['api-1']);
    expect(items((await getJson(`${base}?labelSelector=app,app!%3Dapi`)).body)).toEqual(['web-1', 'web-2']);
    expect(items((await getJson(`${base}?fieldSelector=metadata.name%3Dweb-2`)).body)).toEqual(['web-2']);
    expect(items((await getJson(`${base}?fieldSelector=metadata.namespace!%3Dshop`)).body)).toEqual([
      'api-1',
    ]);
    const bad = await getJson(`${base}?labelSelector=app%20in%20(`);
    expect(bad.body).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest' });
  });

  it('pages with limit/continue from one consistent snapshot', async () => {
    const first = (await getJson(`${server.url}/api/v1/pods?limit=2`)).body as {
      metadata: { continue: string; resourceVersion: string };
    };
    expect(items(first)).toEqual(['api-1', 'web-1']);
    server.apply(pod('shop', 'web-3'));
    server.remove('v1', 'Pod', 'shop', 'web-2');
    const token = encodeURIComponent(first.metadata.continue);
    const second = (await getJson(`${server.url}/api/v1/pods?limit=2&continue=${token}`)).body as {
      metadata: Record<string, string>;
    };
    expect(items(second)).toEqual(['web-2']);
    expect(second.metadata).toEqual({ resourceVersion: first.metadata.resourceVersion });
    const reused = await getJson(`${server.url}/api/v1/pods?limit=2&continue=${token}`);
    expect(reused.status).toBe(410);
    expect(reused.body).toMatchObject({ reason: 'Expired', code: 410 });
  });

  it('returns a Table when kubectl asks for server-side printing', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const table = (await getJson(`${server.url}/api/v1/pods?includeObject=Object`, { Accept: accept }))
      .body as {
      kind: string;
      rows: { cells: unknown[]; object: { kind: string } }[];
    };
    expect(table.kind).toBe('Table');
    expect(table.rows.map((row) => row.cells[0])).toEqual(['api-1', 'web-1', 'web-2']);
    expect(table.rows[0]?.cells.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(table.rows[0]?.object.kind).toBe('Pod');
  });
});

describe('writes', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    '%s is refused with a 405 MethodNotAllowed Status',
    async (method) => {
      const response = await send(method, '/api/v1/namespaces/shop/pods/web-1');
      expect(response.status).toBe(405);
      expect(response.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'MethodNotAllowed',
        code: 405,
      });
      expect(server.get('v1', 'Pod', 'shop', 'web-1')).toBeDefined();
    },
  );
});

describe('custom resources', () => {
  it('serves CRD objects under /apis/<group>/<version>', async () => {
    for (const spec of CERT_MANAGER_RESOURCES) server.registerResource(spec);
    server.apply(certificate('shop', 'web', 'True'));
    server.apply(certificate('payments', 'api', 'False'));
    const all = await getJson(`${server.url}/apis/cert-manager.io/v1/certificates`);
    expect(all.body).toMatchObject({ kind: 'CertificateList', apiVersion: 'cert-manager.io/v1' });
    expect(items(all.body)).toEqual(['api', 'web']);
    const one = await getJson(`${server.url}/apis/cert-manager.io/v1/namespaces/shop/certificates/web`);
    expect(one.body).toMatchObject({ kind: 'Certificate', spec: { secretName: 'web-tls' } });
  });
});
