// Hubble-compatible flow filters: parse (URL → FlowQuery), match (FlowQuery → predicate), push down
// (FlowQuery → Relay whitelist/blacklist + residual) and render (FlowQuery → `hubble observe …`).

export { compileFlowQuery } from './match';
export {
  MAX_LIMIT,
  MAX_TERMS,
  MAX_VALUE_BYTES,
  MAX_VALUES,
  type ParseQueryOptions,
  parseFlowQuery,
  validateFlowQuery,
} from './parse-query';
export {
  compileRelayFilter,
  compileRelayLists,
  matchRelayFilter,
  matchRelayLists,
  RELAY_FILTER_KEYS,
} from './relay-filter';
export { type CommandOptions, shellQuote, toHubbleCommand } from './to-command';
export { type RelayFilters, type ToRelayOptions, toRelayFilters } from './to-relay';
export {
  FILTER_FIELDS,
  type FilterField,
  type FilterTerm,
  type FlowPredicate,
  type FlowQuery,
  type ParseQueryResult,
  type RelayEventTypeFilter,
  type RelayFilterKey,
  type RelayFlowFilter,
  type RelayWorkload,
} from './types';
