import { describe, expect, it } from 'vitest';
import type { Flow } from '../../server/domain/flow';
import { flowRowText, formatFlowRow } from './flow-row-text';

const dropped: Flow = {
  time: '2024-05-01T10:11:12.345678Z',
  verdict: 'DROPPED',
  drop_reason_desc: 'POLICY_DENIED',
  node_name: 'worker-1',
  source: { namespace: 'shop', pod_name: 'cart-1' },
  destination: { labels: ['reserved:world'] },
  destination_names: ['api.example.com'],
  IP: { source: '10.0.0.1', destination: '1.2.3.4' },
  l4: { TCP: { destination_port: 443, flags: { SYN: true } } },
  egress_denied_by: [{ namespace: 'shop', name: 'deny-egress' }],
};

describe('flow row text', () => {
  it('formats every column once', () => {
    expect(formatFlowRow(dropped)).toEqual({
      time: '10:11:12.345',
      source: 'shop/cart-1',
      destination: 'api.example.com',
      port: '443/TCP',
      l7: 'SYN',
      l7IsFlags: true,
      verdict: 'DROPPED',
      dropped: true,
      dropReason: 'POLICY_DENIED',
      node: 'worker-1',
      policies: 'shop/deny-egress',
    });
  });

  it('shows a drop reason only for dropped flows and an L7 line before TCP flags', () => {
    const t = formatFlowRow({
      verdict: 'FORWARDED',
      drop_reason_desc: 'POLICY_DENIED',
      l4: { TCP: { destination_port: 80, flags: { ACK: true } } },
      l7: { type: 'REQUEST', http: { method: 'GET', url: '/cart' } },
    });
    expect(t.dropReason).toBe('');
    expect(t.l7).toBe('GET /cart');
    expect(t.l7IsFlags).toBe(false);
  });

  it('survives an empty flow', () => {
    const t = formatFlowRow({});
    expect(t.verdict).toBe('VERDICT_UNKNOWN');
    expect(t.source).toBe('unknown');
    expect(t.port).toBe('—');
  });

  it('remembers the text per flow object', () => {
    const flow: Flow = { ...dropped };
    const first = flowRowText(flow);
    expect(flowRowText(flow)).toBe(first);
    expect(flowRowText({ ...dropped })).not.toBe(first);
  });
});
