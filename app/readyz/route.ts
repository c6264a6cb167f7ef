import { readiness } from '../../server/hub/readiness';
import { ensureRuntime } from '../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request): Promise<Response> {
  const rt = await ensureRuntime();
  const body = readiness({
    relay: rt.hub.relay,
    relayExpected: rt.config.hubble.mode !== 'none',
    kubeExpected: rt.config.kube.mode !== 'none',
    cluster: rt.cluster,
  });
  const latched = new URL(request.url).searchParams.has('latched');
  const status = rt.readinessLatch.status(body, latched);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
