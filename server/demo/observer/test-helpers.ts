// Shared by the observer server and Relay client tests.
import type { FlowEvent } from '../../domain/flow';

let counter = 0;

/** A small but realistic flow event; time defaults to now, uuid is unique per call. */
export function testFlow(
  node: string,
  overrides: { timeMs?: number; uuid?: string; namespace?: string; verdict?: string } = {},
): Extract<FlowEvent, { kind: 'flow' }> {
  counter += 1;
  const time = new Date(overrides.timeMs ?? Date.now()).toISOString();
  return {
    kind: 'flow',
    nodeName: node,
    time,
    flow: {
      time,
      uuid: overrides.uuid ?? `uuid-${process.pid}-${counter}`,
      verdict: overrides.verdict ?? 'FORWARDED',
      IP: { source: '10.0.0.1', destination: '10.0.0.2', ipVersion: 'IPv4' },
      l4: { TCP: { source_port: 40000 + (counter % 20000), destination_port: 80, flags: { SYN: true } } },
      source: { namespace: overrides.namespace ?? 'shop', pod_name: 'web-1', identity: 1234 },
      destination: { namespace: overrides.namespace ?? 'shop', pod_name: 'api-1', identity: 5678 },
      Type: 'L3_L4',
      node_name: node,
      event_type: { type: 4 },
      is_reply: false,
      Summary: 'TCP Flags: SYN',
    },
  };
}

export function testLost(node: string, count: number): FlowEvent {
  return {
    kind: 'lost',
    nodeName: node,
    time: new Date().toISOString(),
    lost: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: String(count), cpu: 1 },
  };
}

/** Polls until `check` returns true; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
