// Test-only builders: hand-built Hubble flows and the real fixture files in ../shared.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Endpoint, Flow, PolicyRef } from '../../flow';

export const FIXTURE_DIR = path.resolve(__dirname, '../../../../../shared/fixtures/flows');

export function fixtureFlows(file: string): Flow[] {
  const text = readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
  const out: Flow[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as { flow?: Flow };
    if (parsed.flow !== undefined) out.push(parsed.flow);
  }
  return out;
}

export function pod(namespace: string, app: string, extra: readonly string[] = []): Endpoint {
  return {
    namespace,
    pod_name: `${app}-5d9f7c-abcde`,
    identity: 1000 + app.length,
    labels: [`k8s:app=${app}`, `k8s:io.kubernetes.pod.namespace=${namespace}`, ...extra],
    workloads: [{ name: app, kind: 'Deployment' }],
  };
}

export interface DropOptions {
  readonly time?: string;
  readonly node?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly port?: number;
  readonly eventType?: number;
  readonly direction?: 'INGRESS' | 'EGRESS';
  readonly deniedBy?: readonly PolicyRef[];
  readonly verdict?: string;
}

export function tcpDrop(source: Endpoint, destination: Endpoint, o: DropOptions = {}): Flow {
  const direction = o.direction ?? 'INGRESS';
  const refs =
    o.deniedBy === undefined
      ? {}
      : direction === 'INGRESS'
        ? { ingress_denied_by: o.deniedBy }
        : { egress_denied_by: o.deniedBy };
  return {
    time: o.time ?? '2026-01-01T12:00:00.000000000Z',
    verdict: o.verdict ?? 'DROPPED',
    drop_reason: o.code ?? 133,
    drop_reason_desc: o.reason ?? 'POLICY_DENIED',
    IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
    l4: { TCP: { source_port: 40000, destination_port: o.port ?? 8080, flags: { SYN: true } } },
    source,
    destination,
    node_name: o.node ?? 'node-a',
    event_type: { type: o.eventType ?? 1, sub_type: o.code ?? 133 },
    traffic_direction: direction,
    ...refs,
  };
}
