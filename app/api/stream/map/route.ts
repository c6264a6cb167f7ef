import { parseMapQuery } from '../../../../server/domain/service-map';
import { requestScope } from '../../../../server/hub/scoped';
import { ensureRuntime } from '../../../../server/runtime/runtime';
import { sseResponse } from '../../../../server/transport/sse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parseMapQuery({ window: params.get('window'), namespace: params.get('namespace') });
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const rt = await ensureRuntime();
  // A scoped person's stream is built and diffed from their scoped view (scope in the channel key).
  const channel = rt.hub.maps.channel(parsed.query, requestScope(request, rt.config.namespaces).held);
  if (!channel)
    return Response.json({ error: 'too many distinct map views are open; try again later' }, { status: 503 });
  return sseResponse(channel, request.signal, rt.hub.metrics.sse);
}
