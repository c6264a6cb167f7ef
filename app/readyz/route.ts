import { readiness } from '../../server/hub/readiness';
import { ensureRuntime } from '../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  const rt = await ensureRuntime();
  const body = readiness({
    relay: rt.hub.relay,
    relayExpected: rt.config.hubble.mode !== 'none',
    kubeExpected: rt.config.kube.mode !== 'none',
    cluster: rt.cluster,
  });
  return Response.json(body, { status: body.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
