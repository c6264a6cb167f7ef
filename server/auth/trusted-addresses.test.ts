import { describe, expect, it } from 'vitest';
import { isTrustedPeer, parseTrustedAddresses, type TrustedAddresses } from './trusted-addresses';

function trusted(list: string): TrustedAddresses {
  const parsed = parseTrustedAddresses(list);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

describe('trusted proxy addresses', () => {
  it('matches IPv4 CIDRs, including IPv4-mapped peers from dual-stack sockets', () => {
    const t = trusted('127.0.0.1/32, 10.42.0.0/16');
    expect(isTrustedPeer(t, '127.0.0.1')).toBe(true);
    expect(isTrustedPeer(t, '::ffff:127.0.0.1')).toBe(true);
    expect(isTrustedPeer(t, '10.42.7.9')).toBe(true);
    expect(isTrustedPeer(t, '::ffff:10.42.7.9')).toBe(true);
    expect(isTrustedPeer(t, '10.43.0.1')).toBe(false);
    expect(isTrustedPeer(t, '127.0.0.2')).toBe(false);
  });

  it('matches IPv6 CIDRs and bare addresses', () => {
    const t = trusted('::1 fd00:10::/64 192.168.1.5');
    expect(isTrustedPeer(t, '::1')).toBe(true);
    expect(isTrustedPeer(t, 'fd00:10::abcd')).toBe(true);
    expect(isTrustedPeer(t, 'fd00:11::1')).toBe(false);
    expect(isTrustedPeer(t, '192.168.1.5')).toBe(true);
    expect(isTrustedPeer(t, '192.168.1.6')).toBe(false);
  });

  it('treats an IPv4-mapped CIDR as the IPv4 network', () => {
    const t = trusted('::ffff:10.0.0.0/104');
    expect(isTrustedPeer(t, '10.9.9.9')).toBe(true);
    expect(isTrustedPeer(t, '11.0.0.1')).toBe(false);
  });

  it('never trusts an unknown or malformed peer', () => {
    const t = trusted('0.0.0.0/0');
    expect(isTrustedPeer(t, null)).toBe(false);
    expect(isTrustedPeer(t, '')).toBe(false);
    expect(isTrustedPeer(t, 'proxy.local')).toBe(false);
    expect(isTrustedPeer(t, '10.0.0.1, 127.0.0.1')).toBe(false);
  });

  it('reports the first bad entry', () => {
    expect(parseTrustedAddresses('10.0.0.0/8, 10.0.0.0/33')).toBe(
      '"10.0.0.0/33" is not a CIDR or IP address',
    );
    expect(parseTrustedAddresses('oauth2-proxy')).toBe('"oauth2-proxy" is not a CIDR or IP address');
    expect(parseTrustedAddresses(' , ')).toMatch(/at least one CIDR/);
  });
});
