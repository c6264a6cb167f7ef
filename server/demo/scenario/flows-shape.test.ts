import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../domain/flow';
import { flowsOf, get, scenario, T0, windowFlows } from './test-support';

const here = path.dirname(fileURLToPath(import.meta.url));
const FACTS = path.resolve(here, '../../../../shared/hubble/api-facts.md');

/** Field names of `flow.Flow` straight from the facts' machine-extracted table. */
function protoFlowFields(): Set<string> {
  const text = readFileSync(FACTS, 'utf8');
  const start = text.indexOf('#### message `flow.Flow`');
  const table = text.slice(start, text.indexOf('#### message', start + 10));
  return new Set([...table.matchAll(/^\| \d+ \| `([A-Za-z0-9_]+)` \|/gm)].map((m) => m[1] ?? ''));
}

const s = scenario();
const flows = flowsOf(windowFlows(s, 0, 120, 400));
const ports = (f: Flow) => f.l4?.TCP ?? f.l4?.UDP;

describe('flow shape', () => {
  it('uses only field names of flow.Flow (proto names, as Hubble prints them)', () => {
    const known = protoFlowFields();
    expect(known.size).toBeGreaterThan(40);
    const unknown = new Set(flows.flatMap((f) => Object.keys(f).filter((k) => !known.has(k))));
    expect([...unknown]).toEqual([]);
  });

  it('mirrors requests in replies: swapped IPs and ports, is_reply and reply set', () => {
    const requests = new Set(
      flows
        .filter((f) => f.is_reply === false)
        .map(
          (f) =>
            `${f.IP?.source}>${f.IP?.destination}:${ports(f)?.source_port}>${ports(f)?.destination_port}`,
        ),
    );
    const replies = flows.filter((f) => f.is_reply === true && ports(f));
    expect(replies.length).toBeGreaterThan(200);
    let matched = 0;
    for (const r of replies) {
      expect(r.reply).toBe(true);
      const key = `${r.IP?.destination}>${r.IP?.source}:${ports(r)?.destination_port}>${ports(r)?.source_port}`;
      if (requests.has(key)) matched++;
    }
    // Pooled connections show replies whose request packet fell before the window.
    expect(matched / replies.length).toBeGreaterThan(0.9);
    // Direction of the handshake: the SYN is the request, the SYN-ACK the reply.
    const handshake = flows.filter((f) => f.l4?.TCP?.flags?.SYN && f.is_reply !== undefined);
    expect(handshake.length).toBeGreaterThan(50);
    for (const f of handshake) expect(f.is_reply, f.Summary).toBe(f.l4?.TCP?.flags?.ACK === true);
  });

  it('follows the observation-point rules of real captures', () => {
    const traces = flows.filter((f) => f.event_type?.type === 4);
    const points = new Set(traces.map((f) => f.trace_observation_point));
    expect(points).toEqual(new Set(['TO_ENDPOINT', 'TO_STACK', 'TO_OVERLAY', 'TO_PROXY']));
    // Collect violations and assert once: thousands of expect() calls are slow.
    const problems: string[] = [];
    for (const f of traces) {
      const p = f.trace_observation_point;
      if (p === 'TO_OVERLAY') {
        if (f.traffic_direction !== undefined || f.is_reply !== undefined)
          problems.push(`overlay with direction: ${f.uuid}`);
        if (f.event_type?.sub_type !== 4) problems.push(`overlay sub_type: ${f.uuid}`);
      } else {
        if (f.traffic_direction !== 'INGRESS' && f.traffic_direction !== 'EGRESS')
          problems.push(`no direction: ${f.uuid}`);
        if (typeof f.is_reply !== 'boolean') problems.push(`no is_reply: ${f.uuid}`);
      }
      if (p === 'TO_ENDPOINT' && f.event_type?.sub_type !== undefined)
        problems.push(`to-endpoint sub_type: ${f.uuid}`);
      if (f.Type !== 'L3_L4' || f.verdict !== 'FORWARDED') problems.push(`type/verdict: ${f.uuid}`);
      if (!['NEW', 'ESTABLISHED', 'REPLY'].includes(f.trace_reason ?? ''))
        problems.push(`trace_reason: ${f.uuid}`);
    }
    expect(problems).toEqual([]);
    const tcpSummaries = new Set(traces.filter((f) => f.l4?.TCP).map((f) => f.Summary));
    expect(tcpSummaries).toEqual(
      new Set([
        'TCP Flags: SYN',
        'TCP Flags: SYN, ACK',
        'TCP Flags: ACK',
        'TCP Flags: ACK, PSH',
        'TCP Flags: ACK, FIN',
      ]),
    );
  });

  it('pairs HTTP requests with responses that carry a code and latency', () => {
    const http = flows.filter((f) => f.l7?.http);
    const req = http.filter((f) => f.l7?.type === 'REQUEST');
    const resp = http.filter((f) => f.l7?.type === 'RESPONSE');
    expect(req.length).toBeGreaterThan(50);
    expect(Math.abs(req.length - resp.length)).toBeLessThanOrEqual(2);
    for (const f of resp) {
      expect(f.Type).toBe('L7');
      expect(f.event_type).toEqual({ type: 129 });
      expect(f.is_reply).toBe(true);
      expect(f.l7?.latency_ns).toMatch(/^\d+$/);
      expect(f.l7?.http?.code).toBeGreaterThanOrEqual(200);
      const ms = Math.floor(Number(f.l7?.latency_ns) / 1e6);
      expect(f.Summary).toBe(
        `${f.l7?.http?.protocol} ${f.l7?.http?.code} ${ms}ms (${f.l7?.http?.method} ${f.l7?.http?.url})`,
      );
    }
    for (const f of req)
      expect(f.Summary).toBe(`${f.l7?.http?.protocol} ${f.l7?.http?.method} ${f.l7?.http?.url}`);
    const grpc = req.find((f) => f.l7?.http?.protocol === 'HTTP/2');
    expect(grpc?.l7?.http?.url).toContain('/payments.v1.Payments/');
    expect(grpc?.l7?.http?.headers).toContainEqual({ key: 'content-type', value: 'application/grpc' });
    expect(grpc?.destination?.workloads?.[0]).toEqual({ name: 'payments', kind: 'Deployment' });
  });

  it('answers DNS through the proxy, with NXDOMAIN for search-path expansions', () => {
    const dns = flows.filter((f) => f.l7?.dns);
    const answers = dns.filter((f) => f.l7?.type === 'RESPONSE');
    expect(answers.length).toBeGreaterThan(20);
    for (const f of dns) {
      expect(f.l7?.dns?.observation_source).toBe('proxy');
      expect(f.l7?.dns?.qtypes).toEqual(['A']);
      expect(f.destination_service ?? f.source_service).toEqual({
        name: 'kube-dns',
        namespace: 'kube-system',
      });
      expect(f.l4?.UDP).toBeDefined();
    }
    const nx = answers.filter((f) => f.l7?.dns?.rcode === 3);
    expect(nx.length).toBeGreaterThan(0);
    expect(nx.some((f) => f.l7?.dns?.query === 'api.stripe.com.shop.svc.cluster.local.')).toBe(true);
    for (const f of nx)
      expect(f.Summary).toMatch(/^DNS Answer RCode: Non-Existent Domain TTL: \d+ \(Proxy \S+ A\)$/);
    const ok = answers.find((f) => f.l7?.dns?.query === 'api.stripe.com.');
    expect(ok?.l7?.dns?.ips?.length).toBeGreaterThan(0);
    expect(ok?.l7?.dns?.rrtypes).toEqual(['A']);
  });

  it('sends internet egress to reserved:world with the learnt FQDN', () => {
    const egress = flows.filter((f) => f.destination?.identity === 2 && f.destination_names);
    const names = new Set(egress.flatMap((f) => f.destination_names ?? []));
    for (const n of ['api.stripe.com', 's3.amazonaws.com', 'github.com']) expect(names).toContain(n);
    for (const f of egress) expect(f.destination?.labels).toEqual(['reserved:world']);
  });

  it('shows the reserved identities: host probes, remote-node and health, apiserver, ingress', () => {
    const ids = new Set(flows.flatMap((f) => [f.source?.identity, f.destination?.identity]));
    for (const id of [1, 2, 4, 6, 7, 8]) expect(ids, String(id)).toContain(id);
    const icmp = flows.filter((f) => f.l4?.ICMPv4);
    expect(
      icmp.some(
        (f) =>
          f.source?.labels?.includes('reserved:remote-node') &&
          f.destination?.labels?.includes('reserved:health'),
      ),
    ).toBe(true);
    const apiserver = flows.find((f) => f.destination?.labels?.includes('reserved:kube-apiserver'));
    expect(apiserver?.destination_service).toEqual({ name: 'kubernetes', namespace: 'default' });
  });

  it('labels endpoints the way Hubble does, with stable identities per label set', () => {
    const byIdentity = new Map<number, string>();
    const problems: string[] = [];
    for (const f of flows) {
      for (const ep of [f.source, f.destination]) {
        if (!ep?.pod_name || ep.identity === undefined) continue;
        const labels = ep.labels ?? [];
        const key = labels.join(',');
        if (key !== [...labels].sort().join(',')) problems.push(`unsorted ${ep.pod_name}`);
        if (!labels.includes(`k8s:io.kubernetes.pod.namespace=${ep.namespace}`))
          problems.push(`namespace ${ep.pod_name}`);
        if (!labels.includes('k8s:io.cilium.k8s.policy.cluster=default'))
          problems.push(`cluster ${ep.pod_name}`);
        if (!labels.some((l) => l.startsWith('k8s:io.cilium.k8s.policy.serviceaccount=')))
          problems.push(`sa ${ep.pod_name}`);
        if (labels.some((l) => l.startsWith('k8s:pod-template-hash')))
          problems.push(`hash label ${ep.pod_name}`);
        if ((byIdentity.get(ep.identity) ?? key) !== key) problems.push(`identity ${ep.identity} reused`);
        if (ep.identity < 256) problems.push(`reserved-range identity ${ep.pod_name}`);
        byIdentity.set(ep.identity, key);
      }
    }
    expect(problems).toEqual([]);
    expect(byIdentity.size).toBeGreaterThan(15);
  });

  it('agrees with the CiliumEndpoints and Pods of the object set', () => {
    const objects = s.objectsAt(T0 + 60_000);
    const ceps = new Map(
      objects
        .filter((o) => o.kind === 'CiliumEndpoint')
        .map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]),
    );
    const podIps = new Map(
      objects
        .filter((o) => o.kind === 'Pod')
        .map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, get(o, 'status', 'podIP')]),
    );
    let checked = 0;
    for (const f of flowsOf(s.flowsBetween(T0 + 60_000, T0 + 62_000, 1000))) {
      for (const [ep, ip] of [
        [f.source, f.IP?.source],
        [f.destination, f.IP?.destination],
      ] as const) {
        if (!ep?.pod_name || f.IP?.ipVersion !== 'IPv4') continue;
        const key = `${ep.namespace}/${ep.pod_name}`;
        const cep = ceps.get(key);
        expect(get(cep, 'status', 'id'), key).toBe(ep.ID);
        expect(get(cep, 'status', 'identity', 'id')).toBe(ep.identity);
        expect(get(cep, 'status', 'identity', 'labels')).toEqual(ep.labels);
        expect(podIps.get(key)).toBe(ip);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('node names and outages', () => {
  it('prefixes node names with the cluster name unless it is default', () => {
    const plain = flowsOf(scenario().flowsBetween(T0, T0 + 2000, 500));
    expect(new Set(plain.map((f) => f.node_name))).toContain('talos-worker-1');
    const named = scenario({ clusterName: 'prod-eu' });
    const nf = flowsOf(named.flowsBetween(T0, T0 + 2000, 500));
    expect(nf.every((f) => f.node_name?.startsWith('prod-eu/'))).toBe(true);
    const ep = nf.find((f) => f.source?.pod_name)?.source;
    expect(ep?.cluster_name).toBe('prod-eu');
    expect(ep?.labels).toContain('k8s:io.cilium.k8s.policy.cluster=prod-eu');
    expect(named.hubbleNodesAt(T0).map((n) => n.name)).toContain('prod-eu/nixos-worker-2');
  });

  it('stops traffic of pods on the node while it is down', () => {
    const s2 = scenario();
    const down = flowsOf(windowFlows(s2, 155, 265, 200));
    expect(down.length).toBeGreaterThan(1000);
    for (const f of down) {
      expect(f.node_name).not.toBe('nixos-worker-2');
      expect(f.IP?.source?.startsWith('10.0.3.')).toBe(false);
      expect(f.IP?.destination?.startsWith('10.0.3.')).toBe(false);
    }
    const upAgain = flowsOf(windowFlows(s2, 275, 300, 200));
    expect(upAgain.some((f) => f.node_name === 'nixos-worker-2')).toBe(true);
  });
});
