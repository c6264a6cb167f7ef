import { ensureRuntime } from '../../../../server/runtime/runtime';
import { sseResponse } from '../../../../server/transport/sse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  return sseResponse(rt.hub.flowTail, request.signal);
}
