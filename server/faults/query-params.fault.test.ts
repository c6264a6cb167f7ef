// Oversized and malformed query parameters on the existing API routes: 400 with a clear, bounded
// message — never a 500, never an echo of 64 KB, never a new live view per garbage value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as mapRoute } from '../../app/api/map/route';
import { GET as seriesRoute } from '../../app/api/series/route';
import { GET as mapStream } from '../../app/api/stream/map/route';
import { loadConfig } from '../runtime/config';
import { startRuntime, stopRuntime } from '../runtime/runtime';

beforeAll(() => {
  // A runtime without sources: the routes only need the hub.
  startRuntime(loadConfig({}), async () => {});
});

afterAll(async () => {
  await stopRuntime();
});

const HUGE = 'x'.repeat(65_536);
const HOSTILE = '<script>alert(1)</script>\u0000\u202e';

function request(path: string, params: Record<string, string>): Request {
  const url = new URL(`http://127.0.0.1${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return new Request(url);
}

async function expect400(response: Response, pattern: RegExp): Promise<void> {
  expect(response.status).toBe(400);
  const text = await response.text();
  expect(text.length).toBeLessThan(400);
  const body = JSON.parse(text) as { error: string };
  expect(body.error).toMatch(pattern);
}

describe('query parameters', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['window=1y', { window: '1y' }, /^window must be one of 1m, 5m, 15m, 1h, all; got "1y"$/],
    ['64 KB window', { window: HUGE }, /^window must be one of .*got "x{64}…"$/],
    ['hostile window', { window: HOSTILE }, /^window must be one of .*got "<script>/],
    ['64 KB namespace', { namespace: HUGE }, /^namespace is longer than 4096 characters$/],
    [
      'hostile namespace',
      { namespace: `shop,${HOSTILE}` },
      /^namespace "<script>.*is not a Kubernetes namespace name/,
    ],
    ['upper-case namespace', { namespace: 'Shop' }, /is not a Kubernetes namespace name/],
    [
      '101 namespaces',
      { namespace: Array.from({ length: 101 }, (_, i) => `ns-${i}`).join(',') },
      /^at most 100 namespaces per view; got 101$/,
    ],
  ];

  for (const [name, params, pattern] of cases) {
    it(`/api/map and /api/stream/map reject ${name}`, async () => {
      await expect400(await mapRoute(request('/api/map', params)), pattern);
      await expect400(await mapStream(request('/api/stream/map', params)), pattern);
    });
  }

  it('/api/series rejects unknown and oversized windows', async () => {
    await expect400(
      await seriesRoute(request('/api/series', { window: '2d' })),
      /^invalid window "2d": expected one of/,
    );
    await expect400(await seriesRoute(request('/api/series', { window: HUGE })), /^invalid window "x{40}"/);
  });

  it('still accepts valid parameters', async () => {
    const ok = await mapRoute(
      request('/api/map', { window: '1m', namespace: 'shop, payments ,kube-system' }),
    );
    expect(ok.status).toBe(200);
    const series = await seriesRoute(request('/api/series', { window: '15m' }));
    expect(series.status).toBe(200);
  });
});
