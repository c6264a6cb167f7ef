import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export const DEMO_CONTEXT = 'skymap-demo';

/** kubeconfig text for the demo cluster (plain http needs insecure-skip-tls-verify for client-node 1.x). */
export function demoKubeconfig(serverUrl: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: DEMO_CONTEXT, cluster: { server: serverUrl, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'skymap-demo-viewer', user: { token: 'skymap-demo' } }],
    contexts: [
      {
        name: DEMO_CONTEXT,
        context: { cluster: DEMO_CONTEXT, user: 'skymap-demo-viewer', namespace: 'default' },
      },
    ],
    'current-context': DEMO_CONTEXT,
  });
}

export async function writeKubeconfig(path: string, serverUrl: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // 0600 like kubectl writes it: kubeconfigs normally hold credentials.
  await writeFile(path, demoKubeconfig(serverUrl), { mode: 0o600 });
}
