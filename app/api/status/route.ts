import { ensureRuntime } from '../../../server/runtime/runtime';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  const rt = await ensureRuntime();
  return Response.json({
    demo: rt.config.demo,
    relay: rt.hub.relay,
    kube: { mode: rt.config.kube.mode },
    startedAt: new Date(rt.startedAt).toISOString(),
  });
}
