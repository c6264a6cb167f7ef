import { parseFlowsRequest } from '../../../server/hub/flow-queries';
import { relayBackfillFor } from '../../../server/hub/flow-relay-backfill';
import { requestScope } from '../../../server/hub/scoped';
import { scopedQueryFlows } from '../../../server/hub/scoped-flows';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const now = rt.hub.now();
  const parsed = parseFlowsRequest(new URL(request.url).searchParams, now);
  if ('error' in parsed) return Response.json({ error: parsed.error }, { status: 400 });
  const scope = requestScope(request, rt.config.namespaces);
  const result = await scopedQueryFlows(
    rt.hub,
    parsed.request,
    now,
    { backfill: relayBackfillFor(rt), signal: request.signal },
    scope,
  );
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
