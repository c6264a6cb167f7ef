// URL → API route, following the real API server's path layout.

export type Route =
  | { kind: 'root' }
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'resourceList'; group: string; version: string }
  | { kind: 'resource'; group: string; version: string; rest: string[] }
  | { kind: 'unknown' };

const HEALTH_PATHS = new Set(['healthz', 'livez', 'readyz']);

export function routeOf(pathname: string): Route {
  let segments: string[];
  try {
    segments = pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return { kind: 'unknown' };
  }
  const [first, second, third, ...rest] = segments;
  if (first === undefined) return { kind: 'root' };
  if (first === 'version' && segments.length === 1) return { kind: 'version' };
  if (HEALTH_PATHS.has(first)) return { kind: 'health' };
  if (first === 'api') {
    if (second === undefined) return { kind: 'api' };
    if (third === undefined) return { kind: 'resourceList', group: '', version: second };
    return { kind: 'resource', group: '', version: second, rest: [third, ...rest] };
  }
  if (first === 'apis') {
    if (second === undefined) return { kind: 'apis' };
    if (third === undefined) return { kind: 'group', group: second };
    const [fourth, ...tail] = rest;
    if (fourth === undefined) return { kind: 'resourceList', group: second, version: third };
    return { kind: 'resource', group: second, version: third, rest: [fourth, ...tail] };
  }
  return { kind: 'unknown' };
}

export const ROOT_PATHS = ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/readyz', '/version'];

/** Accept headers that only allow aggregated discovery (no plain JSON fallback) get 406. */
export function acceptsPlainJson(accept: string | undefined): boolean {
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/json') return false;
    return !params.some((param) => param.startsWith('as=') || param.startsWith('g='));
  });
}
