import { describe, expect, it } from 'vitest';
import type { Flow, FlowEvent } from '../../domain/flow';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { encodeGetFlowsResponse } from './encode-flow-response';
import { HAND_BUILT_EVENTS } from './flow-samples';
import { WireReader } from './wire-reader';
import { SharedMessages } from './wire-share';

const endpoint = (pod: string) => ({
  ID: 1234,
  identity: 5678,
  namespace: 'shop',
  labels: [
    'k8s:app=cart',
    'k8s:io.kubernetes.pod.namespace=shop',
    'k8s:io.cilium.k8s.policy.cluster=default',
  ],
  pod_name: pod,
  workloads: [{ name: 'cart', kind: 'Deployment' }],
});

function flowEvent(extra: Partial<Flow>): FlowEvent {
  return {
    kind: 'flow',
    flow: {
      time: '2026-03-01T12:00:00.123456789Z',
      verdict: 'FORWARDED',
      source: endpoint('cart-7d9f8-abcde'),
      destination: endpoint('cart-7d9f8-fghij'),
      node_name: 'worker-1',
      node_labels: ['kubernetes.io/hostname=worker-1', 'topology.kubernetes.io/zone=a'],
      egress_allowed_by: [
        { name: 'allow-cart', namespace: 'shop', kind: 'CiliumNetworkPolicy', revision: '3' },
      ],
      ...extra,
    },
  };
}

/** Decodes from a Buffer (as grpc-js delivers), which also takes the native-compare path. */
const decode = (e: FlowEvent) => decodeGetFlowsResponse(Buffer.from(encodeGetFlowsResponse(e)));
const flowOf = (e: FlowEvent): Flow => (e.kind === 'flow' ? e.flow : {});

describe('structural sharing in the flow decoder', () => {
  it('hands identical sub-messages of different flows the same frozen objects', () => {
    const a = flowOf(decode(flowEvent({ uuid: 'a' })));
    const b = flowOf(decode(flowEvent({ uuid: 'b', verdict: 'DROPPED' })));
    expect(a.uuid).toBe('a');
    expect(b.verdict).toBe('DROPPED');
    expect(b.source).toBe(a.source);
    expect(b.node_labels).toBe(a.node_labels);
    expect(b.egress_allowed_by?.[0]).toBe(a.egress_allowed_by?.[0]);
    expect(Object.isFrozen(a.source)).toBe(true);
    expect(Object.isFrozen(a.source?.labels)).toBe(true);
    expect(a.source).not.toBe(a.destination);
  });

  it('never returns a cached object for different bytes of the same length', () => {
    const flows = ['cart-7d9f8-aaaaa', 'cart-7d9f8-aaaab', 'cart-7d9f8-baaaa'].map((pod) =>
      flowOf(decode(flowEvent({ source: endpoint(pod) }))),
    );
    expect(flows.map((f) => f.source?.pod_name)).toEqual([
      'cart-7d9f8-aaaaa',
      'cart-7d9f8-aaaab',
      'cart-7d9f8-baaaa',
    ]);
  });

  it('reuses a slot for keys of other lengths without ever answering from stale bytes', () => {
    // Two slots: keys collide all the time. Keys are prefixes of one byte run (a shorter key left in
    // a longer key's buffer matches the longer key's first bytes); the "decoded" value is the text.
    const cache = new SharedMessages<{ text: string }>(1, 1024);
    const run = Array.from({ length: 300 }, (_, i) => 65 + (i % 26));
    const read = (bytes: number[]) => {
      const buf = Buffer.from(bytes);
      return cache.range(new WireReader(buf), buf.length, (reader, len) => {
        const text = Buffer.from(reader.buf.subarray(reader.pos, reader.pos + len)).toString('latin1');
        reader.pos += len;
        return { text };
      }).text;
    };
    let seed = 5;
    const lengths = [300, 10, 64, 65, 200, 1, 299, 100, 66, 63];
    for (let i = 0; i < 400; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const key = run.slice(0, lengths[seed % lengths.length]);
      expect(read(key)).toBe(Buffer.from(key).toString('latin1'));
    }
  });

  it('decodes node labels that differ only in the middle of the run', () => {
    const labels = (host: string) => [
      'beta.kubernetes.io/arch=amd64',
      `kubernetes.io/hostname=${host}`,
      'topology.kubernetes.io/zone=rack-a',
    ];
    for (let i = 0; i < 40; i++) {
      const f = flowOf(decode(flowEvent({ node_labels: labels(`w-${i % 7}`) })));
      expect(f.node_labels).toEqual(labels(`w-${i % 7}`));
    }
  });

  it('merges a repeated endpoint into a private copy, leaving the shared one untouched', () => {
    const shared = flowOf(decode(flowEvent({}))).source!;
    const first = encodeGetFlowsResponse(flowEvent({}));
    // Append a second `source` (field 8) carrying one more label: protobuf merges repeated messages.
    const extra = encodeGetFlowsResponse({ kind: 'flow', flow: { source: { labels: ['k8s:extra=1'] } } });
    // Both are GetFlowsResponse{flow: …}; concatenated, their flows merge field by field.
    const merged = flowOf(decodeGetFlowsResponse(Buffer.concat([first, extra])));
    expect(merged.source?.labels).toEqual([...(shared.labels ?? []), 'k8s:extra=1']);
    expect(shared.labels).toHaveLength(3);
    expect(merged.source).not.toBe(shared);
  });

  it('still decodes every hand-built event exactly (shared or not)', () => {
    for (const event of HAND_BUILT_EVENTS) {
      expect(decode(event)).toStrictEqual(event);
      expect(decode(event)).toStrictEqual(event);
    }
  });
});
