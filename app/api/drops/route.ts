import { parseDropsRequest } from '../../../server/hub/drops-api';
import { requestScope } from '../../../server/hub/scoped';
import { scopedDropsBody } from '../../../server/hub/scoped-api';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const parsed = parseDropsRequest(new URL(request.url).searchParams);
  if ('error' in parsed) return Response.json({ error: parsed.error }, { status: 400 });
  const rt = await ensureRuntime();
  const install = rt.config.namespaces;
  const scope = requestScope(request, install);
  return Response.json(scopedDropsBody(rt.hub, parsed.request, scope, install), {
    headers: { 'cache-control': 'no-store' },
  });
}
