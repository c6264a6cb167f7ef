// Public surface of the drops domain: bounded grouping of DROPPED flows, windowed views, links and
// explanations (through the policy domain).

export {
  addDrops,
  COARSE_MS,
  DROPS_WINDOWS,
  type DropCounts,
  type DropsWindow,
  FINE_MS,
  newDropCounts,
  sparkline,
  sparklineSpec,
  windowCount,
} from './drop-counts';
export {
  type ExplainContext,
  explainGroup,
  type GroupExplanation,
  groupInput,
  isAdmittableReason,
  knownEndpointsFromPods,
} from './drop-explain';
export {
  type DropGroupRecord,
  DropGroups,
  type DropGroupsOptions,
  type DropGroupsStats,
} from './drop-groups';
export { type DropKeyParts, dropKey, dropKeyParts, dropReasonOf } from './drop-key';
export { flowsQueryFor, mapQueryFor } from './drop-links';
export {
  DEFAULT_DROPS_LIMIT,
  DEFAULT_DROPS_WINDOW,
  type DropGroupView,
  type DropNodeCount,
  type DropsView,
  dropGroupsView,
  groupView,
  MAX_DROPS_LIMIT,
  type ParseResult,
  parseDropsLimit,
  parseDropsWindow,
  rankDropGroups,
} from './drops-view';
