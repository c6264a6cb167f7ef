// Channel credentials for Relay: plaintext (the Helm default), TLS, or mTLS. Files are read once,
// when the client is created; Relay hot-reloads its certificates but a client restart is needed to
// pick up new client certificates (same as the Hubble CLI).
import { readFileSync } from 'node:fs';
import { type ChannelCredentials, type ChannelOptions, credentials } from '@grpc/grpc-js';
import type { RelayTlsOptions } from './relay-types';

export class RelayTlsError extends Error {
  override readonly name = 'RelayTlsError';
}

export interface RelayChannelSecurity {
  readonly credentials: ChannelCredentials;
  readonly channelOptions: ChannelOptions;
  readonly tls: boolean;
}

type ReadFile = (path: string) => Buffer;

function read(readFile: ReadFile, path: string | undefined, what: string): Buffer | null {
  if (path === undefined || path === '') return null;
  try {
    return readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new RelayTlsError(`cannot read TLS ${what} "${path}" (${code})`);
  }
}

/** Throws RelayTlsError when a file cannot be read or only one of cert/key is given. */
export function relayChannelSecurity(
  tls: RelayTlsOptions | undefined,
  readFile: ReadFile = (p) => readFileSync(p),
): RelayChannelSecurity {
  if (tls === undefined) return { credentials: credentials.createInsecure(), channelOptions: {}, tls: false };
  const hasCert = tls.certFile !== undefined && tls.certFile !== '';
  const hasKey = tls.keyFile !== undefined && tls.keyFile !== '';
  if (hasCert !== hasKey) {
    throw new RelayTlsError('mTLS needs both a client certificate file and its key file');
  }
  const ca = read(readFile, tls.caFile, 'CA file');
  const cert = read(readFile, tls.certFile, 'client certificate file');
  const key = read(readFile, tls.keyFile, 'client key file');
  const channelOptions: ChannelOptions = {};
  // Relay certificates name `*.hubble-relay.cilium.io`, not the Service DNS name we dial, so the
  // name to verify (and send as SNI) is overridden rather than derived from the address.
  if (tls.serverName) channelOptions['grpc.ssl_target_name_override'] = tls.serverName;
  let creds: ChannelCredentials;
  try {
    creds = credentials.createSsl(ca, key, cert);
  } catch (err) {
    throw new RelayTlsError(`invalid TLS material: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { credentials: creds, channelOptions, tls: true };
}
