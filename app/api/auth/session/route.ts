import { sessionInfo } from '../../../../server/auth/sign-in';
import { effectiveScope } from '../../../../server/hub/scoped';
import { parseNamespacesSetting } from '../../../../server/runtime/namespaces-setting';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET(request: Request): Response {
  const info = sessionInfo(request);
  // SKYMAP_NAMESPACES bounds what anyone sees (start-up already rejected a bad value).
  const install = parseNamespacesSetting(process.env.SKYMAP_NAMESPACES);
  const namespaces = install.ok ? effectiveScope(info.namespaces, install.namespaces) : [];
  return Response.json({ ...info, namespaces }, { headers: { 'Cache-Control': 'no-store' } });
}
