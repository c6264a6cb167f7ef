import { describe, expect, it } from 'vitest';
import type { Flow, FlowEvent } from '../../domain/flow';
import { DROP } from './drop-reasons';
import { scenario, windowFlows } from './test-support';

const tuple = (f: Flow) =>
  `${f.IP?.source}|${f.IP?.destination}|${f.l4?.TCP?.source_port ?? f.l4?.UDP?.source_port ?? ''}|${f.l4?.TCP?.destination_port ?? f.l4?.UDP?.destination_port ?? ''}`;

/** The verdict event that precedes a drop event for the same packet on the same node. */
function verdictBefore(events: readonly FlowEvent[], index: number): Flow | undefined {
  const drop = events[index];
  if (drop?.kind !== 'flow') return undefined;
  for (let i = index - 1; i >= Math.max(0, index - 4); i--) {
    const e = events[i];
    if (e?.kind !== 'flow') continue;
    if (
      e.flow.event_type?.type === 5 &&
      tuple(e.flow) === tuple(drop.flow) &&
      e.flow.node_name === drop.flow.node_name
    )
      return e.flow;
  }
  return undefined;
}

describe('policy drops', () => {
  const s = scenario();
  // 330 s … 450 s: before and after the new deny policy lands at 360 s.
  const events = windowFlows(s, 330, 450, 300);
  const drops = events
    .map((e, i) => ({ e, i }))
    .filter(
      (x): x is { e: Extract<FlowEvent, { kind: 'flow' }>; i: number } =>
        x.e.kind === 'flow' && x.e.flow.event_type?.type === 1,
    );

  it('reports drops with the drop reason as sub_type, enum name and deprecated raw code', () => {
    expect(drops.length).toBeGreaterThan(20);
    for (const { e } of drops) {
      const f = e.flow;
      expect(f.verdict).toBe('DROPPED');
      expect(f.event_type?.sub_type).toBe(f.drop_reason);
      expect(typeof f.drop_reason_desc).toBe('string');
      expect(f.is_reply).toBeUndefined();
    }
    const reasons = new Set(drops.map(({ e }) => e.flow.drop_reason_desc));
    expect(reasons).toContain('POLICY_DENIED');
    expect(reasons).toContain('POLICY_DENY');
  });

  it('pairs every policy drop with a policy-verdict event for the same packet', () => {
    const policyDrops = drops.filter(
      ({ e }) => e.flow.drop_reason === DROP.POLICY_DENIED || e.flow.drop_reason === DROP.POLICY_DENY,
    );
    expect(policyDrops.length).toBeGreaterThan(10);
    for (const { e, i } of policyDrops) {
      const verdict = verdictBefore(events, i);
      expect(verdict, e.flow.Summary).toBeDefined();
      expect(verdict?.verdict).toBe('DROPPED');
      expect(verdict?.drop_reason).toBe(e.flow.drop_reason);
      expect(verdict?.drop_reason_desc).toBe(e.flow.drop_reason_desc);
      expect(verdict?.traffic_direction).toBe(e.flow.traffic_direction);
      // Attribution lives on the verdict event only.
      expect(e.flow.egress_denied_by).toBeUndefined();
      expect(e.flow.ingress_denied_by).toBeUndefined();
    }
  });

  it('names no policy for default-deny drops (133) and names the deny rule for 181', () => {
    const verdicts = events.flatMap((e) =>
      e.kind === 'flow' && e.flow.event_type?.type === 5 && e.flow.verdict === 'DROPPED' ? [e.flow] : [],
    );
    const denied = verdicts.filter((f) => f.drop_reason === DROP.POLICY_DENIED);
    const denyRule = verdicts.filter((f) => f.drop_reason === DROP.POLICY_DENY);
    expect(denied.length).toBeGreaterThan(0);
    expect(denyRule.length).toBeGreaterThan(0);
    for (const f of denied) {
      expect(f.ingress_denied_by).toBeUndefined();
      expect(f.egress_denied_by).toBeUndefined();
      expect(f.source?.workloads?.[0]?.name).toBe('recommender');
      expect(f.destination?.workloads?.[0]?.name).toBe('payments');
    }
    for (const f of denyRule) {
      const refs = f.traffic_direction === 'EGRESS' ? f.egress_denied_by : f.ingress_denied_by;
      expect(refs).toHaveLength(1);
      const ref = refs?.[0];
      expect(ref?.kind).toBe('CiliumNetworkPolicy');
      expect(ref?.revision).toMatch(/^\d+$/);
      expect(ref?.labels).toEqual([
        'k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy',
        `k8s:io.cilium.k8s.policy.name=${ref?.name}`,
        `k8s:io.cilium.k8s.policy.namespace=${ref?.namespace}`,
        expect.stringMatching(/^k8s:io\.cilium\.k8s\.policy\.uid=[0-9a-f-]{36}$/),
      ]);
      expect(f.policy_match_type).toBe(2);
    }
    const names = new Set(denyRule.map((f) => (f.egress_denied_by ?? f.ingress_denied_by)?.[0]?.name));
    expect(names).toEqual(new Set(['deny-metadata-egress', 'deny-batch-to-postgres']));
  });

  it('starts dropping batch → payments/postgres only once the new policy exists', () => {
    const at = (f: Flow) => Date.parse(f.time ?? '');
    const batchToPostgres = events.flatMap((e) =>
      e.kind === 'flow' &&
      e.flow.source?.namespace === 'batch' &&
      e.flow.destination?.workloads?.[0]?.name === 'postgres'
        ? [e.flow]
        : [],
    );
    const policyAt = Date.parse('2026-08-20T10:06:00Z');
    const before = batchToPostgres.filter((f) => at(f) < policyAt);
    const after = batchToPostgres.filter((f) => at(f) >= policyAt + 1000);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(before.every((f) => f.verdict === 'FORWARDED')).toBe(true);
    expect(after.every((f) => f.verdict === 'DROPPED' || f.trace_observation_point === 'TO_OVERLAY')).toBe(
      true,
    );
    const denied = after.find((f) => f.event_type?.type === 5);
    expect(denied?.ingress_denied_by?.[0]?.name).toBe('deny-batch-to-postgres');
    expect(denied?.traffic_direction).toBe('INGRESS');
    expect(objectsHavePolicy(s, policyAt - 1000)).toBe(false);
    expect(objectsHavePolicy(s, policyAt + 1000)).toBe(true);
  });

  it('repeats the verdict + drop pair for SYN retransmits of the same connection', () => {
    const perConnection = new Map<string, number>();
    for (const { e } of drops)
      if (e.flow.drop_reason === DROP.POLICY_DENIED)
        perConnection.set(tuple(e.flow), (perConnection.get(tuple(e.flow)) ?? 0) + 1);
    expect(Math.max(...perConnection.values())).toBeGreaterThanOrEqual(2);
  });

  it('reports other datapath drops without a verdict event', () => {
    const other = s.flowsBetween(Date.UTC(2026, 7, 20, 10, 0, 45), Date.UTC(2026, 7, 20, 10, 1, 5), 20_000);
    const reasons = new Set(
      other.flatMap((e) =>
        e.kind === 'flow' && e.flow.event_type?.type === 1 ? [e.flow.drop_reason_desc] : [],
      ),
    );
    expect(reasons).toContain('STALE_OR_UNROUTABLE_IP');
    const wide = windowFlows(s, 0, 600, 100);
    const wideReasons = new Set(
      wide.flatMap((e) =>
        e.kind === 'flow' && e.flow.event_type?.type === 1 ? [e.flow.drop_reason_desc] : [],
      ),
    );
    expect(wideReasons).toContain('CT_MAP_INSERTION_FAILED');
    expect(wideReasons).toContain('UNSUPPORTED_L3_PROTOCOL');
  });

  it('attributes allowed flows on their policy-verdict events', () => {
    const allowed = events.flatMap((e) =>
      e.kind === 'flow' && e.flow.event_type?.type === 5 && e.flow.verdict !== 'DROPPED' ? [e.flow] : [],
    );
    const kinds = new Set(
      allowed.flatMap((f) =>
        [...(f.egress_allowed_by ?? []), ...(f.ingress_allowed_by ?? [])].map((p) => p.kind),
      ),
    );
    expect(kinds).toEqual(
      new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'NetworkPolicy']),
    );
    expect(allowed.some((f) => f.verdict === 'REDIRECTED')).toBe(true);
    for (const f of allowed)
      expect((f.egress_allowed_by ?? f.ingress_allowed_by ?? []).length).toBeGreaterThan(0);
  });
});

