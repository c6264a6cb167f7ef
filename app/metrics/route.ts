import { collectMetrics } from '../../server/hub/metrics-collect';
import { CONTENT_TYPE, renderPrometheus } from '../../server/hub/metrics-text';
import { requestScope } from '../../server/hub/scoped';
import { metricsForbidden } from '../../server/hub/scoped-api';
import { ensureRuntime } from '../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const forbidden = metricsForbidden(requestScope(request, rt.config.namespaces));
  if (forbidden !== null) return Response.json({ error: forbidden }, { status: 403 });
  const memory = process.memoryUsage();
  const text = renderPrometheus(
    collectMetrics({
      hub: rt.hub,
      cluster: rt.cluster,
      process: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, startedAtMs: rt.startedAt },
    }),
  );
  return new Response(text, { headers: { 'Content-Type': CONTENT_TYPE, 'Cache-Control': 'no-store' } });
}
