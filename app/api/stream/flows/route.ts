import { flowQueryChannels, parseStreamRequest } from '../../../../server/hub/flow-query-channels';
import { requestScope } from '../../../../server/hub/scoped';
import { ensureRuntime } from '../../../../server/runtime/runtime';
import { sseResponse } from '../../../../server/transport/sse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const params = new URL(request.url).searchParams;
  const scope = requestScope(request, rt.config.namespaces).held;
  // No parameters: the shared unfiltered tail, as before filters existed (scoped people get a
  // channel of their own flows instead).
  if (params.size === 0 && scope === 'all')
    return sseResponse(rt.hub.flowTail, request.signal, rt.hub.metrics.sse);
  const parsed = parseStreamRequest(params, rt.hub.now());
  if ('error' in parsed) return Response.json({ error: parsed.error }, { status: 400 });
  const channel = flowQueryChannels(rt.hub).channel(parsed.request, scope);
  if (channel === undefined) {
    return Response.json(
      { error: 'too many different filtered flow streams are open; close some explorer tabs and retry' },
      { status: 503 },
    );
  }
  return sseResponse(channel, request.signal, rt.hub.metrics.sse);
}
