// client-node's own informer (makeInformer/ListWatch) against the demo API server: proves the server
// is usable by stock client-node code — headers flushed so start() resolves, 410 Gone → relist.

import { CustomObjectsApi, type KubernetesObject, makeInformer } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CERT_MANAGER_RESOURCES, createKubeApiServer, type KubeApiServer } from '../../demo/kube-api/index';
import { kubeConfigFor, waitFor } from './test-support';

let server: KubeApiServer;

function cert(namespace: string, name: string) {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace },
    spec: { secretName: name },
  };
}

beforeEach(async () => {
  server = await createKubeApiServer({ port: 0 });
  for (const spec of CERT_MANAGER_RESOURCES) server.registerResource(spec);
  server.apply(cert('shop', 'a'));
});

afterEach(async () => {
  await server.close();
});

describe('client-node makeInformer against the demo server', () => {
  it('starts, receives changes and relists after a 410 on reconnect', async () => {
    const kc = kubeConfigFor(server.url);
    const api = kc.makeApiClient(CustomObjectsApi);
    const list = () =>
      api.listClusterCustomObject({
        group: 'cert-manager.io',
        version: 'v1',
        plural: 'certificates',
      }) as Promise<{
        metadata?: { resourceVersion?: string };
        items: KubernetesObject[];
      }>;
    const informer = makeInformer<KubernetesObject>(kc, '/apis/cert-manager.io/v1/certificates', list);
    const log: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (object) => log.push(`add ${object.metadata?.name}`));
    informer.on('delete', (object) => log.push(`delete ${object.metadata?.name}`));
    informer.on('error', (error) => errors.push(error));
    let connects = 0;
    informer.on('connect', () => {
      connects += 1;
    });
    try {
      await informer.start();
      expect(log).toEqual(['add a']);
      server.apply(cert('shop', 'b'));
      await waitFor(
        () => log.includes('add b'),
        () => log.join(', '),
      );

      // An abrupt cut makes client-node report "Premature close" and stop (it never restarts itself).
      expect(server.cutWatches()).toBe(1);
      await waitFor(
        () => errors.length > 0,
        () => log.join(', '),
      );
      expect(String(errors[0])).toMatch(/Premature close/);
      // While it is down, `a` is deleted and history compacted. Restarting resumes from the old RV,
      // gets the 410 ERROR event, and relists, which deletes `a`.
      server.remove('cert-manager.io/v1', 'Certificate', 'shop', 'a');
      server.compactHistory();
      await informer.start();
      await waitFor(
        () => log.includes('delete a'),
        () => `${log.join(', ')} connects=${connects}`,
      );
      expect(connects).toBeGreaterThanOrEqual(3);
      expect(informer.list().map((object) => object.metadata?.name)).toEqual(['b']);
    } finally {
      await informer.stop();
    }
  });
});
