import { describe, expect, it } from 'vitest';
import type { Flow, FlowEvent } from '../../domain/flow';
import { parseFlowJsonLine } from './flow-from-json';
import { FLOW_FIXTURE_LINE_COUNTS, fixtureLine, fixtureLines, flowFixtureFiles } from './test-fixtures';

function parseOk(line: string): FlowEvent {
  const result = parseFlowJsonLine(line);
  if ('error' in result) throw new Error(`unexpected parse error: ${result.error}`);
  return result.event;
}

function flowOf(line: string): Flow {
  const event = parseOk(line);
  if (event.kind !== 'flow') throw new Error(`expected a flow event, got ${event.kind}`);
  return event.flow;
}

const OTEL = 'cilium-hubble-otel';

describe('parseFlowJsonLine on every fixture line', () => {
  it('finds every fixture file listed in the README', () => {
    expect(flowFixtureFiles()).toEqual(Object.keys(FLOW_FIXTURE_LINE_COUNTS).sort());
  });

  for (const [file, count] of Object.entries(FLOW_FIXTURE_LINE_COUNTS)) {
    it(`parses all ${count} lines of ${file}`, () => {
      const lines = fixtureLines(file);
      expect(lines).toHaveLength(count);
      const errors = lines
        .map((line, i) => ({ i, result: parseFlowJsonLine(line) }))
        .filter(({ result }) => 'error' in result);
      expect(errors).toEqual([]);
    });
  }

  it('reproduces each fixture flow object exactly (fixtures are canonical protojson)', () => {
    for (const file of Object.keys(FLOW_FIXTURE_LINE_COUNTS)) {
      for (const line of fixtureLines(file)) {
        const raw = JSON.parse(line) as { flow: unknown; node_name: string; time: string };
        const event = parseOk(line);
        expect(event).toEqual({ kind: 'flow', flow: raw.flow, nodeName: raw.node_name, time: raw.time });
      }
    }
  });

  it('matches the README statistics', () => {
    const count = (file: string, pred: (f: Flow) => boolean) =>
      fixtureLines(`${OTEL}/${file}`).map(flowOf).filter(pred).length;
    expect(count('basic-sample-400-tcp-flows.json', (f) => f.verdict === 'FORWARDED')).toBe(373);
    expect(count('basic-sample-400-tcp-flows.json', (f) => f.verdict === 'REDIRECTED')).toBe(27);
    expect(count('basic-sample-400-tcp-flows.json', (f) => f.l7?.type === 'REQUEST' && !!f.l7.http)).toBe(33);
    expect(count('basic-sample-400-tcp-flows.json', (f) => f.l7?.type === 'RESPONSE' && !!f.l7.http)).toBe(
      32,
    );
    expect(count('basic-sample-400-udp-flows.json', (f) => f.verdict === 'FORWARDED')).toBe(370);
    expect(count('basic-sample-400-udp-flows.json', (f) => f.verdict === 'REDIRECTED')).toBe(30);
    expect(count('basic-sample-400-udp-flows.json', (f) => f.l7?.type === 'REQUEST' && !!f.l7.dns)).toBe(74);
    expect(count('basic-sample-400-udp-flows.json', (f) => f.l7?.type === 'RESPONSE' && !!f.l7.dns)).toBe(74);
    expect(count('basic-sample-330-dns-flows.json', (f) => f.l7?.type === 'REQUEST')).toBe(165);
    expect(count('basic-sample-330-dns-flows.json', (f) => f.l7?.type === 'RESPONSE')).toBe(165);
    expect(count('basic-sample-330-dns-flows.json', (f) => f.l7?.dns?.rcode === 3)).toBe(102);
    const nodes = new Set(
      fixtureLines(`${OTEL}/basic-sample-330-dns-flows.json`).map((l) => flowOf(l).node_name),
    );
    expect(nodes.size).toBe(4);
  });
});

