import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../domain/flow';
import { Hub } from './hub';
import { Histogram, RuntimeMetrics } from './metrics';
import { collectMetrics } from './metrics-collect';
import { escapeLabelValue, histogramSamples, renderPrometheus } from './metrics-text';
import { ReadinessLatch, readiness } from './readiness';

function hub(): Hub {
  return new Hub({ flowHistory: 100, now: () => Date.parse('2025-01-01T00:00:00Z') });
}

function flow(uuid: string): FlowEvent {
  return {
    kind: 'flow',
    flow: {
      uuid,
      time: '2025-01-01T00:00:00Z',
      verdict: 'FORWARDED',
      source: { namespace: 'shop', pod_name: 'web-1' },
      destination: { namespace: 'shop', pod_name: 'api-1' },
      l4: { TCP: { destination_port: 80 } },
    },
  };
}

/** Parses the exposition text into `name{labels}` → value, checking every line is well-formed. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})?) (\S+)$/.exec(
        line,
      );
    if (!match) throw new Error(`malformed exposition line: ${JSON.stringify(line)}`);
    out.set(match[1]!, Number(match[2]));
  }
  return out;
}

describe('Prometheus text', () => {
  it('escapes backslash, quote and newline in label values and bounds their length', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('x'.repeat(70_000)).length).toBeLessThan(300);
  });

  it('renders a histogram with cumulative buckets, +Inf, sum and count', () => {
    const h = new Histogram([0.01, 0.1, 1]);
    for (const v of [0.005, 0.05, 0.05, 0.5, 3]) h.observe(v);
    const text = renderPrometheus([
      {
        name: 't_seconds',
        help: 'help with \\ and\nnewline',
        type: 'histogram',
        samples: histogramSamples(h.snapshot()),
      },
    ]);
    expect(text).toContain('# HELP t_seconds help with \\\\ and\\nnewline\n');
    const values = parse(text);
    expect(values.get('t_seconds_bucket{le="0.01"}')).toBe(1);
    expect(values.get('t_seconds_bucket{le="0.1"}')).toBe(3);
    expect(values.get('t_seconds_bucket{le="1"}')).toBe(4);
    expect(values.get('t_seconds_bucket{le="+Inf"}')).toBe(5);
    expect(values.get('t_seconds_count')).toBe(5);
    expect(values.get('t_seconds_sum')).toBeCloseTo(3.605);
  });
});

describe('collectMetrics', () => {
  it('reports hub counters, relay state, SSE clients, map size and hostile label values safely', () => {
    const h = hub();
    h.ingest([flow('a'), flow('b'), flow('c')]);
    h.countMalformed(2);
    h.ingest([
      {
        kind: 'lost',
        nodeName: 'node"}\n# TYPE evil counter\nevil 1',
        lost: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: '7' },
      },
    ]);
    h.setRelayStatus({ state: 'connected', address: '127.0.0.1:4245', reconnects: 3, demo: false });
    h.metrics.sse.opened();
    h.metrics.sse.opened();
    h.metrics.sse.closed();
    h.metrics.timeTick(() => h.tick());
    const text = renderPrometheus(
      collectMetrics({
        hub: h,
        cluster: {
          status: () => [
            { resource: 'v1/nodes', state: 'synced', objects: 3 },
            { resource: 'cert-manager.io/v1/certificates', state: 'error', objects: 0 },
          ],
        },
        process: { rssBytes: 123_456, heapUsedBytes: 1000, startedAtMs: 1_700_000_000_000 },
      }),
    );
    h.metrics.stop();
    const v = parse(text);
    expect(v.get('skymap_flows_received_total')).toBe(3);
    expect(v.get('skymap_decode_errors_total')).toBe(2);
    expect(v.get('skymap_lost_events_total')).toBe(7);
    expect(v.get('skymap_relay_reconnects_total')).toBe(3);
    expect(v.get('skymap_relay_connected')).toBe(1);
    expect(v.get('skymap_sse_clients')).toBe(1);
    expect(v.get('skymap_sse_connections_total')).toBe(2);
    expect(v.get('skymap_tick_duration_seconds_count')).toBe(1);
    expect(v.get('skymap_map_nodes')).toBeGreaterThanOrEqual(2);
    expect(v.get('skymap_map_edges')).toBeGreaterThanOrEqual(1);
    expect(v.get('process_resident_memory_bytes')).toBe(123_456);
    expect(v.get('skymap_kube_resource_synced{resource="v1/nodes",state="synced"}')).toBe(1);
    expect(
      v.get('skymap_kube_resource_synced{resource="cert-manager.io/v1/certificates",state="error"}'),
    ).toBe(0);
    expect(v.has('skymap_event_loop_lag_seconds{quantile="0.99"}')).toBe(true);
    // The hostile node name stays inside its label value: no injected family or sample.
    expect(text).not.toMatch(/^evil /m);
    expect(text).not.toMatch(/^# TYPE evil/m);
    expect(
      v.get(
        'skymap_node_lost_events_total{node="node\\"}\\n# TYPE evil counter\\nevil 1",source="PERF_EVENT_RING_BUFFER"}',
      ),
    ).toBe(7);
  });

  it('reports the relay as disconnected and event-loop lag as non-negative seconds', async () => {
    const h = hub();
    h.setRelayStatus({ state: 'unavailable', reconnects: 0, demo: false });
    const metrics = new RuntimeMetrics();
    metrics.startLoopMonitor();
    await new Promise((r) => setTimeout(r, 60));
    const lag = metrics.loopLag();
    metrics.stop();
    expect(lag.count).toBeGreaterThan(0);
    expect(lag.p99).toBeGreaterThanOrEqual(0);
    expect(lag.p99).toBeLessThan(10);
    const v = parse(
      renderPrometheus(
        collectMetrics({ hub: h, process: { rssBytes: 1, heapUsedBytes: 1, startedAtMs: 0 } }),
      ),
    );
    expect(v.get('skymap_relay_connected')).toBe(0);
    expect(v.has('skymap_kube_objects')).toBe(false);
  });
});

describe('readiness', () => {
  const relay = { state: 'connected', address: 'r:80', reconnects: 0, demo: false } as const;
  const cluster = (synced: boolean) => ({
    synced: () => synced,
    status: () => [
      { resource: 'v1/nodes', state: synced ? 'synced' : 'syncing' },
      { resource: 'longhorn.io/v1beta2/volumes', state: 'not-installed' },
      { resource: 'v1/pods', state: synced ? 'synced' : 'error', lastError: 'v1/pods: 403 Forbidden' },
    ],
  });

  it('is ready when Relay is connected and informers synced, or when neither is configured', () => {
    expect(
      readiness({ relay, relayExpected: true, kubeExpected: true, cluster: cluster(true) }),
    ).toMatchObject({
      ready: true,
      notReady: [],
    });
    const none = { state: 'not-configured', reconnects: 0, demo: false } as const;
    expect(readiness({ relay: none, relayExpected: false, kubeExpected: false }).ready).toBe(true);
  });

  it('says what is not ready', () => {
    const down = { ...relay, state: 'unavailable', lastError: 'UNAVAILABLE: connect ECONNREFUSED' } as const;
    const r = readiness({ relay: down, relayExpected: true, kubeExpected: true, cluster: cluster(false) });
    expect(r.ready).toBe(false);
    expect(r.notReady).toEqual([
      'Hubble Relay at r:80 is unavailable: UNAVAILABLE: connect ECONNREFUSED',
      'Kubernetes resources not synced yet: v1/nodes (syncing), v1/pods (error)',
    ]);
    expect(r.kubernetes.pending).toEqual([
      { resource: 'v1/nodes', state: 'syncing' },
      { resource: 'v1/pods', state: 'error', lastError: 'v1/pods: 403 Forbidden' },
    ]);
    expect(readiness({ relay, relayExpected: true, kubeExpected: true }).notReady).toEqual([
      'Kubernetes watchers have not started yet',
    ]);
  });

  it('latched: 503 until ready once, then 200 through an outage; strict answers follow the state', () => {
    const latch = new ReadinessLatch();
    const down = readiness({
      relay: { ...relay, state: 'unavailable' },
      relayExpected: true,
      kubeExpected: false,
    });
    const up = readiness({ relay, relayExpected: true, kubeExpected: false });
    expect(latch.status(down, true)).toBe(503);
    expect(latch.status(down, false)).toBe(503);
    expect(latch.status(up, false)).toBe(200);
    expect(latch.status(down, true)).toBe(200);
    expect(latch.status(down, false)).toBe(503);
  });
});
