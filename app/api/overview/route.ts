import { requestScope } from '../../../server/hub/scoped';
import { scopedOverviewBody } from '../../../server/hub/scoped-api';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const install = rt.config.namespaces;
  const scope = requestScope(request, install);
  const result = scopedOverviewBody(rt, new URL(request.url).searchParams, scope, install);
  return Response.json(result.body, { status: result.status });
}
