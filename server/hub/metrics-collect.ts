// What GET /metrics reports: the hub's counters and sizes, the runtime instruments and the process.
import { serviceMapStats } from '../domain/service-map';
import type { Hub } from './hub';
import { histogramSamples, type MetricFamily, type Sample } from './metrics-text';

export interface KubeStatusFeed {
  status(): readonly { readonly resource: string; readonly state: string; readonly objects: number }[];
}

export interface MetricsInput {
  readonly hub: Hub;
  readonly cluster?: KubeStatusFeed;
  readonly process: {
    readonly rssBytes: number;
    readonly heapUsedBytes: number;
    readonly startedAtMs: number;
  };
}

/** Labelled lost-event series kept; the rest is summed into node="(other)" so Relay cannot blow it up. */
const MAX_LOST_SERIES = 100;

const counter = (name: string, help: string, value: number): MetricFamily => ({
  name,
  help,
  type: 'counter',
  samples: [{ value }],
});
const gauge = (name: string, help: string, samples: readonly Sample[]): MetricFamily => ({
  name,
  help,
  type: 'gauge',
  samples,
});

function lostSeries(hub: Hub): Sample[] {
  const samples: Sample[] = [];
  let other = 0;
  for (const record of hub.lost.values()) {
    if (samples.length < MAX_LOST_SERIES) {
      samples.push({ labels: { node: record.node, source: record.source }, value: record.count });
    } else {
      other += record.count;
    }
  }
  if (other > 0) samples.push({ labels: { node: '(other)', source: '(other)' }, value: other });
  return samples;
}

export function collectMetrics(input: MetricsInput): MetricFamily[] {
  const { hub } = input;
  const metrics = hub.metrics;
  const map = serviceMapStats(hub.maps.state);
  const lag = metrics.loopLag();
  const families: MetricFamily[] = [
    counter('skymap_flows_received_total', 'Flows received from Hubble Relay.', hub.counters.flowsReceived),
    counter(
      'skymap_decode_errors_total',
      'Relay messages that could not be decoded (malformed protobuf); counted and skipped.',
      hub.counters.malformed,
    ),
    counter(
      'skymap_lost_events_total',
      'Events Hubble reported as lost (lost_events: ring buffer overflow, slow reader).',
      hub.counters.lostEvents,
    ),
    {
      name: 'skymap_node_lost_events_total',
      help: 'Lost events by reporting node and source.',
      type: 'counter',
      samples: lostSeries(hub),
    },
    counter(
      'skymap_node_status_events_total',
      'node_status events received from Relay.',
      hub.counters.nodeStatusEvents,
    ),
    counter(
      'skymap_relay_reconnects_total',
      'Reconnects of the Relay GetFlows stream.',
      hub.relay.reconnects,
    ),
    gauge('skymap_relay_connected', '1 while the Relay GetFlows stream is connected.', [
      { value: hub.relay.state === 'connected' ? 1 : 0 },
    ]),
    gauge('skymap_sse_clients', 'Open Server-Sent Events streams.', [{ value: metrics.sseClients }]),
    counter(
      'skymap_sse_connections_total',
      'Server-Sent Events streams opened.',
      metrics.sseConnectionsTotal,
    ),
    {
      name: 'skymap_tick_duration_seconds',
      help: 'Time one hub tick takes (views rebuilt, diffs published).',
      type: 'histogram',
      samples: histogramSamples(metrics.tickSeconds.snapshot()),
    },
    {
      name: 'skymap_event_loop_lag_seconds',
      help: 'Event-loop delay beyond the 10 ms sampling interval; quantiles over the last minute.',
      type: 'summary',
      samples: [
        { labels: { quantile: '0.5' }, value: lag.p50 },
        { labels: { quantile: '0.9' }, value: lag.p90 },
        { labels: { quantile: '0.99' }, value: lag.p99 },
        { suffix: '_sum', value: lag.sum },
        { suffix: '_count', value: lag.count },
      ],
    },
    gauge('skymap_event_loop_lag_max_seconds', 'Largest event-loop delay in the last minute.', [
      { value: lag.max },
    ]),
    gauge('skymap_map_nodes', 'Nodes in the live service map.', [{ value: map.nodes }]),
    gauge('skymap_map_edges', 'Edges in the live service map.', [{ value: map.edges }]),
    gauge('skymap_flow_history', 'Flows kept in memory for the flow tail and explorer.', [
      { value: hub.flows.size },
    ]),
  ];
  if (input.cluster) {
    const status = input.cluster.status();
    families.push(
      gauge(
        'skymap_kube_resource_synced',
        '1 when the resource finished its list (or is not installed), per watched resource.',
        status.map((s) => ({
          labels: { resource: s.resource, state: s.state },
          value: s.state === 'synced' || s.state === 'not-installed' ? 1 : 0,
        })),
      ),
      gauge(
        'skymap_kube_objects',
        'Objects held per watched resource.',
        status.map((s) => ({ labels: { resource: s.resource }, value: s.objects })),
      ),
    );
  }
  families.push(
    gauge('process_resident_memory_bytes', 'Resident set size of the Skymap process.', [
      { value: input.process.rssBytes },
    ]),
    gauge('nodejs_heap_used_bytes', 'V8 heap in use.', [{ value: input.process.heapUsedBytes }]),
    gauge('process_start_time_seconds', 'Start time of the Skymap runtime, Unix seconds.', [
      { value: Math.floor(input.process.startedAtMs / 1000) },
    ]),
  );
  return families;
}
