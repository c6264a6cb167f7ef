// SKYMAP_NAMESPACES: the Relay whitelist and the ingest filter agree with the scope rule, and the real
// runtime wiring (config → start-sources → Relay client + Kubernetes watchers → hub → routes) against
// the demo cluster's real Relay and Kubernetes API watches and shows only the install's namespaces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as nodesRoute } from '../../app/api/nodes/route';
import { GET as statusRoute } from '../../app/api/status/route';
import { GET as volumesRoute } from '../../app/api/volumes/route';
import { flowInScope } from '../auth/scope-filters';
import { type DemoCluster, startDemoCluster } from '../demo/demo-cluster';
import type { RequestFilters } from '../demo/observer/types';
import { createDemoScenario } from '../demo/scenario';
import type { FlowEvent } from '../domain/flow';
import { matchRelayLists } from '../domain/flow-filter';
import { waitFor } from '../faults/fault-support';
import { loadConfig } from '../runtime/config';
import { type Runtime, startRuntime, stopRuntime } from '../runtime/runtime';
import { startSources } from '../runtime/start-sources';
import { WATCHED_RESOURCES } from '../sources/kubernetes/watched-resources';
import { SCENARIO_START } from './cluster-test-support';
import { keepNamespaces, namespaceWhitelist } from './namespace-mode';

const scenarioFlows = (): readonly FlowEvent[] =>
  createDemoScenario({ seed: 7, startMs: SCENARIO_START }).flowsBetween(
    SCENARIO_START,
    SCENARIO_START + 60_000,
    3000,
  );

describe('namespaceWhitelist', () => {
  it('is absent cluster-wide and keeps exactly the flows with an end in the namespaces', () => {
    expect(namespaceWhitelist(undefined)).toBeUndefined();
    const whitelist = namespaceWhitelist(['payments', 'shop']);
    expect(whitelist).toEqual([
      { source_pod: ['payments/', 'shop/'] },
      { destination_pod: ['payments/', 'shop/'] },
    ]);
    const flows = scenarioFlows().flatMap((e) => (e.kind === 'flow' ? [e.flow] : []));
    const relayKept = flows.filter((f) => matchRelayLists(whitelist ?? [], [], f));
    const scopeKept = flows.filter((f) => flowInScope(f, ['payments', 'shop']));
    expect(relayKept.length).toBeGreaterThan(100);
    expect(relayKept.length).toBeLessThan(flows.length);
    expect(relayKept).toEqual(scopeKept);
  });
});

describe('keepNamespaces', () => {
  it('drops flows outside the namespaces with their wire bytes; keeps lost and node events', () => {
    const events: FlowEvent[] = [
      { kind: 'flow', flow: { uuid: 'a', source: { namespace: 'shop' } } },
      { kind: 'flow', flow: { uuid: 'b', source: { namespace: 'batch' }, destination: { namespace: 'x' } } },
      { kind: 'lost', lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '3' } },
      {
        kind: 'flow',
        flow: { uuid: 'c', destination: { labels: ['k8s:io.kubernetes.pod.namespace=shop'] } },
      },
      { kind: 'node-status', status: { state_change: 'NODE_CONNECTED', node_names: ['n1'] } },
      { kind: 'flow', flow: { uuid: 'd' } },
    ];
    const wires = events.map((_, i) => new Uint8Array([i]));
    const kept = keepNamespaces(events, wires, ['shop']);
    expect(kept.dropped).toBe(2);
    expect(kept.events.map((e) => (e.kind === 'flow' ? e.flow.uuid : e.kind))).toEqual([
      'a',
      'lost',
      'c',
      'node-status',
    ]);
    expect(kept.wires?.map((w) => w?.[0])).toEqual([0, 2, 3, 4]);
    const same = keepNamespaces(events, wires, undefined);
    expect(same.events).toBe(events);
    expect(same.wires).toBe(wires);
    const none = keepNamespaces(events.slice(0, 1), undefined, ['shop']);
    expect(none.events).toHaveLength(1);
    expect(none.wires).toBeUndefined();
  });
});

