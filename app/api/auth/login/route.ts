import { handleLogin } from '../../../../server/auth/sign-in';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(request: Request): Promise<Response> {
  return handleLogin(request, Date.now());
}
