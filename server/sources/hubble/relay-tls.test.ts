import { describe, expect, it } from 'vitest';
import { RelayTlsError, relayChannelSecurity } from './relay-tls';

const files: Record<string, string> = { '/ca.pem': 'not a certificate' };
const readFile = (p: string): Buffer => {
  const text = files[p];
  if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return Buffer.from(text);
};

describe('relayChannelSecurity', () => {
  it('is plaintext without TLS options', () => {
    const s = relayChannelSecurity(undefined, readFile);
    expect(s.tls).toBe(false);
    expect(s.credentials._isSecure()).toBe(false);
    expect(s.channelOptions).toEqual({});
  });

  it('uses system roots and the server-name override when only serverName is set', () => {
    const s = relayChannelSecurity({ serverName: 'ui.hubble-relay.cilium.io' }, readFile);
    expect(s.tls).toBe(true);
    expect(s.credentials._isSecure()).toBe(true);
    expect(s.channelOptions).toEqual({ 'grpc.ssl_target_name_override': 'ui.hubble-relay.cilium.io' });
  });

  it('names the file it cannot read', () => {
    expect(() => relayChannelSecurity({ caFile: '/nope.pem' }, readFile)).toThrow(
      new RelayTlsError('cannot read TLS CA file "/nope.pem" (ENOENT)'),
    );
  });

  it('requires certificate and key together, and rejects material that is not PEM', () => {
    expect(() => relayChannelSecurity({ certFile: '/ca.pem' }, readFile)).toThrow(
      /both a client certificate/,
    );
    files['/key.pem'] = 'garbage';
    expect(() => relayChannelSecurity({ certFile: '/ca.pem', keyFile: '/key.pem' }, readFile)).toThrow(
      RelayTlsError,
    );
  });
});