describe('SKYMAP_NAMESPACES=shop against the demo cluster', () => {
  let demo: DemoCluster;
  let rt: Runtime;
  const requests: RequestFilters[] = [];

  beforeAll(async () => {
    demo = await startDemoCluster({
      flowRate: 300,
      filter: (filters, flow) => {
        if (!requests.includes(filters)) requests.push(filters);
        return matchRelayLists(filters.whitelist, filters.blacklist, flow);
      },
    });
    rt = startRuntime(
      loadConfig({
        HUBBLE_RELAY_ADDR: demo.relayAddress,
        KUBECONFIG: demo.kubeconfigPath,
        SKYMAP_NAMESPACES: 'shop',
        SKYMAP_TICK_MS: '200',
      }),
      startSources,
    );
    await rt.ready;
    await waitFor('flows', () => rt.hub.counters.flowsReceived > 100, 20_000);
    await waitFor('the watchers to sync', () => rt.cluster?.synced() === true, 20_000);
  }, 60_000);

  afterAll(async () => {
    await stopRuntime();
    await demo.close();
  });

  it('asks Relay for shop flows only and holds nothing else', () => {
    expect(requests.length).toBeGreaterThan(0);
    for (const filters of requests) {
      expect(filters.whitelist).toEqual([{ source_pod: ['shop/'] }, { destination_pod: ['shop/'] }]);
    }
    const held = rt.hub.flows.newest(rt.hub.flows.size).map((s) => s.flow);
    expect(held.length).toBeGreaterThan(100);
    for (const flow of held) expect(flowInScope(flow, ['shop'])).toBe(true);
  });

  it('watches each namespaced resource in shop only and no cluster-scoped kind', () => {
    const status = rt.cluster?.status() ?? [];
    const namespaced = WATCHED_RESOURCES.filter((r) => r.spec.namespaced);
    expect(status).toHaveLength(namespaced.length);
    for (const s of status) expect(s.resource).toMatch(/ in namespace shop$/);
    expect(status.some((s) => /^(nodes|persistentvolumes|storageclasses)\//.test(s.resource))).toBe(false);
    expect(status.some((s) => s.resource.startsWith('ciliumclusterwidenetworkpolicies'))).toBe(false);
    const snapshot = rt.hub.cluster.snapshot();
    expect(snapshot.pods.length).toBeGreaterThan(0);
    expect(new Set(snapshot.pods.map((p) => p.namespace))).toEqual(new Set(['shop']));
    expect(snapshot.certificates.every((c) => c.namespace === 'shop')).toBe(true);
    expect(snapshot.nodes).toEqual([]);
  });

  it('says so on /api/status, /api/nodes and /api/volumes', async () => {
    const request = (path: string) => new Request(`http://127.0.0.1${path}`);
    const status = (await (await statusRoute(request('/api/status'))).json()) as {
      namespaceMode: { namespaces: string[]; unavailable: string[] } | null;
      scope: { namespaces: unknown };
    };
    expect(status.namespaceMode?.namespaces).toEqual(['shop']);
    expect(status.namespaceMode?.unavailable).toEqual([
      'Node',
      'PersistentVolume',
      'StorageClass',
      'CiliumClusterwideNetworkPolicy',
    ]);
    expect(status.scope.namespaces).toEqual(['shop']);
    const nodes = (await (await nodesRoute(request('/api/nodes'))).json()) as {
      nodes: unknown[];
      namespaceMode: unknown;
    };
    expect(nodes.nodes).toEqual([]);
    expect(nodes.namespaceMode).toEqual(status.namespaceMode);
    const volumes = (await (await volumesRoute(request('/api/volumes'))).json()) as {
      namespaceMode: unknown;
    };
    expect(volumes.namespaceMode).toEqual(status.namespaceMode);
  });
});
