import { describe, expect, it } from 'vitest';
import type { Flow, FlowEvent } from '../domain/flow';
import { loadAllFixtureFlows } from '../domain/flow-filter/test-support/load-fixture';
import { type BackfillAnswer, type FlowBackfill, parseFlowsRequest, queryFlows } from './flow-queries';
import { Hub } from './hub';

const NOW = Date.parse('2024-01-01T00:00:00Z');
const FIXTURE = loadAllFixtureFlows();

function hubWith(flows: readonly Flow[], history = 5000): Hub {
  const hub = new Hub({ flowHistory: history, now: () => NOW });
  hub.ingest(flows.map((flow): FlowEvent => ({ kind: 'flow', flow })));
  return hub;
}

async function query(hub: Hub, search: string, backfill?: FlowBackfill) {
  const parsed = parseFlowsRequest(new URLSearchParams(search), NOW);
  if ('error' in parsed) throw new Error(parsed.error);
  return queryFlows(hub, parsed.request, NOW, { backfill });
}

/** Independently computed: newest first (the reverse of ingest order), first `limit`. */
function expected(predicate: (f: Flow) => boolean, limit = 100): Flow[] {
  return [...FIXTURE].reverse().filter(predicate).slice(0, limit);
}

const ports = (f: Flow) => {
  const l4 = f.l4?.TCP ?? f.l4?.UDP ?? f.l4?.SCTP;
  return [l4?.source_port, l4?.destination_port];
};

describe('queryFlows over the shared fixture flows', () => {
  const hub = hubWith(FIXTURE);
  const cases: [string, (f: Flow) => boolean, number?][] = [
    ['verdict=DROPPED', (f) => f.verdict === 'DROPPED'],
    ['verdict=REDIRECTED&limit=1000', (f) => f.verdict === 'REDIRECTED', 1000],
    ['not-verdict=FORWARDED&limit=1000', (f) => f.verdict !== 'FORWARDED', 1000],
    [
      'namespace=kube-system&limit=1000',
      (f) => f.source?.namespace === 'kube-system' || f.destination?.namespace === 'kube-system',
      1000,
    ],
    [
      'from-pod=bookinfo/productpage&limit=1000',
      (f) => f.source?.namespace === 'bookinfo' && (f.source.pod_name ?? '').startsWith('productpage'),
      1000,
    ],
    [
      'to-label=k8s:app=reviews&limit=1000',
      (f) => (f.destination?.labels ?? []).includes('k8s:app=reviews'),
      1000,
    ],
    ['protocol=udp&limit=1000', (f) => f.l4?.UDP !== undefined, 1000],
    ['port=9080&limit=1000', (f) => ports(f).includes(9080), 1000],
    ['http-status=5%2B', (f) => (f.l7?.http?.code ?? 0) >= 500 && (f.l7?.http?.code ?? 0) < 600],
    ['http-status=200&limit=1000', (f) => f.l7?.http?.code === 200, 1000],
    ['drop-reason=POLICY_DENIED', (f) => f.verdict === 'DROPPED' && f.drop_reason_desc === 'POLICY_DENIED'],
    [
      'node-name=gke-ilya-otel-demo-2-*&verdict=FORWARDED&limit=1000',
      (f) => (f.node_name ?? '').startsWith('gke-ilya-otel-demo-2-') && f.verdict === 'FORWARDED',
      1000,
    ],
    [
      'from-namespace=bookinfo&to-namespace=kube-system&protocol=udp&limit=1000',
      (f) =>
        f.source?.namespace === 'bookinfo' &&
        f.destination?.namespace === 'kube-system' &&
        f.l4?.UDP !== undefined,
      1000,
    ],
    ['to-ip=10.244.0.0/16&limit=1000', (f) => (f.IP?.destination ?? '').startsWith('10.244.'), 1000],
    [
      'since=2021-11-10T10:41:00Z&until=2021-11-10T10:42:00Z&limit=1000',
      (f) =>
        Date.parse(f.time ?? '') >= Date.parse('2021-11-10T10:41:00Z') &&
        Date.parse(f.time ?? '') < Date.parse('2021-11-10T10:42:00Z'),
      1000,
    ],
    ['limit=7', () => true, 7],
    ['', () => true, 100],
  ];

  it.each(cases)('%s', async (search, predicate, limit) => {
    const result = await query(hub, search);
    const want = expected(predicate, limit ?? 100);
    expect(want.length).toBeGreaterThan(0);
    expect(result.flows).toEqual(want);
    expect(result.backfill).toBeUndefined();
  });

  it('reports the ingest cursor and what the buffer holds', async () => {
    const result = await query(hub, 'verdict=DROPPED&since=2000-01-01T00:00:00Z');
    expect(result.cursor).toBe(FIXTURE.length);
    expect(result.retained.flows).toBe(FIXTURE.length);
    // Nanosecond order: pad every fraction to 9 digits, then the text sorts like the time.
    const ns = (t = '') => t.replace(/(\.\d+)?Z$/, (_, frac = '.') => `${frac.padEnd(10, '0')}Z`);
    const oldest = [...FIXTURE].sort((a, b) => (ns(a.time) < ns(b.time) ? -1 : 1))[0];
    expect(result.retained.oldest).toBe(oldest?.time);
  });
});

