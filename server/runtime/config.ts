// Environment → one validated, typed configuration, read once at start-up. Every failure names the
// setting in one line so an operator can fix it without reading a stack trace.

import { accessSync, constants, readFileSync } from 'node:fs';
import { cachedScopes } from '../auth/scopes-file';
import { AuthSettingError, type AuthSettings, parseAuthSettings } from '../auth/settings';
import { parseRedactRules, type RedactRules } from '../domain/redact';
import { RELAY_FIELD_SETS, type RelayFieldSet } from '../sources/hubble/relay-fields';
import { parseTalosconfig } from '../sources/talos/talosconfig';
import { parseNamespacesSetting } from './namespaces-setting';

export interface RelayTls {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly serverName?: string;
}

export type HubbleSource =
  | { readonly mode: 'relay'; readonly address: string; readonly tls?: RelayTls }
  | { readonly mode: 'demo' }
  | { readonly mode: 'none' };

export type KubeSource =
  | { readonly mode: 'file'; readonly path: string }
  | { readonly mode: 'in-cluster' }
  | { readonly mode: 'demo' }
  | { readonly mode: 'none' };

export interface Config {
  readonly hubble: HubbleSource;
  readonly kube: KubeSource;
  /** True when Skymap runs on its embedded demo cluster; the UI says so. */
  readonly demo: boolean;
  readonly demoFlowRate: number;
  readonly tickMs: number;
  readonly flowHistory: number;
  readonly maxNodes: number;
  readonly maxEdges: number;
  readonly certExpiringDays: number;
  /** Sign-in (SKYMAP_AUTH_*), namespace scopes (SKYMAP_SCOPES_FILE) and the bind address check. */
  readonly auth: AuthSettings;
  /** Headers and query keys whose values become [redacted] (SKYMAP_REDACT_HEADERS, _QUERY_KEYS). */
  readonly redact: RedactRules;
  /** SKYMAP_NAMESPACES (namespace-scoped install): watched and shown namespaces; undefined = cluster-wide. */
  readonly namespaces: readonly string[] | undefined;
  /** TALOSCONFIG: talosconfig path for per-node Talos API data; undefined = Talos API not used. */
  readonly talosconfig?: string;
  /** SKYMAP_RELAY_FIELDS: every flow field from Relay, or the essential ones (a GetFlows field mask). */
  readonly relayFields: RelayFieldSet;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export function parseHostPort(setting: string, value: string): string {
  const trimmed = value.trim().replace(/^(dns:\/\/\/|tcp:\/\/)/, '');
  // [v6]:port, host:port
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(trimmed);
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || !(port > 0 && port < 65536)) {
    throw new ConfigError(setting, `expected host:port (e.g. hubble-relay.kube-system:80), got "${value}"`);
  }
  return trimmed;
}

function readableFile(setting: string, path: string | undefined): string | undefined {
  if (path === undefined || path.trim() === '') return undefined;
  try {
    accessSync(path, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(setting, `cannot read file "${path}" (${code})`);
  }
  return path;
}

function positiveNumber(env: Env, setting: string, fallback: number, max: number): number {
  const raw = env[setting];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new ConfigError(setting, `expected a number between 1 and ${max}, got "${raw}"`);
  }
  return value;
}

function relayFieldsFrom(env: Env): RelayFieldSet {
  const raw = env.SKYMAP_RELAY_FIELDS?.trim();
  if (raw === undefined || raw === '') return 'all';
  const set = RELAY_FIELD_SETS.find((name) => name === raw);
  if (set === undefined) {
    throw new ConfigError('SKYMAP_RELAY_FIELDS', `expected ${RELAY_FIELD_SETS.join(' or ')}, got "${raw}"`);
  }
  return set;
}

