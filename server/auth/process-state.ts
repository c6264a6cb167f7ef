// State that must be shared by every module graph of one server process. Next.js compiles the proxy,
// route handlers, pages and instrumentation as separate bundles, so a module-level variable would
// exist once per bundle: the proxy signs the identity header with a key that route handlers must
// also see, and a logout in a route handler must revoke the session the proxy checks.
import { randomBytes } from 'node:crypto';

interface ProcessState {
  /** Random per process; signs the identity header the proxy hands to route handlers. */
  readonly identityKey: Buffer;
  /** Session id → expiry (ms); sessions signed out before they expire. */
  readonly revoked: Map<string, number>;
  /** Set by installPeerAddressHook: only then is the peer-address header trustworthy. */
  peerHookInstalled: boolean;
}

const KEY = Symbol.for('skymap.auth.process-state');
type Holder = { [KEY]?: ProcessState };

export function processState(): ProcessState {
  const holder = globalThis as Holder;
  let state = holder[KEY];
  if (state === undefined) {
    state = { identityKey: randomBytes(32), revoked: new Map(), peerHookInstalled: false };
    holder[KEY] = state;
  }
  return state;
}

/** Bound so a flood of logouts cannot grow memory without limit. */
const MAX_REVOKED = 10_000;

export function revokeSession(id: string, expiresMs: number, nowMs: number): void {
  const { revoked } = processState();
  if (revoked.size >= MAX_REVOKED) {
    for (const [key, exp] of revoked) if (exp <= nowMs) revoked.delete(key);
    // Still full: drop the oldest entries (Map keeps insertion order).
    for (const key of revoked.keys()) {
      if (revoked.size < MAX_REVOKED) break;
      revoked.delete(key);
    }
  }
  revoked.set(id, expiresMs);
}

export function isSessionRevoked(id: string): boolean {
  return processState().revoked.has(id);
}
