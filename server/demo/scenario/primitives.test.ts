import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FlowTimeFormatter, isoSeconds, msToNanosString, rfc1123 } from './clock';
import { dropReasonName } from './drop-reasons';
import { externalIp } from './external-hosts';
import { k8sSuffix, Rng, uuidFor } from './prng';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('primitives', () => {
  it('formats flow times with nine fractional digits and object times with seconds', () => {
    const fmt = new FlowTimeFormatter();
    const ms = Date.UTC(2026, 7, 20, 10, 0, 1, 7);
    expect(fmt.format(ms, 42)).toBe('2026-08-20T10:00:01.007000042Z');
    expect(fmt.format(ms + 1000, 999_999)).toBe('2026-08-20T10:00:02.007999999Z');
    expect(isoSeconds(ms)).toBe('2026-08-20T10:00:01Z');
    expect(rfc1123(ms)).toBe('Thu, 20 Aug 2026 10:00:01 UTC');
    expect(msToNanosString(1234)).toBe('1234000000');
    expect(msToNanosString(-5)).toBe('0');
  });

  it('maps drop reasons to the enum names of the facts table', () => {
    const facts = readFileSync(path.resolve(here, '../../../../shared/hubble/api-facts.md'), 'utf8');
    const table = facts.slice(
      facts.indexOf('#### enum `flow.DropReason`'),
      facts.indexOf('#### enum `flow.TrafficDirection`'),
    );
    const rows = [...table.matchAll(/^\| (\d+) \| `([A-Z0-9_]+)` \|/gm)];
    expect(rows.length).toBeGreaterThan(70);
    for (const [, n, name] of rows) expect(dropReasonName(Number(n))).toBe(name);
    expect(dropReasonName(133)).toBe('POLICY_DENIED');
    expect(dropReasonName(181)).toBe('POLICY_DENY');
    expect(dropReasonName(999)).toBe('999');
  });

  it('generates Kubernetes-looking names and v4 UUIDs deterministically', () => {
    expect(k8sSuffix(12345, 10)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    expect(k8sSuffix(12345, 10)).toBe(k8sSuffix(12345, 10));
    expect(uuidFor(1, 'a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFor(1, 'a')).not.toBe(uuidFor(1, 'b'));
    const rng = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const x = rng.float();
      expect(x >= 0 && x < 1).toBe(true);
      expect(rng.int(5)).toBeLessThan(5);
    }
  });

  it('gives distinct external IPs for distinct indices', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(externalIp(i));
    expect(seen.size).toBe(100_000);
    expect(externalIp(0x1000000 + 5)).toMatch(/^35\./);
  });
});
