import { describe, expect, it } from 'vitest';
import { kubeletMinor, type NodeRecord, parseNodeRecord, pressuresOf, toNodeRecord } from './nodes';
import { loadFixtureObjects, withDates } from './test-support/k8s-fixtures';

const raws = loadFixtureObjects('nodes/nodes.reconstructed.yaml');
const [talosCp, talosWorker, nixosK3s, nixosPressure] = raws.map((r) => toNodeRecord(r)) as [
  NodeRecord,
  NodeRecord,
  NodeRecord,
  NodeRecord,
];

describe('Node records from the reconstructed fixture', () => {
  it('parses the healthy Talos control plane', () => {
    expect(talosCp).toEqual({
      name: 'talos-cp-1',
      ready: 'True',
      readyReason: 'KubeletReady',
      readyMessage: 'kubelet is posting ready status',
      pressure: { MemoryPressure: 'False', DiskPressure: 'False', PIDPressure: 'False' },
      networkUnavailable: 'False',
      unschedulable: false,
      taints: [{ key: 'node-role.kubernetes.io/control-plane', value: null, effect: 'NoSchedule' }],
      roles: ['control-plane'],
      os: { family: 'talos', version: 'v1.11.2', build: 'v1.11.2', codename: null, image: 'Talos (v1.11.2)' },
      kernel: '6.12.48-talos',
      kubelet: 'v1.34.1',
      runtime: 'containerd://2.1.4',
      arch: 'amd64',
      internalIP: '10.5.0.2',
    });
  });

  it('keeps Unknown (NodeStatusUnknown) distinct from False for the unreachable cordoned worker', () => {
    expect(talosWorker).toMatchObject({
      ready: 'Unknown',
      readyReason: 'NodeStatusUnknown',
      readyMessage: 'Kubelet stopped posting node status.',
      pressure: { MemoryPressure: 'Unknown', DiskPressure: 'Unknown', PIDPressure: 'Unknown' },
      networkUnavailable: null,
      unschedulable: true,
      arch: 'arm64',
    });
    expect(talosWorker.taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unschedulable:NoSchedule',
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    expect(pressuresOf(talosWorker)).toEqual([]);
  });

  it('parses the NixOS k3s node and the NixOS node under memory pressure', () => {
    expect(nixosK3s).toMatchObject({
      os: { family: 'nixos', version: '26.05', codename: 'Yarara' },
      kernel: '6.18.35',
      kubelet: 'v1.35.5+k3s1',
      runtime: 'containerd://2.2.3-k3s1',
      roles: ['control-plane', 'etcd'],
    });
    expect(pressuresOf(nixosPressure)).toEqual(['MemoryPressure']);
    expect(nixosPressure.os).toMatchObject({ family: 'nixos', version: '25.05' });
  });

  it('gives the same record when condition times arrive as Date objects', () => {
    const keys = new Set(['lastHeartbeatTime', 'lastTransitionTime', 'timeAdded']);
    for (const raw of raws) expect(toNodeRecord(withDates(raw, keys))).toEqual(toNodeRecord(raw));
  });

  it('a node without conditions is not Ready (Unknown) and malformed input is rejected', () => {
    const bare = toNodeRecord({ metadata: { name: 'new' } });
    expect(bare).toMatchObject({ ready: 'Unknown', readyReason: null, os: { family: 'other', image: '' } });
    expect(parseNodeRecord({ kind: 'Pod', metadata: { name: 'x' } }).ok).toBe(false);
  });
});

describe('kubeletMinor', () => {
  it('extracts major.minor from kubelet versions', () => {
    expect(kubeletMinor('v1.34.1')).toBe('1.34');
    expect(kubeletMinor('v1.35.5+k3s1')).toBe('1.35');
    expect(kubeletMinor('v1.33.4-eks-1234')).toBe('1.33');
    expect(kubeletMinor('garbage')).toBeNull();
    expect(kubeletMinor(null)).toBeNull();
  });
});
