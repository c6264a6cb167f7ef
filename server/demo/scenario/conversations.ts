// Who talks to whom in the base cluster at a given phase. Weights are relative connection rates;
// pods that are down (their node is gone) take part in nothing.
import type { ClusterModel, PodSet } from './cluster-model';
import type { ConversationPool } from './conversation-pool';
import { addAppTraffic } from './conversations-app';
import { addOtherDrops } from './conversations-drops';
import { addEdgeTraffic } from './conversations-edge';
import { addInfrastructure } from './conversations-infra';
import { makeContext } from './conversations-shared';
import type { ScenarioPhase } from './types';

export function buildBasePool(model: ClusterModel, set: PodSet, phase: ScenarioPhase): ConversationPool {
  const ctx = makeContext(model, set, phase);
  addAppTraffic(ctx);
  addEdgeTraffic(ctx);
  addInfrastructure(ctx);
  addOtherDrops(ctx);
  return ctx.pool;
}
