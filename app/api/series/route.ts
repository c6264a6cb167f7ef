import { requestScope } from '../../../server/hub/scoped';
import { scopedSeriesBody } from '../../../server/hub/scoped-api';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const scope = requestScope(request, rt.config.namespaces);
  const window = new URL(request.url).searchParams.get('window');
  const body = scopedSeriesBody(rt.hub, window, scope, rt.hub.now());
  return Response.json(body, { status: 'error' in body ? 400 : 200 });
}
