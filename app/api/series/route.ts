import { seriesView } from '../../../server/hub/series-view';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const body = seriesView(rt.hub.series, new URL(request.url).searchParams.get('window'), rt.hub.now());
  return Response.json(body, { status: 'error' in body ? 400 : 200 });
}