function hubbleFrom(env: Env): HubbleSource | undefined {
  const address = env.HUBBLE_RELAY_ADDR;
  if (address === undefined || address.trim() === '') return undefined;
  const tlsAddress = address.trim().startsWith('tls://');
  const hostPort = parseHostPort('HUBBLE_RELAY_ADDR', address.trim().replace(/^tls:\/\//, ''));
  const tls: RelayTls = {
    caFile: readableFile('HUBBLE_TLS_CA', env.HUBBLE_TLS_CA),
    certFile: readableFile('HUBBLE_TLS_CERT', env.HUBBLE_TLS_CERT),
    keyFile: readableFile('HUBBLE_TLS_KEY', env.HUBBLE_TLS_KEY),
    serverName: env.HUBBLE_TLS_SERVER_NAME?.trim() || undefined,
  };
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw new ConfigError(
      tls.certFile ? 'HUBBLE_TLS_KEY' : 'HUBBLE_TLS_CERT',
      'client certificate and key must be set together for mTLS',
    );
  }
  const anyTls = tlsAddress || Object.values(tls).some((v) => v !== undefined);
  return { mode: 'relay', address: hostPort, tls: anyTls ? tls : undefined };
}

function kubeFrom(env: Env): KubeSource | undefined {
  const kubeconfig = env.KUBECONFIG;
  if (kubeconfig !== undefined && kubeconfig.trim() !== '') {
    // client-node merges a path list; we validate the first, which it loads as the base.
    const first = kubeconfig.split(':')[0] ?? kubeconfig;
    const path = readableFile('KUBECONFIG', first)!;
    try {
      const text = readFileSync(/*turbopackIgnore: true*/ path, 'utf8');
      if (!/\bclusters\s*:/.test(text)) throw new Error('no clusters');
    } catch {
      throw new ConfigError('KUBECONFIG', `"${path}" is not a kubeconfig (no clusters: section)`);
    }
    return { mode: 'file', path };
  }
  if (env.KUBERNETES_SERVICE_HOST) {
    readableFile('KUBERNETES_SERVICE_HOST (in-cluster service account token)', IN_CLUSTER_TOKEN);
    return { mode: 'in-cluster' };
  }
  return undefined;
}

function authFrom(env: Env): AuthSettings {
  try {
    const auth = parseAuthSettings(env);
    // Read now so a broken scopes file stops start-up instead of locking people out later.
    if (auth.scopesFile !== undefined) cachedScopes(auth.scopesFile);
    return auth;
  } catch (err) {
    if (err instanceof AuthSettingError)
      throw new ConfigError(err.setting, err.message.slice(err.setting.length + 2));
    throw err;
  }
}

function namespacesFrom(env: Env): readonly string[] | undefined {
  const parsed = parseNamespacesSetting(env.SKYMAP_NAMESPACES);
  if (!parsed.ok) throw new ConfigError('SKYMAP_NAMESPACES', parsed.error);
  return parsed.namespaces;
}

function redactFrom(env: Env): RedactRules {
  const parsed = parseRedactRules({
    headers: env.SKYMAP_REDACT_HEADERS,
    queryKeys: env.SKYMAP_REDACT_QUERY_KEYS,
  });
  if (!parsed.ok) throw new ConfigError(parsed.setting, parsed.error);
  return parsed.rules;
}

function talosconfigFrom(env: Env): string | undefined {
  const path = readableFile('TALOSCONFIG', env.TALOSCONFIG?.trim());
  if (path === undefined) return undefined;
  const parsed = parseTalosconfig(readFileSync(/*turbopackIgnore: true*/ path, 'utf8'));
  if (!parsed.ok) {
    throw new ConfigError('TALOSCONFIG', `"${path}": ${parsed.error.slice('TALOSCONFIG: '.length)}`);
  }
  return path;
}

/** Throws ConfigError; callers print its message as the single line and exit. */
export function loadConfig(env: Env): Config {
  const hubble = hubbleFrom(env);
  const kube = kubeFrom(env);
  const demo = hubble === undefined && kube === undefined;
  return {
    hubble: hubble ?? { mode: demo ? 'demo' : 'none' },
    kube: kube ?? { mode: demo ? 'demo' : 'none' },
    demo,
    demoFlowRate: positiveNumber(env, 'SKYMAP_DEMO_FLOW_RATE', 300, 200_000),
    tickMs: positiveNumber(env, 'SKYMAP_TICK_MS', 1000, 60_000),
    flowHistory: Math.floor(positiveNumber(env, 'SKYMAP_FLOW_HISTORY', 20_000, 1_000_000)),
    maxNodes: Math.floor(positiveNumber(env, 'SKYMAP_MAX_NODES', 5_000, 1_000_000)),
    maxEdges: Math.floor(positiveNumber(env, 'SKYMAP_MAX_EDGES', 20_000, 5_000_000)),
    certExpiringDays: positiveNumber(env, 'SKYMAP_CERT_EXPIRING_DAYS', 14, 3650),
    auth: authFrom(env),
    redact: redactFrom(env),
    namespaces: namespacesFrom(env),
    talosconfig: talosconfigFrom(env),
    relayFields: relayFieldsFrom(env),
  };
}
