// Reads SKYMAP_SCOPES_FILE. The file is read at start-up (config validation) and cached per path;
// editing it takes effect on restart, which keeps a half-written file from changing access live.
import { readFileSync, statSync } from 'node:fs';
import { parseScopes, type ScopeRules, ScopesError } from './scopes';
import { AuthSettingError } from './settings';

const MAX_BYTES = 1024 * 1024;
const SETTING = 'SKYMAP_SCOPES_FILE';

export function readScopesFile(path: string): ScopeRules {
  let text: string;
  try {
    const size = statSync(/*turbopackIgnore: true*/ path).size;
    if (size > MAX_BYTES) throw new AuthSettingError(SETTING, `${path} is larger than 1 MB`);
    text = readFileSync(/*turbopackIgnore: true*/ path, 'utf8');
  } catch (err) {
    if (err instanceof AuthSettingError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AuthSettingError(SETTING, `cannot read file "${path}" (${code})`);
  }
  try {
    return parseScopes(text);
  } catch (err) {
    if (err instanceof ScopesError) throw new AuthSettingError(SETTING, `${path} ${err.message}`);
    throw err;
  }
}

const cache = new Map<string, ScopeRules>();

export function cachedScopes(path: string): ScopeRules {
  let rules = cache.get(path);
  if (rules === undefined) {
    rules = readScopesFile(path);
    cache.set(path, rules);
  }
  return rules;
}
