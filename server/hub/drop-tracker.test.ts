import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDemoScenario } from '../demo/scenario';
import type { ClusterSnapshot } from '../domain/cluster';
import { mapNodeIdForPod, snapshotFromObjects } from '../domain/cluster';
import type { Flow, FlowEvent } from '../domain/flow';
import { toPolicyRecords } from '../domain/policy/policy-records';
import type { PolicyRecord } from '../domain/policy/policy-types';
import { nodeIdentity, orientFlow } from '../domain/service-map';
import { dropsBody, parseDropsRequest } from './drops-api';
import { Hub } from './hub';

const T0 = Date.UTC(2026, 7, 20, 10, 0, 0);

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: unknown[];
}
interface SuggestedCnp {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
  spec: {
    endpointSelector: Selector;
    ingress?: {
      fromEndpoints?: Selector[];
      toPorts?: { ports: { port: string; protocol: string }[]; rules?: unknown }[];
    }[];
    egress?: unknown[];
  };
}

/** Independent of the policy engine: every matchLabels pair is literally one of the endpoint's labels. */
function selects(selector: Selector, labels: readonly string[]): boolean {
  expect(selector.matchExpressions ?? []).toEqual([]);
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) =>
    labels.includes(`k8s:${key.replace(/^(k8s|any):/, '')}=${value}`),
  );
}

function podLabels(pod: ClusterSnapshot['pods'][number]): string[] {
  return [
    ...Object.entries(pod.labels).map(([k, v]) => `k8s:${k}=${v}`),
    `k8s:io.kubernetes.pod.namespace=${pod.namespace}`,
  ];
}

function staticFeed(hub: Hub, snapshot: ClusterSnapshot, policies: () => readonly PolicyRecord[]) {
  hub.cluster.attach({ snapshot: () => snapshot, policies, version: 1 });
}

