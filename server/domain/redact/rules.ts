// Which HTTP headers and URL query keys carry secrets. Built once from configuration
// (SKYMAP_REDACT_HEADERS, SKYMAP_REDACT_QUERY_KEYS); both settings ADD to the defaults, so an operator
// can widen redaction but never switch the built-in protection off by a typo.

export const REDACTED = '[redacted]';

/** Always redacted, whatever the configuration says. */
export const DEFAULT_REDACT_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
];

/**
 * Query keys whose values are redacted. A key matches when it equals an entry or its last word part
 * does (`access_token`, `client_secret`, `X-Amz-Signature`, `apiKey`), case-insensitively.
 */
export const DEFAULT_REDACT_QUERY_KEYS: readonly string[] = [
  'token',
  'password',
  'passwd',
  'pwd',
  'secret',
  'key',
  'apikey',
  'signature',
  'sig',
  'code',
  'auth',
  'credential',
  'credentials',
  'session',
  'sessionid',
  'jwt',
  'otp',
];

export interface NameMatcher {
  /** Lower-case literal names. */
  readonly names: ReadonlySet<string>;
  /** From `/regex/` entries; always case-insensitive, never global (no lastIndex state). */
  readonly patterns: readonly RegExp[];
}

export interface RedactRules {
  readonly headers: NameMatcher;
  readonly queryKeys: NameMatcher;
  /** Lengths of the literal header names: most words in free text are ruled out without a copy. */
  readonly headerNameLengths: ReadonlySet<number>;
}

export type ParseRedactRulesResult =
  | { readonly ok: true; readonly rules: RedactRules }
  | { readonly ok: false; readonly setting: string; readonly error: string };

// A `/regex/flags` entry (commas allowed inside) or a plain comma-free name.
const ENTRY = /\s*(\/(?:\\.|[^\\/])+\/[a-z]*|[^,]*?)\s*(?:,|$)/gy;
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_SETTING_LENGTH = 8192;

function splitEntries(raw: string): string[] {
  const entries: string[] = [];
  ENTRY.lastIndex = 0;
  while (ENTRY.lastIndex < raw.length) {
    const start = ENTRY.lastIndex;
    const match = ENTRY.exec(raw);
    if (match === null || ENTRY.lastIndex === start) break;
    const entry = match[1] ?? '';
    if (entry !== '') entries.push(entry);
  }
  return entries;
}

function parseMatcher(
  setting: string,
  raw: string | undefined,
  defaults: readonly string[],
  validName: (name: string) => boolean,
): { ok: true; matcher: NameMatcher } | { ok: false; setting: string; error: string } {
  const names = new Set(defaults);
  const patterns: RegExp[] = [];
  if (raw !== undefined && raw.trim() !== '') {
    if (raw.length > MAX_SETTING_LENGTH) {
      return { ok: false, setting, error: `longer than ${MAX_SETTING_LENGTH} characters` };
    }
    for (const entry of splitEntries(raw)) {
      if (entry.startsWith('/')) {
        const end = entry.lastIndexOf('/');
        const flags = entry.slice(end + 1);
        if (end <= 0 || /[^i]/.test(flags)) {
          return { ok: false, setting, error: `"${entry}": a regex is written /pattern/ (only the i flag)` };
        }
        try {
          patterns.push(new RegExp(entry.slice(1, end), 'i'));
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          return { ok: false, setting, error: `"${entry}" is not a valid regular expression (${why})` };
        }
      } else if (validName(entry)) {
        names.add(entry.toLowerCase());
      } else {
        return {
          ok: false,
          setting,
          error: `"${entry}" is not a valid name; use comma-separated names or /regex/`,
        };
      }
    }
  }
  return { ok: true, matcher: { names, patterns } };
}

function buildRules(headers: NameMatcher, queryKeys: NameMatcher): RedactRules {
  return { headers, queryKeys, headerNameLengths: new Set([...headers.names].map((n) => n.length)) };
}

/** Settings → rules; an invalid entry names the setting so start-up can stop with one line. */
export function parseRedactRules(settings: {
  readonly headers?: string;
  readonly queryKeys?: string;
}): ParseRedactRulesResult {
  const headers = parseMatcher('SKYMAP_REDACT_HEADERS', settings.headers, DEFAULT_REDACT_HEADERS, (n) =>
    HEADER_TOKEN.test(n),
  );
  if (!headers.ok) return headers;
  const queryKeys = parseMatcher(
    'SKYMAP_REDACT_QUERY_KEYS',
    settings.queryKeys,
    DEFAULT_REDACT_QUERY_KEYS,
    (n) => !/[=&#?\s]/.test(n),
  );
  if (!queryKeys.ok) return queryKeys;
  return { ok: true, rules: buildRules(headers.matcher, queryKeys.matcher) };
}

export const DEFAULT_REDACT_RULES: RedactRules = buildRules(
  { names: new Set(DEFAULT_REDACT_HEADERS), patterns: [] },
  { names: new Set(DEFAULT_REDACT_QUERY_KEYS), patterns: [] },
);

export function isSensitiveHeader(rules: RedactRules, name: string): boolean {
  const { names, patterns } = rules.headers;
  if (rules.headerNameLengths.has(name.length) && names.has(name.toLowerCase())) return true;
  for (const pattern of patterns) if (pattern.test(name)) return true;
  return false;
}

function lastWordPart(key: string): string {
  // camelCase boundary first (apiKey → api Key), then any non-alphanumeric run separates parts.
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const parts = spaced.split(/[^a-z0-9]+/).filter((p) => p !== '');
  return parts.at(-1) ?? '';
}

function decodeKey(key: string): string {
  if (!key.includes('%') && !key.includes('+')) return key;
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

export function isSensitiveQueryKey(rules: RedactRules, rawKey: string): boolean {
  const key = decodeKey(rawKey);
  const { names, patterns } = rules.queryKeys;
  if (names.has(key.toLowerCase())) return true;
  if (names.has(lastWordPart(key))) return true;
  for (const pattern of patterns) if (pattern.test(key)) return true;
  return false;
}