function objectsHavePolicy(s: ReturnType<typeof scenario>, at: number): boolean {
  return s
    .objectsAt(at)
    .some((o) => o.kind === 'CiliumNetworkPolicy' && o.metadata.name === 'deny-batch-to-postgres');
}

describe('small windows (a 100 ms pump)', () => {
  it('never cuts a connection so that an L7 response or the drop after a verdict goes missing', () => {
    const s = scenario();
    const problems: string[] = [];
    let verdicts = 0;
    let requests = 0;
    for (let w = 0; w < 600; w++) {
      const from = Date.UTC(2026, 7, 20, 10, 6, 0) + w * 100;
      const events = s.flowsBetween(from, from + 100, 20);
      const flows = events.flatMap((e) => (e.kind === 'flow' ? [e.flow] : []));
      const responses = new Set(
        flows
          .filter((f) => f.l7?.type === 'RESPONSE')
          .map((f) => `${f.IP?.destination}|${f.IP?.source}|${f.l7?.http?.url ?? f.l7?.dns?.query}`),
      );
      for (const f of flows) {
        if (f.l7?.type === 'REQUEST') {
          requests++;
          if (!responses.has(`${f.IP?.source}|${f.IP?.destination}|${f.l7?.http?.url ?? f.l7?.dns?.query}`))
            problems.push(`request without response ${f.uuid}`);
        }
      }
      events.forEach((e, i) => {
        if (e.kind !== 'flow' || e.flow.event_type?.type !== 5 || e.flow.verdict !== 'DROPPED') return;
        verdicts++;
        const next = events[i + 1];
        if (next?.kind !== 'flow' || next.flow.event_type?.type !== 1 || tuple(next.flow) !== tuple(e.flow))
          problems.push(`verdict without drop ${e.flow.uuid}`);
      });
    }
    expect(problems).toEqual([]);
    expect(verdicts).toBeGreaterThan(10);
    expect(requests).toBeGreaterThan(10);
  });
});