describe('drop tracker on the demo scenario', () => {
  const scenario = createDemoScenario({ seed: 7, startMs: T0 });
  const objects = scenario.objectsAt(T0 + 420_000);
  const policies = toPolicyRecords(objects.filter((o) => o.kind.endsWith('NetworkPolicy'))).records;
  const snapshot = snapshotFromObjects(objects).snapshot;
  let now = T0;
  const hub = new Hub({ flowHistory: 50_000, now: () => now });
  staticFeed(hub, snapshot, () => policies);
  const flows: Flow[] = [];
  for (const [from, to] of [
    [30, 70],
    [380, 440],
  ] as const) {
    for (let t = from; t < to; t++) {
      const batch = scenario.flowsBetween(T0 + t * 1000, T0 + (t + 1) * 1000, 150);
      now = T0 + (t + 1) * 1000;
      hub.ingest(batch);
      for (const e of batch) if (e.kind === 'flow' && e.flow.verdict === 'DROPPED') flows.push(e.flow);
    }
  }
  const body = dropsBody(hub, { window: 'all', limit: 500 });
  const groupFlows = (source: string, target: string) =>
    flows.filter((f) => {
      const o = orientFlow(f);
      return nodeIdentity(f, o.clientSide).id === source && nodeIdentity(f, o.serverSide).id === target;
    });

  it('explains the explicit deny by naming the policy and saying allow rules cannot override it', () => {
    const deny = body.groups.find((g) => g.target === 'payments/postgres' && g.reason === 'POLICY_DENY');
    expect(deny).toBeDefined();
    expect(deny?.policies).toEqual([
      { name: 'deny-batch-to-postgres', namespace: 'payments', kind: 'CiliumNetworkPolicy' },
    ]);
    expect(deny?.explanation).toMatch(/deny rule/i);
    expect(deny?.explanation).toMatch(/adding an allow policy will not admit/);
    expect(deny?.suggestedPolicy).toBeNull();
  });

  it('names the policy that selects the endpoint for a default-deny drop', () => {
    const denied = body.groups.find(
      (g) => g.source === 'shop/recommender' && g.target === 'payments/payments',
    );
    expect(denied).toMatchObject({ reason: 'POLICY_DENIED', category: 'default-deny', direction: 'ingress' });
    expect(denied?.policies).toEqual([
      { name: 'payments-ingress', namespace: 'payments', kind: 'CiliumNetworkPolicy' },
    ]);
    expect(denied?.explanation).toContain('payments/payments-ingress');
  });

  it('counts every DROPPED flow, verdict and drop events alike', () => {
    const total = body.groups.reduce((n, g) => n + g.total, 0);
    expect(total).toBe(flows.length);
    expect(body.drops).toBe(flows.length);
  });

  it('suggests for each default-deny group a policy whose selectors and ports match exactly the denied traffic', () => {
    const defaultDeny = body.groups.filter((g) => g.category === 'default-deny');
    expect(defaultDeny.length).toBeGreaterThan(0);
    for (const group of defaultDeny) {
      expect(group.suggestedPolicy, group.key).toEqual(expect.any(String));
      const cnp = parse(group.suggestedPolicy ?? '') as SuggestedCnp;
      expect(cnp.apiVersion).toBe('cilium.io/v2');
      expect(cnp.kind).toBe('CiliumNetworkPolicy');
      const denied = groupFlows(group.source, group.target);
      expect(denied.length).toBeGreaterThan(0);
      const targetNs = denied[0]?.destination?.namespace;
      expect(cnp.metadata.namespace).toBe(targetNs);
      // One ingress rule, one peer, one port: nothing the group did not need.
      expect(cnp.spec.egress).toBeUndefined();
      expect(cnp.spec.ingress).toHaveLength(1);
      const rule = cnp.spec.ingress?.[0];
      expect(Object.keys(rule ?? {}).sort()).toEqual(['fromEndpoints', 'toPorts']);
      expect(rule?.fromEndpoints).toHaveLength(1);
      expect(rule?.toPorts).toEqual([{ ports: [{ port: String(group.port), protocol: group.protocol }] }]);
      const subject = cnp.spec.endpointSelector;
      const peer = rule?.fromEndpoints?.[0] ?? {};
      for (const flow of denied) {
        expect(selects(subject, flow.destination?.labels ?? [])).toBe(true);
        expect(selects(peer, flow.source?.labels ?? [])).toBe(true);
        expect(flow.l4?.TCP?.destination_port).toBe(group.port);
      }
      // Selects no pod of another workload: the subject within the policy namespace, the peer within
      // the namespace it names.
      const peerNs = peer.matchLabels?.['k8s:io.kubernetes.pod.namespace'] ?? cnp.metadata.namespace;
      let subjectPods = 0;
      let peerPods = 0;
      for (const pod of snapshot.pods) {
        if (pod.namespace === cnp.metadata.namespace && selects(subject, podLabels(pod))) {
          expect(mapNodeIdForPod(pod), `${pod.namespace}/${pod.name}`).toBe(group.target);
          subjectPods++;
        }
        if (pod.namespace === peerNs && selects(peer, podLabels(pod))) {
          expect(mapNodeIdForPod(pod), `${pod.namespace}/${pod.name}`).toBe(group.source);
          peerPods++;
        }
      }
      expect(subjectPods).toBeGreaterThan(0);
      expect(peerPods).toBeGreaterThan(0);
    }
  });

  it('reports lost events with count and node', () => {
    expect(body.lost.length).toBeGreaterThan(0);
    expect(body.lost[0]).toMatchObject({ node: expect.any(String), count: expect.any(Number) });
    expect(body.lost.reduce((n, l) => n + l.count, 0)).toBe(hub.counters.lostEvents);
  });
});

