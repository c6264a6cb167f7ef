// Local try-out of the Talos API integration: `npx tsx server/demo/talos/main.ts` generates a
// throwaway PKI (openssl), starts the demo Talos API on 127.0.0.1 and prints a TALOSCONFIG whose
// `nodes` are the demo cluster's Talos node names. Ctrl-C stops it and removes the files.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TalosServiceInfo } from '../../sources/talos/talos-codec';
import { createTalosApiServer } from './talos-api-server';
import { createTestPki, HAS_OPENSSL } from './test-certs';

const TS = '2026-08-20T09:00:15Z';
const svc = (id: string, state = 'Running', healthy = true, message = ''): TalosServiceInfo => ({
  id,
  state,
  events: { events: [{ msg: message || 'Health check successful', state, ts: TS }] },
  health: { unknown: false, healthy, last_message: message, last_change: TS },
});
const common = ['apid', 'containerd', 'cri', 'kubelet', 'machined', 'syslogd', 'udevd'].map((id) => svc(id));
const version = (tag: string) => ({
  tag,
  sha: '511b4d2e',
  built: '',
  go_version: 'go1.24.6',
  os: 'linux',
  arch: 'amd64',
});

async function main(): Promise<void> {
  if (!HAS_OPENSSL) throw new Error('openssl is needed to generate the demo certificates');
  const pki = createTestPki();
  pki.makeCa('ca');
  pki.makeLeaf('server', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  pki.makeLeaf('client', 'ca', 'extendedKeyUsage=clientAuth\n');
  const server = await createTalosApiServer({
    ca: pki.file('ca.crt'),
    cert: pki.file('server.crt'),
    key: pki.file('server.key'),
    port: Number(process.env.TALOS_DEMO_PORT ?? 0),
    nodes: {
      'talos-cp-1': {
        version: version('v1.11.2'),
        platform: { name: 'metal', mode: 'metal' },
        services: [
          ...common,
          svc('trustd'),
          svc('etcd', 'Running', false, 'etcdserver: request timed out'),
          svc('ext-iscsid', 'Failed', false, 'Condition failed: exit status 1'),
        ],
      },
      'talos-worker-1': {
        version: version('v1.11.2'),
        platform: { name: 'metal', mode: 'metal' },
        services: common,
      },
    },
  });
  const b64 = (name: string) => pki.file(name).toString('base64');
  const file = path.join(tmpdir(), `skymap-demo-talosconfig-${process.pid}`);
  writeFileSync(
    file,
    `context: demo\ncontexts:\n  demo:\n    endpoints: ["${server.address}"]\n    nodes: [talos-cp-1, talos-worker-1]\n` +
      `    ca: ${b64('ca.crt')}\n    crt: ${b64('client.crt')}\n    key: ${b64('client.key')}\n`,
  );
  console.log(`demo Talos API on ${server.address}\nTALOSCONFIG=${file}`);
  const stop = () => {
    void server.close().then(() => {
      pki.dispose();
      rmSync(file, { force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
