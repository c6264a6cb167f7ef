// All Kubernetes watchers behind one object: records from every watched resource assembled into a
// ClusterSnapshot (rebuilt only when something changed) plus the policy list, and a status per
// resource for /readyz and the UI ("not installed" is a state, not an error).
import type { KubeConfig } from '@kubernetes/client-node';
import { type ClusterSnapshot, emptyClusterSnapshot, type InstalledApis } from '../../domain/cluster';
import type { PolicyRecord } from '../../domain/policy/policy-types';
import { describeResource } from './resource-spec';
import {
  createResourceWatcher,
  type ResourceWatcher,
  type ResourceWatcherOptions,
  type WatcherState,
} from './resource-watcher';
import { WATCHED_RESOURCES, type WatchedResource } from './watched-resources';

export interface ResourceStatus {
  readonly resource: string;
  readonly state: WatcherState;
  readonly lastError?: string;
  readonly objects: number;
}

export interface ClusterSource {
  snapshot(): ClusterSnapshot;
  policies(): readonly PolicyRecord[];
  status(): readonly ResourceStatus[];
  /** Every installed resource has completed its first list. */
  synced(): boolean;
  /** Bumps whenever any record changed; cheap change detection for the hub. */
  readonly version: number;
  stop(): void;
}

export function createClusterSource(
  kc: KubeConfig,
  options: {
    resources?: readonly WatchedResource[];
    onChange?: () => void;
    /** Per-watcher tuning (tests shrink discovery intervals and backoffs). */
    watcher?: Omit<ResourceWatcherOptions<unknown>, 'onChange' | 'onStateChange'>;
  } = {},
): ClusterSource {
  const resources = options.resources ?? WATCHED_RESOURCES;
  let version = 0;
  let cached: { version: number; snapshot: ClusterSnapshot; policies: PolicyRecord[] } | undefined;
  const changed = () => {
    version += 1;
    options.onChange?.();
  };
  const watchers: { resource: WatchedResource; watcher: ResourceWatcher<unknown> }[] = resources.map(
    (resource) => ({
      resource,
      watcher: createResourceWatcher(kc, resource.spec, resource.toRecord, {
        ...options.watcher,
        onChange: changed,
        onStateChange: changed,
      }),
    }),
  );

  const build = () => {
    if (cached && cached.version === version) return cached;
    const installed: Record<keyof InstalledApis, boolean> = {
      certManager: false,
      longhorn: false,
      ceph: false,
      gatewayApi: false,
      cilium: false,
    };
    const collections = new Map<string, unknown[]>();
    const policies: PolicyRecord[] = [];
    for (const { resource, watcher } of watchers) {
      if (resource.installs && watcher.state !== 'not-installed') installed[resource.installs] = true;
      const target =
        resource.into === 'policies' ? (policies as unknown[]) : (collections.get(resource.into) ?? []);
      for (const record of watcher.records.values()) target.push(record);
      if (resource.into !== 'policies') collections.set(resource.into, target);
    }
    const snapshot = {
      ...emptyClusterSnapshot(installed),
      ...Object.fromEntries(collections),
    } as ClusterSnapshot;
    cached = { version, snapshot, policies };
    return cached;
  };

  return {
    get version() {
      return version;
    },
    snapshot: () => build().snapshot,
    policies: () => build().policies,
    status: () =>
      watchers.map(({ watcher }) => ({
        resource: describeResource(watcher.spec),
        state: watcher.state,
        lastError: watcher.lastError,
        objects: watcher.records.size,
      })),
    synced: () =>
      watchers.every(({ watcher }) => watcher.state === 'synced' || watcher.state === 'not-installed'),
    stop: () => {
      for (const { watcher } of watchers) watcher.stop();
    },
  };
}