describe('parseFlowJsonLine field by field on samples', () => {
  it('TCP trace with deprecated reply and no is_reply', () => {
    const node = 'gke-ilya-otel-demo-1-ilya-otel-demo-1-6114bb84-zr1l';
    expect(parseOk(fixtureLine(`${OTEL}/basic-sample-10-flows.json`, 1))).toEqual({
      kind: 'flow',
      nodeName: node,
      time: '2021-06-16T16:52:13.136834446Z',
      flow: {
        time: '2021-06-16T16:52:13.136834446Z',
        verdict: 'FORWARDED',
        ethernet: { source: '46:e5:ea:1f:95:ff', destination: 'd6:ec:b0:4a:ff:46' },
        IP: { source: '10.0.2.16', destination: '10.0.2.1', ipVersion: 'IPv4' },
        l4: { TCP: { source_port: 15020, destination_port: 42044, flags: { FIN: true, ACK: true } } },
        source: {
          ID: 1231,
          identity: 25339,
          namespace: 'bookinfo',
          labels: [
            'k8s:app=reviews',
            'k8s:io.cilium.k8s.namespace.labels.istio-injection=enabled',
            'k8s:io.cilium.k8s.policy.cluster=default',
            'k8s:io.cilium.k8s.policy.serviceaccount=bookinfo-reviews',
            'k8s:io.kubernetes.pod.namespace=bookinfo',
            'k8s:security.istio.io/tlsMode=istio',
            'k8s:version=v1',
          ],
          pod_name: 'reviews-v1-545db77b95-s6jb8',
        },
        destination: { identity: 1, labels: ['reserved:host'] },
        Type: 'L3_L4',
        node_name: node,
        reply: true,
        event_type: { type: 4, sub_type: 3 },
        traffic_direction: 'INGRESS',
        trace_observation_point: 'TO_STACK',
        Summary: 'TCP Flags: ACK, FIN',
      },
    });
  });

  it('DNS response: rcode, ttl, qtypes, reply and is_reply both set', () => {
    const flow = flowOf(fixtureLine(`${OTEL}/basic-sample-330-dns-flows.json`, 2));
    expect(flow.time).toBe('2021-10-04T11:22:26.593860659Z');
    expect(flow.Type).toBe('L7');
    expect(flow.l4).toEqual({ TCP: { source_port: 53, destination_port: 59102 } });
    expect(flow.source).toMatchObject({ ID: 415, identity: 796, pod_name: 'kube-dns-b4f5c58c7-vnx5s' });
    expect(flow.destination?.labels).toContain('k8s:k8s-app=node-local-dns');
    expect(flow.l7).toEqual({
      type: 'RESPONSE',
      dns: {
        query: 'istiod-istio-1611.istio-system.svc.istio-system.svc.cluster.local.',
        ttl: 4294967295,
        observation_source: 'proxy',
        rcode: 3,
        qtypes: ['A'],
      },
    });
    expect(flow.reply).toBe(true);
    expect(flow.is_reply).toBe(true);
    expect(flow.event_type).toEqual({ type: 129 });
    expect(flow.traffic_direction).toBe('EGRESS');
    expect(flow.trace_observation_point).toBeUndefined();
    expect(flow.Summary).toBe(
      'DNS Answer RCode: Non-Existent Domain TTL: 4294967295 (Proxy istiod-istio-1611.istio-system.svc.istio-system.svc.cluster.local. A)',
    );
  });

  it('DNS answer with ips and rrtypes', () => {
    const flow = flowOf(fixtureLine(`${OTEL}/basic-sample-330-dns-flows.json`, 6));
    expect(flow.l7?.dns).toEqual({
      query: 'istiod-istio-1611.istio-system.svc.cluster.local.',
      ips: ['10.160.0.203'],
      ttl: 30,
      observation_source: 'proxy',
      qtypes: ['A'],
      rrtypes: ['A'],
    });
  });

  it('HTTP request with headers, and a response with code and latency_ns', () => {
    const req = flowOf(fixtureLine(`${OTEL}/basic-sample-5-http-flows.json`, 1));
    expect(req.is_reply).toBe(false);
    expect(req.destination).toEqual({ identity: 2, labels: ['reserved:world'] });
    expect(req.l7).toEqual({
      type: 'REQUEST',
      http: {
        method: 'GET',
        url: 'http://10.128.0.4:9990/metrics',
        protocol: 'HTTP/1.1',
        headers: [
          {
            key: 'Accept',
            value: 'application/openmetrics-text; version=0.0.1,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
          },
          { key: 'Accept-Encoding', value: 'gzip' },
          { key: 'User-Agent', value: 'Prometheus/2.15.1' },
          { key: 'X-Prometheus-Scrape-Timeout-Seconds', value: '10.000000' },
          { key: 'X-Request-Id', value: '49116c2c-3017-4237-97e7-1ff4e16bfe28' },
        ],
      },
    });
    const resp = flowOf(fixtureLine(`${OTEL}/basic-sample-5-http-flows.json`, 4));
    expect(resp.time).toBe('2021-10-04T14:28:40.808318870Z');
    expect(resp.l7?.type).toBe('RESPONSE');
    expect(resp.l7?.latency_ns).toBe('999958359');
    expect(resp.l7?.http?.code).toBe(503);
    expect(resp.source).toEqual({
      identity: 2,
      namespace: 'kube-system',
      labels: ['reserved:world'],
      pod_name: 'node-local-dns-r99x7',
    });
    expect(resp.Summary).toBe('HTTP/1.1 503 999ms (GET http://10.156.1.2:9253/metrics)');
  });

  it('ICMPv4: interface, echo reply as empty ICMPv4, 6-digit time, TO_OVERLAY without direction', () => {
    const file = `${OTEL}/basic-sample-400-icmpv4-flows.json`;
    const request = flowOf(fixtureLine(file, 1));
    expect(request.l4).toEqual({ ICMPv4: { type: 8 } });
    expect(request.interface).toEqual({ index: 10, name: 'lxc_health' });
    expect(request.destination).toEqual({ ID: 132, identity: 4, labels: ['reserved:health'] });
    expect(request.event_type).toEqual({ type: 4 });
    expect(request.trace_observation_point).toBe('TO_ENDPOINT');
    expect(request.is_reply).toBe(false);
    expect(request.reply).toBeUndefined();
    const reply = parseOk(fixtureLine(file, 2));
    expect(reply.time).toBe('2021-11-10T10:41:26.095357Z');
    expect(reply.kind === 'flow' && reply.flow.l4).toEqual({ ICMPv4: {} });
    const overlay = flowOf(fixtureLine(file, 3));
    expect(overlay.trace_observation_point).toBe('TO_OVERLAY');
    expect(overlay.traffic_direction).toBeUndefined();
    expect(overlay.is_reply).toBeUndefined();
    expect(overlay.interface).toEqual({ index: 6, name: 'cilium_vxlan' });
    expect(overlay.source).toEqual({ identity: 6, labels: ['reserved:remote-node'] });
  });

  it('UDP policy verdict event with policy_match_type', () => {
    const flow = flowOf(fixtureLine(`${OTEL}/basic-sample-400-udp-flows.json`, 1));
    expect(flow.verdict).toBe('REDIRECTED');
    expect(flow.l4).toEqual({ UDP: { source_port: 54314, destination_port: 53 } });
    expect(flow.event_type).toEqual({ type: 5 });
    expect(flow.policy_match_type).toBe(2);
    expect(flow.destination?.ID).toBeUndefined();
    expect(flow.destination?.pod_name).toBe('coredns-558bd4d5db-w2m67');
    expect(flow.Summary).toBe('UDP');
  });

  it('field-masked drops: drop_reason_desc, ICMPv6, empty endpoints kept as {}', () => {
    const file = 'cilium-docs-export/export-rst-dropped-fieldmasked.json';
    expect(parseOk(fixtureLine(file, 1))).toEqual({
      kind: 'flow',
      nodeName: 'kind-kind/kind-worker',
      time: '2023-08-21T12:12:13.517394084Z',
      flow: {
        time: '2023-08-21T12:12:13.517394084Z',
        verdict: 'DROPPED',
        IP: { source: 'fe80::64d8:8aff:fe72:fc14', destination: 'ff02::2', ipVersion: 'IPv6' },
        l4: { ICMPv6: { type: 133 } },
        source: {},
        destination: {},
        node_name: 'kind-kind/kind-worker',
        drop_reason_desc: 'INVALID_SOURCE_IP',
      },
    });
    const denied = flowOf(fixtureLine(file, 2));
    expect(denied.drop_reason_desc).toBe('POLICY_DENIED');
    expect(denied.l4).toEqual({ TCP: { source_port: 44916, destination_port: 80, flags: { SYN: true } } });
    expect(denied.source).toEqual({ namespace: 'default', pod_name: 'xwing' });
  });
});
