// Public surface of the service-map domain. Browser code should import only view-types, view-order
// and diff (they have no server-side dependencies).

export { aggregate, aggregateEvents, aggregateFlow } from './aggregate';
export { enforceEdgeCap, enforceNodeCap, foldNode, sweep } from './bounds';
export {
  applyDelta,
  applyDiff,
  createMapSequencer,
  diffViews,
  isEmptyDiff,
  jsonEqual,
  type MapSequencer,
} from './diff';
export {
  countsAsReply,
  directionUnknown,
  type EdgeOrientation,
  EPHEMERAL_PORT_MIN,
  isReplyFlow,
  orientFlow,
  PROTOCOL_NAMES,
  protocolHasPorts,
  protocolOf,
  serverPortOf,
} from './edge-key';
export { classifyFlow, EdgeStats, FlowSample, VERDICT_NAMES } from './edge-stats';
export {
  LATENCY_BUCKETS,
  latencyBucket,
  latencyQuantileNs,
  parseLatencyNs,
} from './latency-histogram';
export { DEFAULT_MAP_WINDOW, edgeSparkline, type ParsedMapQuery, parseMapQuery, toMapView } from './map-view';
export {
  classifyEndpoint,
  type EndpointClass,
  type EndpointSide,
  isPodEndpoint,
  type NodeIdentity,
  nodeIdentity,
} from './node-identity';
export { parseRfc3339Ms, type TimeCounters, timeOf } from './parse-time';
export { resolveNode } from './resolve-node';
export {
  createServiceMapState,
  EdgeRec,
  NodeRec,
  type ServiceMapCounters,
  type ServiceMapOptions,
  ServiceMapState,
  type ServiceMapStats,
  serviceMapStats,
} from './state';
export { compareEdges, compareNodes, edgeKey, edgeRef } from './view-order';
export * from './view-types';
export { type Clock, clockAt, ratePerSecond, sparkline, windowSpec } from './windows';
