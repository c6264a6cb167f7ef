// Plain-JSON GET through client-node's own HTTP stack (its RequestContext, auth and TLS agent), so
// list responses are untyped JSON exactly like watch events: core and custom resources alike, no
// ObjectSerializer turning timestamps into Dates or dropping fields it does not know.

import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';

export class KubeRequestError extends Error {
  override readonly name = 'KubeRequestError';

  constructor(
    message: string,
    /** HTTP status, undefined for transport errors (refused, reset, TLS). */
    readonly status: number | undefined,
    readonly reason?: string,
  ) {
    super(message);
  }
}

const http = new IsomorphicFetchHttpLibrary();

function statusMessage(body: unknown): { message?: string; reason?: string } {
  if (body === null || typeof body !== 'object') return {};
  const { message, reason } = body as Record<string, unknown>;
  return {
    message: typeof message === 'string' ? message : undefined,
    reason: typeof reason === 'string' ? reason : undefined,
  };
}

export async function getJson(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | number | boolean | undefined> = {},
  signal?: AbortSignal,
): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeRequestError('kubeconfig has no current cluster', undefined);
  const url = new URL(cluster.server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(key, String(value));
  const context = new RequestContext(url.toString(), HttpMethod.GET);
  context.setHeaderParam('Accept', 'application/json');
  if (signal) context.setSignal(signal);
  let status: number;
  let text: string;
  try {
    await kc.applySecurityAuthentication(context);
    const response = await http.send(context).toPromise();
    status = response.httpStatusCode;
    text = await response.body.text();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new KubeRequestError(`GET ${path}: ${detail}`, undefined);
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status < 200 || status > 299) {
    const { message, reason } = statusMessage(body);
    throw new KubeRequestError(`GET ${path}: HTTP ${status}${message ? `: ${message}` : ''}`, status, reason);
  }
  if (body === undefined) throw new KubeRequestError(`GET ${path}: response is not JSON`, status);
  return body;
}
