import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { compileFlowQuery } from './match';
import { parseFlowQuery } from './parse-query';
import { compileRelayLists } from './relay-filter';
import { QUERY_CASES } from './test-support/cases';
import { loadAllFixtureFlows } from './test-support/load-fixture';
import { SYNTHETIC_FLOWS } from './test-support/synthetic-flows';
import { type ToRelayOptions, toRelayFilters } from './to-relay';
import type { FlowQuery, RelayFilterKey } from './types';

const FLOWS: readonly Flow[] = [...loadAllFixtureFlows(), ...SYNTHETIC_FLOWS];

function parsed(query: string): FlowQuery {
  const r = parseFlowQuery(new URLSearchParams(query), Date.UTC(2024, 4, 1, 12));
  if ('error' in r) throw new Error(`${query}: ${r.error}`);
  return r.query;
}

/** Flow indices where pushdown + residual and the direct match disagree (must be none). */
function mismatches(query: FlowQuery, options?: ToRelayOptions): number[] {
  const { whitelist, blacklist, residual } = toRelayFilters(query, options);
  const lists = compileRelayLists(whitelist, blacklist);
  if ('error' in lists) throw new Error(`Hubble would reject the pushed-down filters: ${lists.error}`);
  const rest = compileFlowQuery(residual);
  const direct = compileFlowQuery(query);
  const bad: number[] = [];
  FLOWS.forEach((f, i) => {
    if ((lists.match(f) && rest(f)) !== direct(f)) bad.push(i);
  });
  return bad;
}

// Every single parameter used by the case table, to combine (and negate) at random.
const PARAMS = [
  ...new Set(
    QUERY_CASES.flatMap((c) => c.query.split('&')).filter((p) => p !== '' && !/^(since|until)=/.test(p)),
  ),
];

function randomQueries(count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(next() * 5);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      const p = PARAMS[Math.floor(next() * PARAMS.length)] ?? '';
      parts.push(next() < 0.35 && !p.startsWith('not-') ? `not-${p}` : p);
    }
    out.push(parts.join('&'));
  }
  return out;
}

describe('toRelayFilters equivalence (whitelist − blacklist, then residual ≡ direct match)', () => {
  it.each(QUERY_CASES.map((c) => [c.query || '(empty)', c.query] as const))('%s', (_, q) => {
    expect(mismatches(parsed(q))).toEqual([]);
  });

  it.each(randomQueries(400, 7).map((q) => [q]))('random: %s', (q) => {
    expect(mismatches(parsed(q))).toEqual([]);
  });

  it('stays equivalent when the server lacks fields or the filter count is capped', () => {
    const old: ReadonlySet<RelayFilterKey> = new Set([
      'source_pod',
      'destination_pod',
      'verdict',
      'event_type',
    ]);
    for (const q of randomQueries(150, 99)) {
      expect(mismatches(parsed(q), { supportedKeys: old })).toEqual([]);
      expect(mismatches(parsed(q), { maxWhitelistFilters: 2 })).toEqual([]);
    }
  });
});

