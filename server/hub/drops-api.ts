// GET /api/drops: query validation and the response body, so the route handler stays a thin shell.
import { type DropsWindow, parseDropsLimit, parseDropsWindow } from '../domain/drops';
import type { DropsBody } from './drop-tracker';
import type { Hub } from './hub';

export interface DropsRequest {
  readonly window: DropsWindow;
  readonly limit: number;
  /** Key of a group to explain before the others. */
  readonly focus?: string;
}

const ALLOWED = new Set(['window', 'limit', 'focus']);
const MAX_FOCUS = 4096;

export function parseDropsRequest(params: URLSearchParams): { request: DropsRequest } | { error: string } {
  for (const name of new Set(params.keys())) {
    if (!ALLOWED.has(name)) {
      return { error: `unknown parameter ${JSON.stringify(name.slice(0, 64))}; use window, limit and focus` };
    }
    if (params.getAll(name).length > 1) return { error: `parameter ${name} given more than once` };
  }
  const window = parseDropsWindow(params.get('window'));
  if (!window.ok) return { error: window.error };
  const limit = parseDropsLimit(params.get('limit'));
  if (!limit.ok) return { error: limit.error };
  const focus = params.get('focus') ?? undefined;
  if (focus !== undefined && focus.length > MAX_FOCUS) {
    return { error: `focus must be a group key of at most ${MAX_FOCUS} characters` };
  }
  return {
    request: { window: window.value, limit: limit.value, ...(focus ? { focus } : {}) },
  };
}

export function dropsBody(hub: Hub, request: DropsRequest): DropsBody {
  return hub.drops.view(request.window, request.limit, {
    now: hub.now(),
    policies: hub.cluster.policies(),
    pods: hub.cluster.snapshot().pods,
    lost: hub.lost.values(),
    focus: request.focus,
  });
}
