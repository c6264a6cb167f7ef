export { getJson, KubeRequestError } from './api-request';
export { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff';
export {
  KubeConfigError,
  type KubeConfigSource,
  type LoadKubeConfigDeps,
  type LoadKubeConfigResult,
  loadKubeConfig,
} from './kubeconfig';
export type { WatcherStats } from './record-map';
export {
  collectionPath,
  describeResource,
  groupVersionPath,
  type ResourceSpec,
  recordKey,
} from './resource-spec';
export {
  createResourceWatcher,
  type ResourceWatcher,
  type ResourceWatcherOptions,
  type WatcherState,
} from './resource-watcher';
export { realTimers, type Timers } from './timers';
export { normaliseTimestamps, toEpochMs, toIsoTimestamp } from './timestamps';
