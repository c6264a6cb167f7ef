export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET(): Response {
  return new Response('ok\n', { headers: { 'Content-Type': 'text/plain' } });
}
