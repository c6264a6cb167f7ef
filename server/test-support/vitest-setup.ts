// Flows decoded from the wire carry their time as epoch ms under a symbol key (FLOW_TIME_MS, a cache
// of `time` for the ingest path). Equality in tests is about the jsonpb shape: a decoded flow equals
// the JSON flow it was encoded from when everything but that cache matches. Whether the cache itself
// is right is asserted directly (decode-flow-time.test.ts).
import { expect } from 'vitest';
import { FLOW_TIME_MS } from '../domain/flow';

function isRecord(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutCarriedTime(value: Record<PropertyKey, unknown>): Record<PropertyKey, unknown> {
  const { [FLOW_TIME_MS]: _carried, ...rest } = value;
  return rest;
}

expect.addEqualityTesters([
  function ignoreCarriedFlowTime(
    this: { equals(a: unknown, b: unknown, testers?: unknown[]): boolean },
    a,
    b,
    testers,
  ) {
    if (!isRecord(a) || !isRecord(b)) return undefined;
    if (!Object.hasOwn(a, FLOW_TIME_MS) && !Object.hasOwn(b, FLOW_TIME_MS)) return undefined;
    return this.equals(withoutCarriedTime(a), withoutCarriedTime(b), testers as unknown[]);
  },
]);
