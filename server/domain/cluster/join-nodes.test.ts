import { describe, expect, it } from 'vitest';
import { createBadgeMap, finalizeBadges } from './badges';
import { appendNodeBadges, joinNodes } from './join-nodes';
import type { HubbleNodeInfo } from './snapshot';
import { snapshotFromObjects } from './snapshot-from-objects';
import { deploymentPod, rawPod } from './test-support/builders';
import { loadFixtureObjects } from './test-support/k8s-fixtures';

const nodes = loadFixtureObjects('nodes/nodes.reconstructed.yaml');
const pods = [
  deploymentPod('shop', 'web', { app: 'web' }, { nodeName: 'talos-worker-2' }),
  deploymentPod('shop', 'web', { app: 'web' }, { nodeName: 'talos-worker-2', suffix: 'zzzzz' }),
  deploymentPod('shop', 'api', { app: 'api' }, { nodeName: 'talos-cp-1' }),
  rawPod({
    namespace: 'db',
    name: 'pg-0',
    owner: { kind: 'StatefulSet', name: 'pg' },
    nodeName: 'nixos-worker-1',
  }),
  rawPod({
    namespace: 'ops',
    name: 'done',
    labels: { app: 'done' },
    nodeName: 'talos-worker-2',
    phase: 'Succeeded',
  }),
];
const replica = {
  apiVersion: 'longhorn.io/v1beta2',
  kind: 'Replica',
  metadata: { name: 'v-r-1', namespace: 'longhorn-system' },
  spec: { volumeName: 'v', nodeID: 'talos-cp-1' },
};
const hubble: HubbleNodeInfo[] = [
  { name: 'talos-cp-1', state: 'NODE_CONNECTED', seen_flows: '12345' },
  { name: 'prod/talos-worker-2', state: 'NODE_UNAVAILABLE' },
  { name: 'nixos-worker-1', state: 'NODE_CONNECTED', seenFlows: 7 },
];
const rates = new Map([
  ['talos-cp-1', { flowsPerSecond: 10, dropsPerSecond: 1 }],
  ['prod/nixos-worker-1', { flowsPerSecond: 2, dropsPerSecond: 0.5 }],
]);
const NOW = Date.parse('2026-08-20T10:00:30Z');

describe('joinNodes on the node fixtures', () => {
  const { snapshot, errors } = snapshotFromObjects([...nodes, ...pods, replica]);
  const join = joinNodes(snapshot, { now: NOW, hubbleNodes: hubble, nodeRates: rates });

  it('parses the fixture nodes', () => {
    expect(errors).toEqual([]);
    expect(join.nodes.map((n) => n.node.name)).toEqual([
      'dauwalter',
      'nixos-worker-1',
      'talos-cp-1',
      'talos-worker-2',
    ]);
  });

  it('attaches Hubble state (cluster-prefixed names too), rates, pods and replicas', () => {
    const row = (name: string) => join.nodes.find((n) => n.node.name === name);
    expect(row('talos-cp-1')).toMatchObject({
      hubble: { state: 'connected', flowsSeen: 12345 },
      flowsPerSecond: 10,
      dropsPerSecond: 1,
      pods: 1,
      longhornReplicas: 1,
      workloads: ['shop/api'],
    });
    expect(row('talos-worker-2')).toMatchObject({
      hubble: { state: 'unavailable', flowsSeen: null },
      flowsPerSecond: 0,
      pods: 2,
      workloads: ['shop/web'],
    });
    expect(row('nixos-worker-1')).toMatchObject({
      hubble: { state: 'connected', flowsSeen: 7 },
      flowsPerSecond: 2,
    });
    expect(row('dauwalter')).toMatchObject({ hubble: { state: 'unknown', flowsSeen: null }, pods: 0 });
  });

  it('calls out NotReady/unreachable, pressure, Hubble unavailable, mixed NixOS and kubelet skew', () => {
    expect(join.problems).toEqual([
      {
        severity: 'critical',
        node: 'talos-worker-2',
        message:
          'Node talos-worker-2 is unreachable (NodeStatusUnknown: Kubelet stopped posting node status.)',
      },
      {
        severity: 'warning',
        message:
          'Kubelet version skew across 3 minor versions: v1.34 (2 nodes: talos-cp-1, talos-worker-2), ' +
          'v1.33 (1 node: nixos-worker-1), v1.35 (1 node: dauwalter)',
      },
      {
        severity: 'warning',
        message: 'Mixed NixOS releases: 25.05 (1 node: nixos-worker-1), 26.05 (1 node: dauwalter)',
      },
      { severity: 'warning', node: 'nixos-worker-1', message: 'Node nixos-worker-1 reports MemoryPressure' },
      {
        severity: 'warning',
        node: 'talos-worker-2',
        message: 'Hubble on node talos-worker-2 is unavailable (NODE_UNAVAILABLE); its flows are missing',
      },
    ]);
  });

  it('badges the workloads on troubled nodes (one badge per node, worst severity)', () => {
    const badges = createBadgeMap();
    appendNodeBadges(badges, join);
    expect(Object.fromEntries(finalizeBadges(badges))).toEqual({
      'db/pg': [
        {
          type: 'node',
          severity: 'warning',
          message: 'Node nixos-worker-1 reports MemoryPressure',
          ref: 'Node/nixos-worker-1',
        },
      ],
      'shop/web': [
        {
          type: 'node',
          severity: 'critical',
          message:
            'Node talos-worker-2 is unreachable (NodeStatusUnknown: Kubelet stopped posting node status.); ' +
            'Hubble on node talos-worker-2 is unavailable (NODE_UNAVAILABLE); its flows are missing',
          ref: 'Node/talos-worker-2',
        },
      ],
    });
  });
});

describe('joinNodes edge cases', () => {
  const talos = (name: string, version: string, ready = 'True', reason = 'KubeletReady') => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: {
      conditions: [
        { type: 'Ready', status: ready, reason, message: ready === 'True' ? 'ok' : 'container runtime down' },
      ],
      nodeInfo: { osImage: `Talos (${version})`, kubeletVersion: 'v1.34.1' },
    },
  });

  it('mixed Talos versions are a warning; equal patch-level kubelets are not skew', () => {
    const { snapshot } = snapshotFromObjects([
      talos('a', 'v1.11.2'),
      talos('b', 'v1.11.2'),
      talos('c', 'v1.10.7'),
    ]);
    expect(joinNodes(snapshot, { now: NOW }).problems).toEqual([
      { severity: 'warning', message: 'Mixed Talos versions: v1.11.2 (2 nodes: a, b), v1.10.7 (1 node: c)' },
    ]);
  });

  it('Ready False is NotReady with the kubelet message', () => {
    const { snapshot } = snapshotFromObjects([talos('a', 'v1.11.2', 'False', 'KubeletNotReady')]);
    expect(joinNodes(snapshot, { now: NOW }).problems).toEqual([
      { severity: 'critical', node: 'a', message: 'Node a is NotReady: container runtime down' },
    ]);
  });

  it('without Hubble data or rates: unknown state, null rates, no Hubble problems', () => {
    const { snapshot } = snapshotFromObjects([talos('a', 'v1.11.2')]);
    const join = joinNodes(snapshot, { now: NOW });
    expect(join.nodes[0]).toMatchObject({
      hubble: { state: 'unknown', flowsSeen: null },
      flowsPerSecond: null,
      dropsPerSecond: null,
    });
    expect(join.problems).toEqual([]);
  });
});
