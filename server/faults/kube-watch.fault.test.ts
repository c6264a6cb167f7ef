// Kubernetes watch faults at the cluster-source level, against the demo cluster's Kubernetes API over
// real HTTP: a dropped connection resumes from its resourceVersion, a 410 Gone relists. Every state
// the source exposes along the way is checked: objects that survive never vanish (no stale deletes),
// names are never duplicated, and the end state is exactly what the API holds.
import { afterEach, describe, expect, it } from 'vitest';
import { CORE_RESOURCES, createKubeApiServer, type KubeApiServer, type KubeObject } from '../demo/kube-api';
import { rawPod } from '../domain/cluster/test-support/builders';
import { type ClusterSource, createClusterSource } from '../sources/kubernetes/cluster-source';
import { kubeConfigFor, waitFor } from '../sources/kubernetes/test-support';
import { WATCHED_RESOURCES } from '../sources/kubernetes/watched-resources';

let server: KubeApiServer | undefined;
let cluster: ClusterSource | undefined;

afterEach(async () => {
  cluster?.stop();
  cluster = undefined;
  await server?.close();
  server = undefined;
});

function node(name: string, role = 'worker'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { [`node-role.kubernetes.io/${role}`]: '' } },
    status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.31.2' } },
  };
}

function pod(name: string): KubeObject {
  return rawPod({ namespace: 'shop', name, nodeName: 'n1' }) as KubeObject;
}

interface Seen {
  nodes: string[];
  pods: string[];
}

describe('Kubernetes watch faults (cluster source)', () => {
  it('connection drop resumes, 410 Gone relists: no duplicates, no stale deletes, exact end state', async () => {
    const lists: string[] = [];
    server = await createKubeApiServer({
      onRequest: (method, url) => {
        if (method === 'GET' && !url.includes('watch=') && /\/api\/v1\/(nodes|pods)\b/.test(url))
          lists.push(url);
      },
    });
    for (const spec of CORE_RESOURCES.filter((r) => r.plural === 'nodes' || r.plural === 'pods')) {
      server.registerResource(spec);
    }
    for (const name of ['n1', 'n2', 'n3', 'n4', 'n5']) server.apply(node(name));
    for (const name of ['p1', 'p2', 'p3']) server.apply(pod(name));

    const seen: Seen[] = [];
    const resources = WATCHED_RESOURCES.filter(
      (r) => r.spec.group === '' && ['nodes', 'pods'].includes(r.spec.plural),
    );
    expect(resources).toHaveLength(2);
    const source = createClusterSource(kubeConfigFor(server.url), {
      resources,
      onChange: () => {
        const snapshot = source.snapshot();
        seen.push({ nodes: snapshot.nodes.map((n) => n.name), pods: snapshot.pods.map((p) => p.name) });
      },
      watcher: { coalesceMs: 1, backoff: { initialMs: 10, maxMs: 50 } },
    });
    cluster = source;
    const current = () => ({
      nodes: source
        .snapshot()
        .nodes.map((n) => n.name)
        .sort(),
      pods: source
        .snapshot()
        .pods.map((p) => p.name)
        .sort(),
    });
    const expectState = (nodes: string[], pods: string[]) => () =>
      JSON.stringify(current()) === JSON.stringify({ nodes, pods });
    const explain = () => JSON.stringify(current());

    await waitFor(() => source.synced(), explain);
    await waitFor(expectState(['n1', 'n2', 'n3', 'n4', 'n5'], ['p1', 'p2', 'p3']), explain);
    await waitFor(
      () => server!.openWatchCount() === 2,
      () => `open watches ${server?.openWatchCount()}`,
    );
    const syncedAt = seen.length;
    const listsBefore = lists.length;

    // 1. The connection drops; changes happen before the watch is back.
    expect(server.cutWatches()).toBe(2);
    // (n1 changes first: once n6 is seen, the same ordered watch has delivered n1's change too.)
    server.apply(node('n1', 'control-plane'));
    server.remove('v1', 'Node', undefined, 'n5');
    server.apply(node('n6'));
    server.remove('v1', 'Pod', 'shop', 'p3');
    await waitFor(expectState(['n1', 'n2', 'n3', 'n4', 'n6'], ['p1', 'p2']), explain);
    await waitFor(
      () => server!.openWatchCount() === 2,
      () => `open watches ${server?.openWatchCount()}`,
    );
    expect(lists.length).toBe(listsBefore); // resumed from its resourceVersion, no relist
    expect(source.snapshot().nodes.find((n) => n.name === 'n1')?.roles).toEqual(['control-plane']);

    // 2. Dropped again, and history is compacted before it is back: the resume gets 410 → relist.
    server.cutWatches();
    server.remove('v1', 'Node', undefined, 'n6');
    server.apply(node('n7'));
    server.apply(pod('p4'));
    server.compactHistory();
    await waitFor(expectState(['n1', 'n2', 'n3', 'n4', 'n7'], ['p1', 'p2', 'p4']), explain);
    expect(lists.length).toBeGreaterThan(listsBefore);
    await waitFor(() => source.synced(), explain);

    // Along the way: survivors never missing, nothing ever listed twice.
    const survivors = { nodes: ['n1', 'n2', 'n3', 'n4'], pods: ['p1', 'p2'] };
    for (const state of seen.slice(syncedAt)) {
      for (const name of survivors.nodes) expect(state.nodes).toContain(name);
      for (const name of survivors.pods) expect(state.pods).toContain(name);
      expect(new Set(state.nodes).size).toBe(state.nodes.length);
      expect(new Set(state.pods).size).toBe(state.pods.length);
    }
    expect(seen.length).toBeGreaterThan(syncedAt);
    expect(source.status().every((s) => s.state === 'synced')).toBe(true);
  });
});
