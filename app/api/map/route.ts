import { parseMapQuery } from '../../../server/domain/service-map';
import { requestScope } from '../../../server/hub/scoped';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = parseMapQuery({ window: params.get('window'), namespace: params.get('namespace') });
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const rt = await ensureRuntime();
  const scope = requestScope(request, rt.config.namespaces);
  return Response.json(rt.hub.maps.view(parsed.query, rt.hub.now(), scope.held));
}