describe('toRelayFilters output', () => {
  it('pushes a typical query down entirely, building the source/destination pair like the Hubble CLI', () => {
    const r = toRelayFilters(
      parsed('namespace=shop&verdict=DROPPED&to-port=5432&not-from-label=k8s:app=web'),
    );
    expect(r.whitelist).toEqual([
      { source_pod: ['shop/'], verdict: ['DROPPED'], destination_port: ['5432'] },
      { destination_pod: ['shop/'], verdict: ['DROPPED'], destination_port: ['5432'] },
    ]);
    expect(r.blacklist).toEqual([{ source_label: ['k8s:app=web'] }]);
    expect(r.residual.terms).toEqual([]);
  });

  it('turns a negated side-less term into one blacklist filter per side', () => {
    const r = toRelayFilters(parsed('not-ip=10.0.0.0/8,fd00::/8'));
    expect(r.whitelist).toEqual([]);
    expect(r.blacklist).toEqual([
      { source_ip: ['10.0.0.0/8', 'fd00::/8'] },
      { destination_ip: ['10.0.0.0/8', 'fd00::/8'] },
    ]);
  });

  it('converts values to FlowFilter form', () => {
    const r = toRelayFilters(
      parsed(
        'type=trace:to-stack,drop&from-identity=world&to-workload=Deployment/web&reply=false&traffic-direction=egress&ip-version=v4',
      ),
    );
    expect(r.whitelist).toEqual([
      {
        event_type: [{ type: 4, match_sub_type: true, sub_type: 3 }, { type: 1 }],
        source_identity: [2],
        destination_workload: [{ name: 'web', kind: 'Deployment' }],
        reply: [false],
        traffic_direction: ['EGRESS'],
        ip_version: ['IPv4'],
      },
    ]);
  });

  it('intersects terms on one pod/service or exact-value field', () => {
    const r = toRelayFilters(parsed('from-namespace=shop&from-pod=shop/web'));
    expect(r.whitelist).toEqual([{ source_pod: ['shop/web'] }]);
    expect(r.residual.terms).toEqual([]);
    const both = toRelayFilters(parsed('namespace=shop&to-pod=shop/db,other/x&port=5432&to-port=5432,80'));
    expect(both.whitelist).toEqual([
      {
        source_pod: ['shop/'],
        destination_pod: ['shop/db', 'other/x'],
        source_port: ['5432'],
        destination_port: ['5432', '80'],
      },
      { source_pod: ['shop/'], destination_pod: ['shop/db', 'other/x'], destination_port: ['5432'] },
      { destination_pod: ['shop/db'], source_port: ['5432'], destination_port: ['5432', '80'] },
      { destination_pod: ['shop/db'], destination_port: ['5432'] },
    ]);
  });

  it('keeps terms residual when their AND cannot be one FlowFilter field', () => {
    const labels = toRelayFilters(parsed('label=k8s:app=web&from-label=k8s:tier'));
    expect(labels.residual.terms.map((t) => t.field)).toEqual(['from-label']);
    // A contradiction would leave no whitelist filter, i.e. "everything": it stays residual instead.
    const none = toRelayFilters(parsed('from-namespace=a&from-pod=b/x'));
    expect(none.whitelist).toEqual([{ source_pod: ['a/'] }]);
    expect(none.residual.terms.map((t) => t.field)).toEqual(['from-pod']);
  });

  it('keeps HTTP terms residual next to an event type Hubble would refuse them with', () => {
    const r = toRelayFilters(parsed('type=trace&http-status=200'));
    expect(r.whitelist).toEqual([{ event_type: [{ type: 4 }] }]);
    expect(r.residual.terms.map((t) => t.field)).toEqual(['http-status']);
    const ok = toRelayFilters(parsed('type=l7&http-status=200'));
    expect(ok.residual.terms).toEqual([]);
  });

  it('caps the source/destination cross product', () => {
    const q = parsed('pod=a/&ip=10.0.0.1&port=80&label=app&identity=5');
    expect(toRelayFilters(q).whitelist).toHaveLength(16);
    const capped = toRelayFilters(q, { maxWhitelistFilters: 4 });
    expect(capped.whitelist).toHaveLength(4);
    expect(capped.residual.terms.map((t) => t.field)).toEqual(['port', 'label', 'identity']);
  });

  it('keeps fields an older server does not know residual and carries since/until/limit along', () => {
    const q = parsed('drop-reason=POLICY_DENIED&verdict=DROPPED&since=2024-05-01T00:00:00Z&limit=10');
    const r = toRelayFilters(q, { supportedKeys: new Set<RelayFilterKey>(['verdict']) });
    expect(r.whitelist).toEqual([{ verdict: ['DROPPED'] }]);
    expect(r.residual).toEqual({
      terms: [{ field: 'drop-reason', values: ['POLICY_DENIED'], negate: false }],
      since: '2024-05-01T00:00:00.000Z',
      limit: 10,
    });
  });
});
