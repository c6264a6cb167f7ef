import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { compileFlowQuery } from './match';
import { parseFlowQuery } from './parse-query';
import { compileRelayLists } from './relay-filter';
import { QUERY_CASES } from './test-support/cases';
import { shellWords, simulateHubbleObserve } from './test-support/hubble-cli-sim';
import { loadAllFixtureFlows } from './test-support/load-fixture';
import { SYNTHETIC_FLOWS } from './test-support/synthetic-flows';
import { shellQuote, toHubbleCommand } from './to-command';
import type { FlowQuery } from './types';

const FLOWS: readonly Flow[] = [...loadAllFixtureFlows(), ...SYNTHETIC_FLOWS];

function parsed(query: string): FlowQuery {
  const r = parseFlowQuery(new URLSearchParams(query), Date.UTC(2024, 4, 1, 12));
  if ('error' in r) throw new Error(`${query}: ${r.error}`);
  return r.query;
}

describe('toHubbleCommand', () => {
  it('renders plain flags when they mean the same thing', () => {
    expect(toHubbleCommand(parsed('namespace=shop&verdict=DROPPED&to-port=5432'))).toBe(
      'hubble observe --namespace shop --verdict DROPPED --to-port 5432 --follow',
    );
    expect(toHubbleCommand(parsed('from-pod=web&not-verdict=FORWARDED,AUDIT&limit=100'))).toBe(
      'hubble observe --from-pod default/web --not --verdict FORWARDED --not --verdict AUDIT --last 100',
    );
    expect(
      toHubbleCommand(parsed('drop-reason=policy_denied&type=drop:133&label=k8s:app=web'), { follow: false }),
    ).toBe('hubble observe --drop-reason-desc POLICY_DENIED --type drop:133 --label k8s:app=web');
  });

  it('renders times and follow', () => {
    const q = parsed('since=2024-05-01T10:00:00+02:00&until=2024-05-01T09:00:00.5Z');
    expect(toHubbleCommand(q)).toBe(
      'hubble observe --since 2024-05-01T08:00:00.000Z --until 2024-05-01T09:00:00.500Z',
    );
    expect(toHubbleCommand(parsed('since=5m'))).toBe(
      'hubble observe --since 2024-05-01T11:55:00.000Z --follow',
    );
    expect(toHubbleCommand({ terms: [] })).toBe('hubble observe --follow');
  });

  it('uses --denylist JSON for several negations, since the CLI would AND them', () => {
    expect(toHubbleCommand(parsed('not-verdict=DROPPED&not-namespace=kube-system'), { follow: false })).toBe(
      `hubble observe --denylist '{"verdict":["DROPPED"]}' --denylist '{"source_pod":["kube-system/"]}'` +
        ` --denylist '{"destination_pod":["kube-system/"]}'`,
    );
  });

  it('uses --allowlist JSON when the CLI would tie two side-less flags to one side', () => {
    expect(toHubbleCommand(parsed('pod=shop/&port=80'), { follow: false })).toBe(
      `hubble observe --allowlist '{"source_pod":["shop/"],"source_port":["80"]}'` +
        ` --allowlist '{"source_pod":["shop/"],"destination_port":["80"]}'` +
        ` --allowlist '{"destination_pod":["shop/"],"source_port":["80"]}'` +
        ` --allowlist '{"destination_pod":["shop/"],"destination_port":["80"]}'`,
    );
    expect(toHubbleCommand(parsed('reply=false&verdict=DROPPED'), { follow: false })).toBe(
      `hubble observe --allowlist '{"reply":[false],"verdict":["DROPPED"]}'`,
    );
  });

  it('lists what no FlowFilter can express in a trailing comment', () => {
    const q: FlowQuery = {
      terms: [
        { field: 'from-label', values: ['k8s:app=web'], negate: false },
        { field: 'from-label', values: ['k8s:tier'], negate: false },
      ],
    };
    expect(toHubbleCommand(q, { follow: false })).toBe(
      `hubble observe --allowlist '{"source_label":["k8s:app=web"]}' # not expressible as Hubble filters: from-label=k8s:tier`,
    );
    // Two terms on one pod field are intersected instead.
    const pods: FlowQuery = {
      terms: [
        { field: 'from-pod', values: ['a/x', 'b/'], negate: false },
        { field: 'from-pod', values: ['a/xy', 'c/z'], negate: false },
      ],
    };
    expect(toHubbleCommand(pods, { follow: false })).toBe(
      `hubble observe --allowlist '{"source_pod":["a/xy"]}'`,
    );
  });

  it('quotes hostile values so they stay one argument', () => {
    const evil = "'; rm -rf / #";
    const cmd = toHubbleCommand(parsed(`http-path=${encodeURIComponent(evil)}`), { follow: false });
    expect(cmd).toBe(`hubble observe --http-path ''\\''; rm -rf / #'`);
    expect(shellWords(cmd)).toEqual(['hubble', 'observe', '--http-path', evil]);
    const dash = toHubbleCommand(parsed('http-url=-x'), { follow: false });
    expect(shellWords(dash)).toEqual(['hubble', 'observe', '--http-url=-x']);
  });

  it('produces words a real POSIX shell reads back verbatim', () => {
    // Payloads are harmless if they ever escaped: they would only change the exit status.
    const values = [
      "'; exit 42; '",
      '$(exit 43)',
      '`exit 44`',
      'a"b\\c',
      "it's",
      ' spaced  out ',
      '*',
      '~',
      'ä€',
    ];
    for (const v of values) {
      const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(v)}`], { encoding: 'utf8' });
      expect(out).toBe(v);
    }
  });
});

describe('the rendered command means the query (simulated Hubble CLI)', () => {
  const check = (q: string) => {
    const query = parsed(q);
    const cmd = toHubbleCommand(query);
    expect(cmd).not.toContain('#');
    const req = simulateHubbleObserve(cmd);
    const lists = compileRelayLists(req.whitelist, req.blacklist);
    if ('error' in lists) throw new Error(`${cmd}: ${lists.error}`);
    const inTime = compileFlowQuery({ terms: [], since: req.since, until: req.until });
    const direct = compileFlowQuery(query);
    const bad = FLOWS.filter((f) => (lists.match(f) && inTime(f)) !== direct(f));
    expect(bad, cmd).toEqual([]);
  };

  it.each(QUERY_CASES.filter((c) => !c.query.includes('http-status=5%2B&type=trace')).map((c) => [c.query]))(
    '%s',
    check,
  );

  it.each([
    'namespace=shop&from-label=k8s:app=web&not-to-port=53',
    'from-namespace=shop&to-pod=shop/db',
    'from-namespace=shop&from-service=shop/web',
    'namespace=shop&to-service=shop/web',
    'from-ip=10.0.0.0/8&from-pod=shop/web',
    'label=k8s:app=web&not-label=k8s:tier=frontend',
    'fqdn=*.example.com&not-fqdn=api.example.com&not-verdict=DROPPED&type=trace',
    'workload=Deployment/&identity=4242',
  ])('%s', check);
});
