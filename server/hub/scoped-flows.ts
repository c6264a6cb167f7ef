// GET /api/flows for a scoped person: the explorer's query with their namespaces as an extra filter
// (on the hub's flows and on what Relay back-fills), and the buffer size they are told counted over
// their flows only.
import { flowInScope } from '../auth/scope-filters';
import type { Flow } from '../domain/flow';
import { type FlowsRequest, type FlowsResult, type QueryFlowsOptions, queryFlows } from './flow-queries';
import type { Hub } from './hub';
import type { RequestScope } from './scoped';

export async function scopedQueryFlows(
  hub: Hub,
  request: FlowsRequest,
  now: number,
  options: QueryFlowsOptions,
  scope: RequestScope,
): Promise<FlowsResult> {
  const namespaces = scope.namespaces;
  if (namespaces === 'all') return queryFlows(hub, request, now, options);
  // Even when the hub holds only visible flows (SKYMAP_NAMESPACES), Relay's back-fill does not.
  const accept = (flow: Flow) => flowInScope(flow, namespaces);
  const result = await queryFlows(hub, request, now, { ...options, accept });
  if (scope.held === 'all') return result;
  let held = 0;
  for (const stored of hub.flows.newest(hub.flows.size)) if (accept(stored.flow)) held += 1;
  return { ...result, retained: { ...result.retained, flows: held } };
}
