import { describe, expect, it } from 'vitest';
import { emptyClusterSnapshot } from './snapshot';
import { snapshotFromObjects } from './snapshot-from-objects';
import { loadFixtureObjects } from './test-support/k8s-fixtures';

describe('snapshotFromObjects', () => {
  it('routes objects by apiVersion group and kind (Longhorn Node ≠ core Node)', () => {
    const objects = [
      ...loadFixtureObjects('longhorn/volumes-replicas-nodes.reconstructed.yaml'),
      ...loadFixtureObjects('nodes/nodes.reconstructed.yaml'),
      ...loadFixtureObjects('cert-manager/certificates.reconstructed.yaml'),
    ];
    const { snapshot, errors } = snapshotFromObjects(objects);
    expect(errors).toEqual([]);
    expect(snapshot.nodes.map((n) => n.name)).toEqual([
      'talos-cp-1',
      'talos-worker-2',
      'dauwalter',
      'nixos-worker-1',
    ]);
    expect(snapshot.longhornVolumes).toHaveLength(5);
    expect(snapshot.longhornReplicas).toHaveLength(2);
    expect(snapshot.certificates).toHaveLength(6);
    expect(snapshot.ingresses).toHaveLength(1);
    expect(snapshot.gateways).toHaveLength(1);
    expect(snapshot.httpRoutes).toHaveLength(1);
    expect(snapshot.installed).toEqual({
      certManager: true,
      longhorn: true,
      ceph: false,
      gatewayApi: true,
      cilium: false,
    });
  });

  it('counts malformed objects of known kinds and ignores unknown kinds', () => {
    const { snapshot, errors } = snapshotFromObjects([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'no-namespace' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'n' } },
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'n' } },
      'garbage',
      null,
    ]);
    expect(errors).toEqual(['Pod no-namespace: metadata.namespace missing']);
    expect(snapshot.pods).toEqual([]);
    expect(snapshot.installed.cilium).toBe(true);
  });

  it('explicit installed flags win over inference', () => {
    const { snapshot } = snapshotFromObjects([], { certManager: true });
    expect(snapshot.installed).toEqual(emptyClusterSnapshot({ certManager: true }).installed);
  });
});
