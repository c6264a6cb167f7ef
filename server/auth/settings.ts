// Authentication settings from the environment. Pure: config.ts turns AuthSettingError into the
// one-line ConfigError, and the proxy (a separate bundle) parses the same variables itself.
import { parseTrustedAddresses, type TrustedAddresses } from './trusted-addresses';

export interface ProxyAuthSettings {
  /** Lower-case header name carrying the user, e.g. `x-forwarded-user`. */
  readonly userHeader: string;
  readonly groupsHeader?: string;
  /** Peers allowed to set the headers (the reverse proxy's addresses). */
  readonly trusted: TrustedAddresses;
}

export interface AuthSettings {
  /** Shared bearer token; never leaves the server (cookies hold a signed session, not the token). */
  readonly token?: string;
  readonly proxy?: ProxyAuthSettings;
  readonly sessionTtlMs: number;
  readonly scopesFile?: string;
  /** Address the HTTP server binds to (SKYMAP_HOST, else HOSTNAME as Next's standalone server reads it). */
  readonly bindHost: string;
}

export class AuthSettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'AuthSettingError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export const MIN_TOKEN_LENGTH = 16;
const DEFAULT_SESSION_HOURS = 12;
const MAX_SESSION_HOURS = 24 * 30;
// RFC 9110 token characters.
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function setting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function headerName(name: string, value: string): string {
  if (!HEADER_NAME.test(value)) throw new AuthSettingError(name, `"${value}" is not an HTTP header name`);
  const lower = value.toLowerCase();
  if (lower.startsWith('x-skymap-') || lower === 'cookie' || lower === 'authorization' || lower === 'host') {
    throw new AuthSettingError(name, `"${value}" cannot carry the user (reserved header)`);
  }
  return lower;
}

export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function sessionTtl(env: Env): number {
  const raw = setting(env, 'SKYMAP_AUTH_SESSION_HOURS');
  if (raw === undefined) return DEFAULT_SESSION_HOURS * 3_600_000;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_SESSION_HOURS) {
    throw new AuthSettingError(
      'SKYMAP_AUTH_SESSION_HOURS',
      `expected hours between 0 and ${MAX_SESSION_HOURS}, got "${raw}"`,
    );
  }
  return Math.round(hours * 3_600_000);
}

function proxyFrom(env: Env): ProxyAuthSettings | undefined {
  const user = setting(env, 'SKYMAP_AUTH_PROXY_HEADER');
  const groups = setting(env, 'SKYMAP_AUTH_PROXY_GROUPS_HEADER');
  const addresses = setting(env, 'SKYMAP_AUTH_PROXY_ADDRESSES');
  if (user === undefined) {
    if (groups !== undefined) {
      throw new AuthSettingError('SKYMAP_AUTH_PROXY_GROUPS_HEADER', 'needs SKYMAP_AUTH_PROXY_HEADER as well');
    }
    if (addresses !== undefined) {
      throw new AuthSettingError('SKYMAP_AUTH_PROXY_ADDRESSES', 'needs SKYMAP_AUTH_PROXY_HEADER as well');
    }
    return undefined;
  }
  if (addresses === undefined) {
    throw new AuthSettingError(
      'SKYMAP_AUTH_PROXY_ADDRESSES',
      'required with SKYMAP_AUTH_PROXY_HEADER: the CIDRs of the reverse proxy (e.g. 127.0.0.1/32 for a sidecar)',
    );
  }
  const parsed = parseTrustedAddresses(addresses);
  if (typeof parsed === 'string') throw new AuthSettingError('SKYMAP_AUTH_PROXY_ADDRESSES', parsed);
  return {
    userHeader: headerName('SKYMAP_AUTH_PROXY_HEADER', user),
    groupsHeader: groups === undefined ? undefined : headerName('SKYMAP_AUTH_PROXY_GROUPS_HEADER', groups),
    trusted: parsed,
  };
}

export function parseAuthSettings(env: Env): AuthSettings {
  const token = setting(env, 'SKYMAP_AUTH_TOKEN');
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new AuthSettingError(
      'SKYMAP_AUTH_TOKEN',
      `must be at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32)`,
    );
  }
  const proxy = proxyFrom(env);
  const bindHost = setting(env, 'SKYMAP_HOST') ?? setting(env, 'HOSTNAME') ?? '127.0.0.1';
  const hostSetting = setting(env, 'SKYMAP_HOST') !== undefined ? 'SKYMAP_HOST' : 'HOSTNAME';
  const enabled = token !== undefined || proxy !== undefined;
  if (!enabled && !isLoopbackHost(bindHost)) {
    throw new AuthSettingError(
      hostSetting,
      `"${bindHost}" is not a loopback address: set SKYMAP_AUTH_TOKEN or SKYMAP_AUTH_PROXY_HEADER to require sign-in`,
    );
  }
  const scopesFile = setting(env, 'SKYMAP_SCOPES_FILE');
  if (scopesFile !== undefined && !enabled) {
    throw new AuthSettingError(
      'SKYMAP_SCOPES_FILE',
      'scopes are per user: set SKYMAP_AUTH_TOKEN or SKYMAP_AUTH_PROXY_HEADER as well',
    );
  }
  return { token, proxy, sessionTtlMs: sessionTtl(env), scopesFile, bindHost };
}

export function authEnabled(settings: AuthSettings): boolean {
  return settings.token !== undefined || settings.proxy !== undefined;
}
