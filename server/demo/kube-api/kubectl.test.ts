// The real kubectl against the demo API server: discovery fallback, server-side tables, CRDs.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from './kubeconfig';
import { CERT_MANAGER_RESOURCES, CORE_RESOURCES } from './resource-catalog';
import { createKubeApiServer, type KubeApiServer } from './server';
import { certificate, node, pod } from './test-fixtures';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(KUBECTL);
if (!haveKubectl)
  console.warn(`kubectl integration tests skipped: ${KUBECTL} not found (set KUBECTL=<path>)`);

const run = promisify(execFile);
let server: KubeApiServer;
let dir: string;

async function kubectl(...args: string[]): Promise<string> {
  // A private cache dir: kubectl caches discovery per host:port and must see CRDs added later.
  const { stdout } = await run(
    KUBECTL,
    [
      '--kubeconfig',
      join(dir, 'config'),
      '--cache-dir',
      join(dir, 'cache'),
      '--request-timeout=10s',
      ...args,
    ],
    { timeout: 30_000, env: { ...process.env, HOME: dir, KUBECONFIG: '' } },
  );
  return stdout;
}

function rows(output: string): string[][] {
  return output
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
}

describe.skipIf(!haveKubectl)('kubectl against the demo API server', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skymap-kubectl-'));
    server = await createKubeApiServer({ port: 0 });
    for (const spec of CORE_RESOURCES) server.registerResource(spec);
    server.apply(node('talos-cp-1'));
    server.apply(node('nixos-worker-1'));
    server.apply(pod('shop', 'frontend-7d9f-abcde', { app: 'frontend' }));
    server.apply(pod('payments', 'payments-0', { app: 'payments' }));
    await writeKubeconfig(join(dir, 'config'), server.url);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('get nodes,pods -A lists every object', async () => {
    const output = await kubectl('get', 'nodes,pods', '-A');
    expect(output).toMatch(/node\/talos-cp-1\s+Ready/);
    expect(output).toMatch(/node\/nixos-worker-1\s+Ready/);
    expect(output).toMatch(/shop\s+pod\/frontend-7d9f-abcde\s+1\/1\s+Running/);
    expect(output).toMatch(/payments\s+pod\/payments-0\s+1\/1\s+Running/);
  });

  it('get certificates.cert-manager.io -A works once the CRD is registered', async () => {
    for (const spec of CERT_MANAGER_RESOURCES) server.registerResource(spec);
    server.apply(certificate('shop', 'shop-tls', 'True'));
    server.apply(certificate('payments', 'payments-tls', 'False'));
    const table = rows(await kubectl('get', 'certificates.cert-manager.io', '-A'));
    expect(table[0]?.slice(0, 4)).toEqual(['NAMESPACE', 'NAME', 'READY', 'SECRET']);
    expect(table.slice(1).map((row) => row.slice(0, 4))).toEqual([
      ['payments', 'payments-tls', 'False', 'payments-tls-tls'],
      ['shop', 'shop-tls', 'True', 'shop-tls-tls'],
    ]);
    expect(await kubectl('get', 'cert', '-n', 'shop', '-o', 'name')).toBe(
      'certificate.cert-manager.io/shop-tls\n',
    );
  });

  it('selects by label and prints objects as JSON', async () => {
    const output = await kubectl('get', 'pods', '-A', '-l', 'app in (payments)', '-o', 'json');
    const list = JSON.parse(output) as { items: { metadata: { name: string; resourceVersion: string } }[] };
    expect(list.items.map((item) => item.metadata.name)).toEqual(['payments-0']);
    expect(Number(list.items[0]?.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('reports write attempts as MethodNotAllowed', async () => {
    await expect(kubectl('delete', 'node', 'talos-cp-1')).rejects.toThrow(/MethodNotAllowed/);
    expect(await kubectl('get', 'node', 'talos-cp-1', '-o', 'name')).toBe('node/talos-cp-1\n');
  });
});