describe('drop tracker explanations', () => {
  const web = {
    namespace: 'shop',
    pod_name: 'web-1',
    labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=shop'],
  };
  const db = {
    namespace: 'data',
    pod_name: 'db-1',
    labels: ['k8s:app=db', 'k8s:io.kubernetes.pod.namespace=data'],
  };
  const drop = (reason: string, code: number): FlowEvent => ({
    kind: 'flow',
    flow: {
      time: new Date(T0).toISOString(),
      verdict: 'DROPPED',
      drop_reason: code,
      drop_reason_desc: reason,
      traffic_direction: 'INGRESS',
      l4: { TCP: { source_port: 40000, destination_port: 5432 } },
      source: web,
      destination: db,
      node_name: 'n1',
    },
  });
  const policy = (name: string) =>
    toPolicyRecords([
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name, namespace: 'data' },
        spec: {
          endpointSelector: { matchLabels: { app: 'db' } },
          ingress: [{ fromEndpoints: [{ matchLabels: { app: 'x' } }] }],
        },
      },
    ]).records;

  it('caches explanations until the policies really change, and lists groups a suggestion also admits', () => {
    let current = policy('db-ingress');
    const hub = new Hub({ flowHistory: 100, now: () => T0 + 1000 });
    staticFeed(hub, snapshotFromObjects([]).snapshot, () => current);
    // The same traffic reported with the reason name and, by an older agent, only the numeric code.
    hub.ingest([drop('POLICY_DENIED', 133), drop('', 133)]);
    const first = dropsBody(hub, { window: 'all', limit: 10 });
    expect(first.groups.map((g) => g.reason).sort()).toEqual(['133', 'POLICY_DENIED']);
    const named = first.groups.find((g) => g.reason === 'POLICY_DENIED');
    const numeric = first.groups.find((g) => g.reason === '133');
    expect(named?.policies).toEqual([{ name: 'db-ingress', namespace: 'data', kind: 'CiliumNetworkPolicy' }]);
    expect(named?.alsoAdmits).toEqual([numeric?.key]);

    current = policy('db-ingress').slice(); // new array, same content
    const second = dropsBody(hub, { window: 'all', limit: 10 });
    expect(second.groups.find((g) => g.reason === 'POLICY_DENIED')?.policies).toBe(named?.policies);

    current = policy('db-ingress-v2');
    const third = dropsBody(hub, { window: 'all', limit: 10 });
    expect(third.groups.find((g) => g.reason === 'POLICY_DENIED')?.policies).toEqual([
      { name: 'db-ingress-v2', namespace: 'data', kind: 'CiliumNetworkPolicy' },
    ]);
  });

  it('says plainly when no policy selects the endpoint', () => {
    const hub = new Hub({ flowHistory: 100, now: () => T0 + 1000 });
    hub.ingest([drop('POLICY_DENIED', 133)]);
    const [group] = dropsBody(hub, { window: 'all', limit: 10 }).groups;
    expect(group?.policies).toEqual([]);
    expect(group?.explanation).toMatch(
      /^No CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or NetworkPolicy/,
    );
  });
});

describe('parseDropsRequest', () => {
  it('accepts window and limit and rejects anything else with a clear message', () => {
    expect(parseDropsRequest(new URLSearchParams('window=5m&limit=20'))).toEqual({
      request: { window: '5m', limit: 20 },
    });
    expect(parseDropsRequest(new URLSearchParams(''))).toEqual({ request: { window: '15m', limit: 500 } });
    expect(parseDropsRequest(new URLSearchParams('window=2d'))).toEqual({
      error: 'window must be one of 1m, 5m, 15m, 1h, all',
    });
    expect(parseDropsRequest(new URLSearchParams('window=5m&window=1m'))).toEqual({
      error: 'parameter window given more than once',
    });
    expect(parseDropsRequest(new URLSearchParams('verdict=DROPPED'))).toEqual({
      error: 'unknown parameter "verdict"; use window, limit and focus',
    });
    expect(parseDropsRequest(new URLSearchParams('limit=0'))).toHaveProperty('error');
  });
});
