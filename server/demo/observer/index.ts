export { type Backfill, selectBackfill } from './backfill';
export { encodeEvents } from './encode-events';
export { HEALTH_CHECK_PATH, HEALTHY_SERVICES } from './health';
export { createMemorySource, type MemorySource, type MemorySourceOptions } from './memory-source';
export { createObserverServer, RELAY_VERSION_HEADER } from './observer-server';
export type {
  EncodedEvent,
  FlowPredicate,
  ObserverServer,
  ObserverServerOptions,
  ObserverSource,
  RequestFilters,
} from './types';
