// Helpers shared by this folder's tests (not used by production code).
import type { Flow, FlowEvent } from '../../domain/flow';
import { createDemoScenario } from './scenario';
import type { DemoScenario, KubeObject } from './types';

/** 2026-08-20T10:00:00Z: a fixed cycle origin so tests never depend on the wall clock. */
export const T0 = Date.UTC(2026, 7, 20, 10, 0, 0);

export function scenario(extra: Partial<Parameters<typeof createDemoScenario>[0]> = {}): DemoScenario {
  return createDemoScenario({ seed: 42, startMs: T0, ...extra });
}

export function flowsOf(events: readonly FlowEvent[]): Flow[] {
  const out: Flow[] = [];
  for (const e of events) if (e.kind === 'flow') out.push(e.flow);
  return out;
}

/** Flows of a whole window, generated at a realistic density (≈ 400 events per second). */
export function windowFlows(s: DemoScenario, fromSec: number, toSec: number, perSecond = 400): FlowEvent[] {
  return [
    ...s.flowsBetween(T0 + fromSec * 1000, T0 + toSec * 1000, Math.round((toSec - fromSec) * perSecond)),
  ];
}

export function byKind(objects: readonly KubeObject[], kind: string, apiVersion?: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind && (apiVersion === undefined || o.apiVersion === apiVersion));
}

export function find(
  objects: readonly KubeObject[],
  kind: string,
  name: string,
  namespace?: string,
): KubeObject {
  const o = objects.find(
    (x) =>
      x.kind === kind &&
      x.metadata.name === name &&
      (namespace === undefined || x.metadata.namespace === namespace),
  );
  if (!o) throw new Error(`no ${kind} ${namespace ?? ''}/${name}`);
  return o;
}

/** Reads a nested field without `any`: path segments are property names or array indices. */
export function get(value: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

export function conditionOf(o: KubeObject, type: string): Record<string, unknown> | undefined {
  const list = get(o, 'status', 'conditions');
  if (!Array.isArray(list)) return undefined;
  return list.find((c: unknown) => get(c, 'type') === type) as Record<string, unknown> | undefined;
}

export function ipInCidr24(ip: string, cidr: string): boolean {
  const base = cidr.replace(/\.0\/24$/, '.');
  return cidr.endsWith('.0/24') && ip.startsWith(base);
}
