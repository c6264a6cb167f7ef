import { requestScope } from '../../../server/hub/scoped';
import { scopedOverviewBody } from '../../../server/hub/scoped-api';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const scope = requestScope(request, rt.config.namespaces);
  const result = scopedOverviewBody(rt, new URL(request.url).searchParams, scope);
  return Response.json(result.body, { status: result.status });
}
