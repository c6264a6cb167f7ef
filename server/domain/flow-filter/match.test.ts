import { describe, expect, it } from 'vitest';
import { compileFlowQuery } from './match';
import { parseFlowQuery } from './parse-query';
import { QUERY_CASES } from './test-support/cases';
import { loadAllFixtureFlows } from './test-support/load-fixture';
import { SYNTHETIC_FLOWS } from './test-support/synthetic-flows';
import type { FlowQuery } from './types';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const FLOWS = [...loadAllFixtureFlows(), ...SYNTHETIC_FLOWS];

function parsed(query: string): FlowQuery {
  const r = parseFlowQuery(new URLSearchParams(query), NOW);
  if ('error' in r) throw new Error(`${query}: ${r.error}`);
  return r.query;
}

describe('compileFlowQuery over the fixture flows', () => {
  it('loads every fixture flow', () => {
    expect(FLOWS.length).toBeGreaterThan(1170);
  });

  it.each(QUERY_CASES.map((c) => [c.query || '(empty)', c] as const))('%s', (_, c) => {
    const match = compileFlowQuery(parsed(c.query));
    const got: number[] = [];
    const want: number[] = [];
    FLOWS.forEach((f, i) => {
      if (match(f)) got.push(i);
      if (c.expect(f)) want.push(i);
    });
    expect(got).toEqual(want);
    if (c.selective) {
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(FLOWS.length);
    }
  });
});

describe('compileFlowQuery edge cases', () => {
  it('treats an invalid hand-built term as matching nothing, and its negation as everything', () => {
    const bad = { field: 'port', values: ['99999'], negate: false } as const;
    expect(FLOWS.some(compileFlowQuery({ terms: [bad] }))).toBe(false);
    expect(FLOWS.every(compileFlowQuery({ terms: [{ ...bad, negate: true }] }))).toBe(true);
  });

  it('never throws on malformed flows', () => {
    const match = compileFlowQuery(
      parsed('label=app&port=80&http-path=x&fqdn=*.a&node-name=x*&type=trace&since=1h'),
    );
    const junk = [
      {},
      { l4: {} },
      { source: {}, destination: {} },
      { l7: { http: { url: '::::' } } },
      { time: '' },
    ];
    for (const f of junk) expect(match(f)).toBe(false);
  });
});

describe('hand-built queries with unknown fields', () => {
  it('does not crash and matches nothing', () => {
    const bogus = {
      field: 'constructor',
      values: ['x'],
      negate: false,
    } as unknown as FlowQuery['terms'][number];
    expect(FLOWS.some(compileFlowQuery({ terms: [bogus] }))).toBe(false);
  });
});