describe('parseFlowsRequest', () => {
  it.each([
    ['limit=0', /invalid limit/],
    ['limit=10001', /invalid limit "10001" \(1 to 10000\)/],
    ['verdict=MAYBE', /unknown verdict/],
    ['colour=red', /unknown filter "colour"/],
    ['since=yesterday', /since: invalid time/],
    ['cel=true', /CEL/],
  ])('%s → error', (search, message) => {
    const parsed = parseFlowsRequest(new URLSearchParams(search), NOW);
    expect('error' in parsed && parsed.error).toMatch(message);
  });

  it('defaults the limit to 100 and resolves relative times against now', () => {
    const parsed = parseFlowsRequest(new URLSearchParams('since=5m'), NOW);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.request.limit).toBe(100);
    expect(parsed.request.query.since).toBe('2023-12-31T23:55:00.000Z');
  });
});

describe('back-fill from Relay', () => {
  const at = (s: number) => new Date(Date.parse('2024-05-01T10:00:00Z') + s * 1000).toISOString();
  const mk = (i: number): Flow => ({
    time: at(i),
    uuid: `u${i}`,
    verdict: i % 3 === 0 ? 'DROPPED' : 'FORWARDED',
    node_name: 'node-a',
  });
  const all = Array.from({ length: 30 }, (_, i) => mk(i));

  function fakeRelay(calls: unknown[]): FlowBackfill {
    return async (request, maxFlows): Promise<BackfillAnswer> => {
      calls.push({ request, maxFlows });
      // Relay holds everything; it honours since/until but (like an old Hubble) ignores filters.
      const inRange = all.filter(
        (f) =>
          (request.since === undefined || (f.time ?? '') >= request.since) &&
          (request.until === undefined || (f.time ?? '') <= request.until),
      );
      return {
        flows: inRange.slice(-maxFlows).map((flow) => ({ flow, nodeName: 'node-a' })),
        lost: [{ lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '12' }, nodeName: 'node-a' }],
        discarded: Math.max(0, inRange.length - maxFlows),
        malformed: 0,
      };
    };
  }

  it('asks Relay for [since, oldest held] with the pushed-down filters and merges without duplicates', async () => {
    const hub = hubWith(all.slice(20), 10);
    const calls: { request: { since?: string; until?: string; whitelist?: unknown; number?: number } }[] = [];
    const result = await query(hub, `verdict=DROPPED&since=${at(5)}`, fakeRelay(calls));
    expect(result.flows.map((f) => f.uuid)).toEqual(['u27', 'u24', 'u21', 'u18', 'u15', 'u12', 'u9', 'u6']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.request).toMatchObject({
      since: at(5),
      until: at(20),
      number: 0,
      whitelist: [{ verdict: ['DROPPED'] }],
    });
    expect(result.backfill).toMatchObject({
      flows: 5,
      lost: [{ node: 'node-a', source: 'HUBBLE_RING_BUFFER', count: 12 }],
    });
  });

  it('does not call Relay when the buffer already reaches back far enough or the limit is met', async () => {
    const hub = hubWith(all.slice(20), 10);
    const calls: unknown[] = [];
    await query(hub, `since=${at(25)}`, fakeRelay(calls));
    await query(hub, `since=${at(0)}&limit=3`, fakeRelay(calls));
    expect(calls).toHaveLength(0);
  });

  it('keeps the local answer when Relay fails', async () => {
    const hub = hubWith(all.slice(20), 10);
    const result = await query(hub, `since=${at(0)}`, async () => {
      throw new Error('boom');
    });
    expect(result.flows).toHaveLength(10);
    expect(result.backfill?.error).toBe('boom');
  });
});
