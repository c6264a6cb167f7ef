// The authentication settings of this process, parsed from process.env once per bundle. boot()
// validates the same variables at start-up and exits on error, so a failure here means the proxy
// or a route runs without that check (dev) — callers fail closed.
import { type AuthSettings, parseAuthSettings } from './settings';

const VARIABLES = [
  'SKYMAP_AUTH_TOKEN',
  'SKYMAP_AUTH_PROXY_HEADER',
  'SKYMAP_AUTH_PROXY_GROUPS_HEADER',
  'SKYMAP_AUTH_PROXY_ADDRESSES',
  'SKYMAP_AUTH_SESSION_HOURS',
  'SKYMAP_SCOPES_FILE',
  'SKYMAP_HOST',
  'HOSTNAME',
] as const;

let cached: { key: string; result: AuthSettings | Error } | undefined;

export function currentAuthSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AuthSettings {
  const key = VARIABLES.map((name) => env[name] ?? '').join('\u0000');
  if (cached?.key !== key) {
    let result: AuthSettings | Error;
    try {
      result = parseAuthSettings(env);
    } catch (err) {
      result = err instanceof Error ? err : new Error(String(err));
    }
    cached = { key, result };
  }
  if (cached.result instanceof Error) throw cached.result;
  return cached.result;
}
