import { describe, expect, it } from 'vitest';
import { endpointText, flowTimeText, l7Text, protocolText } from './flow-format';

describe('flow-format', () => {
  it('names pods, reserved identities and FQDNs', () => {
    expect(endpointText({ namespace: 'shop', pod_name: 'cart-1' }, '10.0.0.1')).toBe('shop/cart-1');
    expect(endpointText({ labels: ['reserved:world'] }, '1.2.3.4', ['api.stripe.com'])).toBe(
      'api.stripe.com',
    );
    expect(endpointText({ labels: ['reserved:host'] }, '10.0.0.9')).toBe('host (10.0.0.9)');
    expect(endpointText(undefined, '10.1.1.1')).toBe('10.1.1.1');
  });

  it('describes L4 and L7', () => {
    expect(protocolText({ l4: { UDP: { destination_port: 53 } } })).toEqual({ protocol: 'UDP', port: 53 });
    expect(protocolText({ l4: { ICMPv4: { type: 8 } } })).toEqual({ protocol: 'ICMPv4' });
    expect(
      l7Text({
        l7: { type: 'RESPONSE', latency_ns: '2500000', http: { code: 503, method: 'GET', url: '/x' } },
      }),
    ).toBe('503 GET /x 2.5 ms');
    expect(l7Text({ l7: { type: 'RESPONSE', dns: { query: 'a.b.', rcode: 3, qtypes: ['A'] } } })).toBe(
      'DNS A a.b. → NXDOMAIN',
    );
  });

  it('prints UTC time with milliseconds', () => {
    expect(flowTimeText('2021-10-04T14:28:38.735173594Z')).toBe('14:28:38.735');
    expect(flowTimeText('2021-10-04T14:28:38Z')).toBe('14:28:38.000');
  });
});
