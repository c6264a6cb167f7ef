export { DROP, dropReasonName } from './drop-reasons';
export { apiVersionOf, RESOURCES } from './resources';
export { createDemoScenario } from './scenario';
export { AT as CYCLE_OFFSETS, CYCLE_MS, FLAKY_NODE } from './timeline';
export type {
  DemoScenario,
  DemoScenarioOptions,
  HubbleNodeInfo,
  HubbleNodeState,
  HubbleServerStatus,
  KubeObject,
  ObjectMeta,
  OwnerReference,
  ResourceDescriptor,
  ScenarioPhase,
} from './types';
