import { requestScope } from '../../../server/hub/scoped';
import { statusBody } from '../../../server/hub/scoped-api';
import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Next.js always passes the request; the default (no identity: fails closed) serves direct callers.
export async function GET(request: Request = new Request('http://localhost/api/status')): Promise<Response> {
  const rt = await ensureRuntime();
  const install = rt.config.namespaces;
  return Response.json(statusBody(rt, requestScope(request, install), install));
}
