import { describe, expect, it } from 'vitest';
import { cidrContains, hostCidr, ipInCidrSet, parseCidr, parseIp } from './cidr';

describe('parseIp', () => {
  it('parses IPv4 and IPv6 forms', () => {
    expect(parseIp('10.0.1.146')).toEqual({ family: 4, value: 0x0a000192n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('2001:db8::1')?.value).toBe(0x20010db8000000000000000000000001n);
    expect(parseIp('fe80::64d8:8aff:fe72:fc14%eth0')?.family).toBe(6);
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe(0xffff0a000001n);
  });

  it('rejects malformed addresses', () => {
    for (const bad of ['', '10.0.0', '10.0.0.256', '1.2.3.4.5', 'a.b.c.d', '1::2::3', '12345::', 'x']) {
      expect(parseIp(bad)).toBeUndefined();
    }
  });
});

describe('CIDR containment', () => {
  it('contains addresses inside the prefix only', () => {
    const net = parseCidr('10.0.0.0/8');
    expect(net).toBeDefined();
    if (net === undefined) return;
    expect(cidrContains(net, parseIp('10.200.1.1') ?? { family: 4, value: 0n })).toBe(true);
    expect(ipInCidrSet('11.0.0.1', '10.0.0.0/8')).toBe(false);
    expect(ipInCidrSet('169.254.169.254', '169.254.169.254/32')).toBe(true);
    expect(ipInCidrSet('0.0.0.1', '0.0.0.0/0')).toBe(true);
    expect(ipInCidrSet('2001:db8::5', '2001:db8::/32')).toBe(true);
    expect(ipInCidrSet('2001:db9::5', '2001:db8::/32')).toBe(false);
  });

  it('honours except and never mixes families', () => {
    expect(ipInCidrSet('10.1.2.3', '10.0.0.0/8', ['10.1.0.0/16'])).toBe(false);
    expect(ipInCidrSet('10.2.2.3', '10.0.0.0/8', ['10.1.0.0/16'])).toBe(true);
    expect(ipInCidrSet('::ffff:10.0.0.1', '10.0.0.0/8')).toBe(false);
  });

  it('bad CIDRs never match', () => {
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
    expect(ipInCidrSet('10.0.0.1', 'nonsense')).toBe(false);
    expect(ipInCidrSet('nonsense', '10.0.0.0/8')).toBe(false);
  });

  it('hostCidr writes /32 and /128 routes', () => {
    expect(hostCidr('203.0.113.50')).toBe('203.0.113.50/32');
    expect(hostCidr('2001:db8::1')).toBe('2001:db8::1/128');
    expect(hostCidr('not-an-ip')).toBeUndefined();
  });
});
