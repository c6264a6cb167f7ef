// A GetFlowsRequest field mask applied to a flow, as Hubble applies it before sending: only the
// listed paths (proto names, dot-separated: `IP`, `source.namespace`, `l7.http.code`) are kept. A
// path through a missing field keeps nothing; a path that ends at a message or list keeps all of it.
// Used by the demo Relay, so Skymap's field-mask setting is exercised against a server that honours it.
import type { Flow } from './flow';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function maskFlow(flow: Flow, paths: readonly string[]): Flow {
  const out: Json = {};
  // Values kept whole are the flow's own objects: a longer path under one is already covered, and
  // descending into it would write into the flow.
  const whole = new Set<unknown>();
  for (const path of paths) {
    const parts = path.split('.');
    let from: unknown = flow;
    for (const part of parts) from = isRecord(from) ? from[part] : undefined;
    if (from === undefined) continue;
    let to: Json | undefined = out;
    for (let i = 0; i < parts.length - 1 && to !== undefined; i++) {
      const part = parts[i]!;
      const existing: unknown = to[part];
      if (whole.has(existing)) to = undefined;
      else {
        const next: Json = isRecord(existing) ? existing : {};
        to[part] = next;
        to = next;
      }
    }
    if (to === undefined) continue;
    to[parts[parts.length - 1]!] = from;
    if (typeof from === 'object') whole.add(from);
  }
  return out as Flow;
}
