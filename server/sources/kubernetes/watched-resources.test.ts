import { describe, expect, it } from 'vitest';
import { collectionPath, describeResource } from './resource-spec';
import { clusterScopedKinds, WATCHED_RESOURCES, watchedResourcesFor } from './watched-resources';

describe('watchedResourcesFor', () => {
  it('is every resource cluster-wide', () => {
    expect(watchedResourcesFor(undefined)).toBe(WATCHED_RESOURCES);
  });

  it('is one watcher per namespaced resource per namespace, without cluster-scoped kinds', () => {
    const namespaced = WATCHED_RESOURCES.filter((r) => r.spec.namespaced);
    const watched = watchedResourcesFor(['payments', 'shop']);
    expect(watched).toHaveLength(namespaced.length * 2);
    for (const r of watched) {
      expect(r.spec.namespaced).toBe(true);
      expect(['payments', 'shop']).toContain(r.spec.namespace);
      expect(collectionPath(r.spec)).toContain(`/namespaces/${r.spec.namespace}/`);
    }
    const pods = watched.filter((r) => r.spec.plural === 'pods').map((r) => collectionPath(r.spec));
    expect(pods).toEqual(['/api/v1/namespaces/payments/pods', '/api/v1/namespaces/shop/pods']);
    expect(describeResource(watched[0]!.spec)).toMatch(/ in namespace payments$/);
    expect(clusterScopedKinds()).toEqual([
      'Node',
      'PersistentVolume',
      'StorageClass',
      'CiliumClusterwideNetworkPolicy',
    ]);
    expect(WATCHED_RESOURCES.every((r) => r.spec.namespace === undefined)).toBe(true);
  });
});
