// Discovery and paged LIST for one resource, as plain JSON (see api-request.ts).

import type { KubeConfig } from '@kubernetes/client-node';
import { getJson, KubeRequestError } from './api-request';
import { collectionPath, groupVersionPath, type ResourceSpec } from './resource-spec';

export function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

/** HTTP status from our KubeRequestError or from client-node's Watch errors (`statusCode`). */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof KubeRequestError) return error.status;
  const statusCode = field(error, 'statusCode');
  if (typeof statusCode === 'number') return statusCode;
  const code = field(error, 'code');
  return typeof code === 'number' ? code : undefined;
}

export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = field(error, 'statusCode');
  return typeof status === 'number' ? `HTTP ${status} ${error.message}` : error.message;
}

/** Whether the group/version serves `spec.plural`; a 404 for the group/version means "not installed". */
export async function isServed(kc: KubeConfig, spec: ResourceSpec, signal: AbortSignal): Promise<boolean> {
  try {
    const body = await getJson(kc, groupVersionPath(spec), {}, signal);
    const resources = field(body, 'resources');
    return Array.isArray(resources) && resources.some((resource) => field(resource, 'name') === spec.plural);
  } catch (error) {
    if (error instanceof KubeRequestError && error.status === 404) return false;
    throw error;
  }
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  pageSize?: number;
}

/** Full LIST following `continue` tokens; the resourceVersion is the first page's (the snapshot's). */
export async function listAll(
  kc: KubeConfig,
  spec: ResourceSpec,
  options: ListOptions,
  signal: AbortSignal,
): Promise<{ items: unknown[]; resourceVersion: string }> {
  const path = collectionPath(spec);
  const items: unknown[] = [];
  let resourceVersion = '';
  let token: string | undefined;
  do {
    const query = {
      limit: options.pageSize ?? 500,
      continue: token,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    const body = await getJson(kc, path, query, signal);
    const pageItems = field(body, 'items');
    if (pageItems !== null && pageItems !== undefined && !Array.isArray(pageItems)) {
      throw new KubeRequestError(`GET ${path}: list response has no items array`, undefined);
    }
    items.push(...(pageItems ?? []));
    const metadata = field(body, 'metadata');
    const rv = field(metadata, 'resourceVersion');
    if (resourceVersion === '' && typeof rv === 'string') resourceVersion = rv;
    const next = field(metadata, 'continue');
    token = typeof next === 'string' && next !== '' ? next : undefined;
  } while (token !== undefined);
  if (resourceVersion === '') {
    throw new KubeRequestError(`GET ${path}: list response has no metadata.resourceVersion`, undefined);
  }
  return { items, resourceVersion };
}
