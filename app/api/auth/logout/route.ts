import { handleLogout } from '../../../../server/auth/sign-in';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(request: Request): Response {
  return handleLogout(request, Date.now());
}
