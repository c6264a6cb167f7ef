// startTalosSource end to end: a talosconfig file on disk (base64 PEMs) → polling the demo Talos API
// over mTLS → the hub's TalosState, and a clean stop.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalosState } from '../../hub/talos-state';
import { startTalosSource } from '../../sources/talos/talos-source';
import { createTalosApiServer, type TalosApiServer } from './talos-api-server';
import { createTestPki, HAS_OPENSSL, type TestPki } from './test-certs';

describe.skipIf(!HAS_OPENSSL)('startTalosSource', () => {
  let pki: TestPki;
  let server: TalosApiServer;
  let dir: string;

  beforeAll(async () => {
    pki = createTestPki();
    pki.makeCa('ca');
    pki.makeLeaf('server', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    pki.makeLeaf('client', 'ca', 'extendedKeyUsage=clientAuth\n');
    server = await createTalosApiServer({
      ca: pki.file('ca.crt'),
      cert: pki.file('server.crt'),
      key: pki.file('server.key'),
      nodes: {
        'talos-cp-1': {
          version: { tag: 'v1.11.2', sha: '', built: '', go_version: '', os: 'linux', arch: 'amd64' },
          services: [],
        },
      },
    });
    dir = mkdtempSync(path.join(tmpdir(), 'skymap-talos-src-'));
  });

  afterAll(async () => {
    await server?.close();
    pki?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('feeds per-node results into the state until stopped', async () => {
    const b64 = (name: string) => pki.file(name).toString('base64');
    const file = path.join(dir, 'talosconfig');
    writeFileSync(
      file,
      [
        'context: lab',
        'contexts:',
        '  lab:',
        `    endpoints: ["${server.address}"]`,
        '    nodes: [talos-cp-1]',
        `    ca: ${b64('ca.crt')}`,
        `    crt: ${b64('client.crt')}`,
        `    key: ${b64('client.key')}`,
        '',
      ].join('\n'),
    );
    const state = new TalosState();
    const updated = new Promise<void>((resolve) => {
      const update = state.update.bind(state);
      state.update = (nodes) => {
        update(nodes);
        resolve();
      };
    });
    const stop = startTalosSource(file, state);
    expect(state.snapshot().context).toBe('lab');
    await updated;
    stop();
    expect(state.snapshot().nodes).toEqual([
      expect.objectContaining({ target: 'talos-cp-1', version: 'v1.11.2', error: null }),
    ]);
  });
});
