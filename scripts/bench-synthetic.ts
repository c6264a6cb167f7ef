// A synthetic service map of an exact size for the fan-out and browser benchmarks: `nodes`
// workloads (Deployments with 3 pods each, spread over namespaces) joined by `edges` distinct
// client→server TCP edges. edgeFlow() makes a Hubble-shaped flow on one edge, so feeding flows for
// k distinct edges per tick changes exactly those k edges (and their end nodes) in the map.

import type { Endpoint, FlowEvent } from '../server/domain/flow';

export interface Workload {
  readonly namespace: string;
  readonly name: string;
  readonly pods: readonly Endpoint[];
}

export interface Topology {
  readonly workloads: readonly Workload[];
  /** [client workload, server workload, server port] */
  readonly edges: readonly (readonly [number, number, number])[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PORTS = [80, 443, 5432, 6379, 8080, 9090];

export function makeTopology(nodes: number, edges: number, namespaces = 20, seed = 5): Topology {
  const next = rng(seed);
  const workloads: Workload[] = [];
  for (let w = 0; w < nodes; w++) {
    const namespace = `team-${String(w % namespaces).padStart(2, '0')}`;
    const name = `svc-${String(w).padStart(4, '0')}`;
    const labels = [
      `k8s:app=${name}`,
      `k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=${namespace}`,
      'k8s:io.cilium.k8s.policy.cluster=default',
      `k8s:io.cilium.k8s.policy.serviceaccount=${name}`,
      `k8s:io.kubernetes.pod.namespace=${namespace}`,
    ];
    const pods = [0, 1, 2].map(
      (p): Endpoint => ({
        ID: 100 + w * 3 + p,
        identity: 10_000 + w,
        cluster_name: 'default',
        namespace,
        labels,
        pod_name: `${name}-6d5f7c9b8-${p}x${w.toString(36)}`,
        workloads: [{ name, kind: 'Deployment' }],
      }),
    );
    workloads.push({ namespace, name, pods });
  }
  const seen = new Set<string>();
  const out: [number, number, number][] = [];
  while (out.length < edges) {
    const client = Math.floor(next() * nodes);
    const server = Math.floor(next() * nodes);
    const port = PORTS[Math.floor(next() * PORTS.length)]!;
    const key = `${client}>${server}:${port}`;
    if (client === server || seen.has(key)) continue;
    seen.add(key);
    out.push([client, server, port]);
  }
  return { workloads, edges: out };
}

/** One forwarded TCP request flow on edge `e` at `timeMs`; `serial` varies pods and ports. */
export function edgeFlow(topo: Topology, e: number, timeMs: number, serial: number): FlowEvent {
  const [c, s, port] = topo.edges[e % topo.edges.length]!;
  const client = topo.workloads[c]!;
  const server = topo.workloads[s]!;
  const src = client.pods[serial % 3]!;
  const dst = server.pods[(serial >> 2) % 3]!;
  const time = new Date(timeMs).toISOString();
  return {
    kind: 'flow',
    time,
    nodeName: `worker-${c % 50}`,
    flow: {
      time,
      uuid: `${e.toString(16).padStart(8, '0')}-${serial.toString(16).padStart(8, '0')}-4000-8000-000000000000`,
      verdict: 'FORWARDED',
      IP: {
        source: `10.1.${c >> 8}.${c & 255}`,
        destination: `10.2.${s >> 8}.${s & 255}`,
        ipVersion: 'IPv4',
      },
      l4: { TCP: { source_port: 30_000 + (serial % 30_000), destination_port: port, flags: { ACK: true } } },
      source: src,
      destination: dst,
      Type: 'L3_L4',
      node_name: `worker-${c % 50}`,
      event_type: { type: 4 },
      traffic_direction: 'EGRESS',
      trace_observation_point: 'TO_STACK',
      is_reply: false,
      Summary: 'TCP Flags: ACK',
    },
  };
}

/** A flow between two workloads of a namespace never seen before (`probe-<k>`): a new map node. */
export function probeFlow(k: number, timeMs: number): FlowEvent {
  const namespace = `probe-${k}`;
  const endpoint = (name: string, id: number): Endpoint => ({
    ID: 900_000 + id,
    identity: 900_000 + id,
    cluster_name: 'default',
    namespace,
    labels: [`k8s:app=${name}`, `k8s:io.kubernetes.pod.namespace=${namespace}`],
    pod_name: `${name}-5b9c7d8f6-p${k}`,
    workloads: [{ name, kind: 'Deployment' }],
  });
  const time = new Date(timeMs).toISOString();
  return {
    kind: 'flow',
    time,
    nodeName: 'worker-0',
    flow: {
      time,
      uuid: `${k.toString(16).padStart(8, '0')}-0000-4000-8000-00000000beef`,
      verdict: 'FORWARDED',
      IP: {
        source: `10.9.${k >> 8}.${k & 255}`,
        destination: `10.9.${k >> 8}.${(k & 255) + 1}`,
        ipVersion: 'IPv4',
      },
      l4: { TCP: { source_port: 40_000, destination_port: 8080, flags: { SYN: true } } },
      source: endpoint('probe-client', 2 * k),
      destination: endpoint('probe-server', 2 * k + 1),
      Type: 'L3_L4',
      node_name: 'worker-0',
      traffic_direction: 'EGRESS',
      is_reply: false,
      Summary: 'TCP Flags: SYN',
    },
  };
}
