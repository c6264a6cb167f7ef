import { describe, expect, it } from 'vitest';
import { createDemoScenario } from './scenario';
import { flowsOf, scenario, T0 } from './test-support';

describe('determinism', () => {
  it('gives identical objects and flows for the same seed, start and time', () => {
    const a = scenario();
    const b = scenario();
    for (const at of [0, 95_000, 200_000, 305_000, 480_000]) {
      expect(JSON.stringify(a.objectsAt(T0 + at))).toBe(JSON.stringify(b.objectsAt(T0 + at)));
    }
    const fa = a.flowsBetween(T0 + 1000, T0 + 61_000, 5000);
    const fb = b.flowsBetween(T0 + 1000, T0 + 61_000, 5000);
    expect(JSON.stringify(fa)).toBe(JSON.stringify(fb));
  });

  it('does not depend on the order of calls', () => {
    const a = scenario();
    const b = scenario();
    a.objectsAt(T0 + 400_000);
    a.flowsBetween(T0 + 300_000, T0 + 310_000, 3000);
    expect(JSON.stringify(a.flowsBetween(T0, T0 + 10_000, 2000))).toBe(
      JSON.stringify(b.flowsBetween(T0, T0 + 10_000, 2000)),
    );
    expect(JSON.stringify(a.objectsAt(T0 + 10_000))).toBe(JSON.stringify(b.objectsAt(T0 + 10_000)));
  });

  it('differs between seeds', () => {
    const a = scenario({ seed: 1 });
    const b = scenario({ seed: 2 });
    expect(JSON.stringify(a.flowsBetween(T0, T0 + 5000, 500))).not.toBe(
      JSON.stringify(b.flowsBetween(T0, T0 + 5000, 500)),
    );
    const uid = (s: typeof a) => s.objectsAt(T0).find((o) => o.kind === 'Node')?.metadata.uid;
    expect(uid(a)).not.toBe(uid(b));
  });

  it('returns exactly `count` events inside [from, to), sorted, with matching wrapper fields', () => {
    const s = scenario();
    const from = T0 + 12_345;
    const to = from + 2_000;
    const events = s.flowsBetween(from, to, 3000);
    expect(events).toHaveLength(3000);
    let prev = '';
    for (const e of events) {
      expect(e.time).toBeDefined();
      const time = e.time ?? '';
      expect(time >= prev).toBe(true);
      prev = time;
      const ms = Date.parse(time);
      expect(ms).toBeGreaterThanOrEqual(from);
      expect(ms).toBeLessThan(to);
      expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      if (e.kind === 'flow') {
        expect(e.flow.time).toBe(e.time);
        expect(e.nodeName).toBe(e.flow.node_name);
      }
    }
  });

  it('gives every flow a unique RFC 4122 uuid, also across windows', () => {
    const s = scenario();
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      for (const f of flowsOf(s.flowsBetween(T0 + i * 10_000, T0 + (i + 1) * 10_000, 20_000))) {
        expect(f.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(seen.has(f.uuid ?? '')).toBe(false);
        seen.add(f.uuid ?? '');
      }
    }
  });

  it('never emits keys whose value is undefined', () => {
    const s = scenario({ scale: { extraPods: 200, externalIps: 100 } });
    for (const f of flowsOf(s.flowsBetween(T0, T0 + 60_000, 8_000))) {
      for (const [key, value] of Object.entries(f)) expect(value, key).not.toBeUndefined();
    }
  });

  it('answers bad input with empty results instead of throwing', () => {
    const s = scenario();
    expect(s.flowsBetween(Number.NaN, T0, 10)).toEqual([]);
    expect(s.flowsBetween(T0, T0 + 1000, 0)).toEqual([]);
    expect(s.flowsBetween(T0, T0 + 1000, -5)).toEqual([]);
    expect(s.flowsBetween(T0 + 1000, T0, 10)).toEqual([]);
    expect(s.flowsBetween(T0, T0 + 1000, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(s.flowsBetween(T0, T0 + 1000, 2.9)).toHaveLength(2);
    expect(s.objectsAt(Number.NaN).length).toBeGreaterThan(0);
    const odd = createDemoScenario({
      startMs: Number.NaN,
      seed: Number.NaN,
      clusterName: 'Not A Name!',
      scale: { extraPods: -3, externalIps: Number.NaN },
    });
    expect(odd.clusterName).toBe('default');
    expect(odd.flowsBetween(0, 1000, 50)).toHaveLength(50);
  });
});
