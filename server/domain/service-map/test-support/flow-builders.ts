// Small builders for hand-written test flows (Hubble jsonpb shape).

import type { Endpoint, Flow } from '../../flow';

export function podEndpoint(namespace: string, podName: string, extra: Partial<Endpoint> = {}): Endpoint {
  const app = podName.replace(/-[a-z0-9]+-[a-z0-9]+$/, '');
  return {
    identity: 1000 + app.length,
    namespace,
    pod_name: podName,
    labels: [`k8s:app=${app}`, `k8s:io.kubernetes.pod.namespace=${namespace}`],
    ...extra,
  };
}

export function reserved(label: string, identity?: number): Endpoint {
  return identity === undefined ? { labels: [label] } : { identity, labels: [label] };
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

export interface TcpFlowOptions {
  readonly time?: number;
  readonly sport?: number;
  readonly dport?: number;
  readonly reply?: boolean;
  readonly verdict?: Flow['verdict'];
  readonly extra?: Partial<Flow>;
}

/** A TCP flow `source → destination` as seen on the wire (reply flows go server → client). */
export function tcpFlow(source: Endpoint, destination: Endpoint, o: TcpFlowOptions = {}): Flow {
  return {
    ...(o.time === undefined ? {} : { time: isoAt(o.time) }),
    verdict: o.verdict ?? 'FORWARDED',
    IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
    l4: { TCP: { source_port: o.sport ?? 40000, destination_port: o.dport ?? 8080 } },
    source,
    destination,
    Type: 'L3_L4',
    ...(o.reply === undefined ? {} : { is_reply: o.reply }),
    ...o.extra,
  };
}
