import { describe, expect, it } from 'vitest';
import type { Flow } from './flow';
import { maskFlow } from './flow-mask';

const flow: Flow = {
  time: '2026-11-25T10:00:00Z',
  verdict: 'FORWARDED',
  node_name: 'n1',
  node_labels: ['a=b'],
  source: { namespace: 'shop', pod_name: 'cart-1', labels: ['k8s:app=cart'] },
  l7: {
    type: 'RESPONSE',
    http: { code: 503, url: 'http://x/?token=1', headers: [{ key: 'a', value: 'b' }] },
  },
  egress_allowed_by: [{ name: 'p', namespace: 'shop' }],
};

describe('maskFlow', () => {
  it('keeps whole fields, nested paths and lists, and nothing else', () => {
    expect(maskFlow(flow, ['time', 'source', 'l7.http.code', 'egress_allowed_by'])).toEqual({
      time: flow.time,
      source: flow.source,
      l7: { http: { code: 503 } },
      egress_allowed_by: flow.egress_allowed_by,
    });
  });

  it('never writes into the flow when a path lies under one kept whole', () => {
    const before = JSON.stringify(flow);
    expect(maskFlow(flow, ['source', 'source.namespace', 'l7.http', 'l7.http.code'])).toEqual({
      source: flow.source,
      l7: { http: flow.l7?.http },
    });
    expect(maskFlow(flow, ['source.namespace', 'source'])).toEqual({ source: flow.source });
    expect(JSON.stringify(flow)).toBe(before);
  });

  it('merges sibling paths and skips paths through missing fields', () => {
    expect(maskFlow(flow, ['source.namespace', 'source.pod_name', 'destination.namespace', 'IP'])).toEqual({
      source: { namespace: 'shop', pod_name: 'cart-1' },
    });
  });
});
