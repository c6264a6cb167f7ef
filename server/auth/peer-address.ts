// The socket peer address, for trusting a reverse proxy's user header. Next.js does not give the
// proxy or route handlers the socket, and the `x-forwarded-for` it adds is kept as the client sent
// it, so a client could claim to be the proxy. installPeerAddressHook() runs in the server process
// and overwrites a private header with the real peer address on every request before Next.js sees
// it; a client-sent copy is always replaced. The header is trusted only once the hook is installed.
import { processState } from './process-state';

export const PEER_HEADER = 'x-skymap-peer';

interface HeaderReader {
  get(name: string): string | null;
}

/** The socket peer address, or null when it cannot be known (hook not installed). */
export function peerAddress(headers: HeaderReader): string | null {
  if (!processState().peerHookInstalled) return null;
  const value = headers.get(PEER_HEADER);
  return value === null || value === '' ? null : value;
}

interface IncomingLike {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string } | null;
}

export function stampPeerAddress(req: IncomingLike): void {
  req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
}

interface EmitterPrototype {
  emit(event: string | symbol, ...args: unknown[]): boolean;
}

const PATCHED = Symbol.for('skymap.auth.peer-hook');

/** Idempotent. `prototypes` are the http(s).Server prototypes (passed in to keep this module I/O-free). */
export function installPeerAddressHook(prototypes: readonly EmitterPrototype[]): void {
  for (const proto of prototypes) {
    const tagged = proto as EmitterPrototype & { [PATCHED]?: true };
    if (tagged[PATCHED]) continue;
    const original = proto.emit;
    proto.emit = function emitWithPeer(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'request' || event === 'checkContinue' || event === 'checkExpectation') {
        const req = args[0] as IncomingLike | undefined;
        if (req?.headers) stampPeerAddress(req);
      }
      return original.call(this, event, ...args);
    };
    tagged[PATCHED] = true;
  }
  processState().peerHookInstalled = true;
}
