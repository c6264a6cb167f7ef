// Pattern languages Hubble accepts in filters: FQDN wildcards, node-name globs with an optional
// cluster part, and RE2 regular expressions (dns_query, http_path, http_url). Hubble evaluates RE2;
// Skymap evaluates the same text as a JS RegExp, so only the RE2 subset whose meaning is the same in
// both engines is accepted, and constructs that backtrack catastrophically in JS are refused.

const FQDN_ELEMENT = '(?:[-0-9_a-z]+(?:\\.[-0-9_a-z]+)*)';

/** Hubble's canonicalizeFQDNPattern + appendFQDNPatternRegexp. */
function fqdnPatternSource(raw: string): { source: string } | { error: string } {
  let pattern = raw.trim();
  if (pattern.endsWith('.')) pattern = pattern.slice(0, -1);
  pattern = pattern.toLowerCase();
  if (pattern === '') return { error: `invalid pattern "${raw}": empty pattern` };
  if (pattern.endsWith('.')) return { error: `invalid pattern "${raw}": multiple trailing dots` };
  let source = '';
  for (const ch of pattern) {
    if (ch === '.') source += '\\.';
    else if (ch === '*') source += '[-.0-9a-z]*';
    else if (/^[-0-9_a-z]$/.test(ch)) source += ch;
    else return { error: `invalid pattern "${raw}": invalid character "${ch}"` };
  }
  return { source };
}

export function checkFqdnPattern(raw: string): string | null {
  const r = fqdnPatternSource(raw);
  return 'error' in r ? r.error : null;
}

export function compileFqdnPatterns(patterns: readonly string[]): { regex: RegExp } | { error: string } {
  const parts: string[] = [];
  for (const p of patterns) {
    const r = fqdnPatternSource(p);
    if ('error' in r) return r;
    parts.push(r.source);
  }
  return { regex: new RegExp(`^(?:${parts.join('|')})$`) };
}

function nodePatternParts(raw: string): { cluster: string; node: string } | { error: string } {
  if (raw === '') return { error: 'invalid node name pattern "": empty pattern' };
  const elems = raw.split('/');
  if (elems.length > 2) return { error: `invalid node name pattern "${raw}": too many slashes` };
  const [a = '', b] = elems;
  const cluster = b === undefined ? '' : a;
  const node = b === undefined ? a : b;
  const side = (p: string) => {
    if (p === '') return { source: FQDN_ELEMENT };
    const r = fqdnPatternSource(p);
    return 'error' in r ? { error: r.error.replace('invalid pattern', 'invalid node name pattern') } : r;
  };
  const c = side(cluster);
  if ('error' in c) return c;
  const n = side(node);
  if ('error' in n) return n;
  return { cluster: c.source, node: n.source };
}

export function checkNodeNamePattern(raw: string): string | null {
  const r = nodePatternParts(raw);
  return 'error' in r ? r.error : null;
}

/**
 * Hubble prefixes node names that carry no cluster with "default/" before matching. Rather than
 * concatenate per flow, bare names are matched against the node parts of the patterns whose
 * cluster part accepts "default".
 */
export function compileNodeNamePatterns(
  patterns: readonly string[],
): { match: (name: string | undefined) => boolean } | { error: string } {
  const full: string[] = [];
  const bare: string[] = [];
  for (const p of patterns) {
    const r = nodePatternParts(p);
    if ('error' in r) return r;
    full.push(`${r.cluster}/${r.node}`);
    if (new RegExp(`^(?:${r.cluster})$`).test('default')) bare.push(r.node);
  }
  const fullRe = new RegExp(`^(?:${full.join('|')})$`);
  const bareRe = bare.length > 0 ? new RegExp(`^(?:${bare.join('|')})$`) : null;
  return {
    match: (name) => {
      if (name === undefined || name === '') return false;
      if (name.includes('/')) return fullRe.test(name);
      return bareRe?.test(name) ?? false;
    },
  };
}

const REPEAT_BRACE = /^\{(\d+)(,(\d*))?\}/;

interface GroupState {
  repeats: boolean;
  alternates: boolean;
}

/** Compiles an RE2 pattern as a JS RegExp, refusing what the two engines disagree on. */
export function compileRe2(pattern: string): { regex: RegExp } | { error: string } {
  const fail = (why: string) => ({ error: `invalid regular expression "${pattern}": ${why}` });
  let flags = '';
  let i = 0;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  if (lead) {
    for (const f of lead[1] ?? '') {
      if (f !== 'i' && f !== 'm' && f !== 's') return fail(`flag "${f}" is not supported`);
      if (!flags.includes(f)) flags += f;
    }
    i = lead[0].length;
  }
  let out = '';
  let inClass = false;
  const stack: GroupState[] = [{ repeats: false, alternates: false }];
  const top = () => stack[stack.length - 1] ?? { repeats: false, alternates: false };
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === '\\') {
      const c = pattern.charAt(i + 1);
      if (c === '') return fail('trailing backslash');
      if (/[0-9]/.test(c)) return fail('back-references and octal escapes are not supported');
      if ('kpPQCcu'.includes(c)) return fail(`"\\${c}" is not supported`);
      if (c === 'x' && pattern.charAt(i + 2) === '{') return fail('"\\x{…}" is not supported');
      if ((c === 'z' || c === 'A') && !inClass) {
        if (flags.includes('m')) return fail(`"\\${c}" cannot be combined with the m flag`);
        out += c === 'z' ? '$' : '^';
      } else {
        out += ch + c;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      const rest = pattern.slice(i);
      if (rest.startsWith('[]') || rest.startsWith('[^]')) return fail('"[]" classes are not supported');
      if (rest.startsWith('[[:')) return fail('POSIX classes are not supported');
      inClass = true;
      out += ch;
      i++;
      continue;
    }
    if (ch === '(') {
      const rest = pattern.slice(i);
      if (rest.startsWith('(?P<')) {
        out += '(?<';
        i += 4;
      } else if (rest.startsWith('(?:')) {
        out += '(?:';
        i += 3;
      } else if (rest.startsWith('(?<') && !rest.startsWith('(?<=') && !rest.startsWith('(?<!')) {
        out += '(?<';
        i += 3;
      } else if (rest.startsWith('(?')) {
        return fail('look-around and inline flags inside the pattern are not supported');
      } else {
        out += ch;
        i++;
      }
      stack.push({ repeats: false, alternates: false });
      continue;
    }
    if (ch === ')') {
      const closed = stack.pop();
      if (closed === undefined || stack.length === 0) return fail('unbalanced ")"');
      out += ch;
      i++;
      const q = pattern.charAt(i);
      const brace = REPEAT_BRACE.exec(pattern.slice(i));
      const repeated =
        q === '*' || q === '+' || (brace !== null && (brace[2] !== undefined || brace[1] !== '1'));
      if (repeated && (closed.repeats || closed.alternates)) {
        return fail('a repeated group may not contain repetition or alternation (catastrophic backtracking)');
      }
      if (closed.repeats || repeated) top().repeats = true;
      continue;
    }
    if (ch === '|') top().alternates = true;
    if (ch === '*' || ch === '+') top().repeats = true;
    if (ch === '{') {
      const brace = REPEAT_BRACE.exec(pattern.slice(i));
      if (brace !== null && (brace[2] !== undefined || brace[1] !== '1')) top().repeats = true;
    }
    out += ch;
    i++;
  }
  if (inClass) return fail('unterminated "["');
  if (stack.length !== 1) return fail('unbalanced "("');
  try {
    return { regex: new RegExp(out, flags) };
  } catch (e) {
    return fail(e instanceof Error ? e.message : 'does not compile');
  }
}

/** Any C0 control character or DEL (Go's stringContainsCTLByte, and what validation refuses). */
export function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function percentDecode(s: string): string | null {
  if (!s.includes('%')) return s;
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  }
}

/**
 * The path Go's url.ParseRequestURI(u).Path yields (Hubble's http_path filter matches this), or
 * null when Go would fail to parse (Hubble then drops the flow silently).
 */
export function requestUriPath(raw: string): string | null {
  if (raw === '' || hasControlChar(raw)) return null;
  let rest = raw;
  let hasScheme = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return null;
      hasScheme = true;
      rest = raw.slice(i + 1);
    }
    break;
  }
  if (rest === '*' && !hasScheme) return '*';
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) return hasScheme ? '' : null;
  if (hasScheme && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = rest.slice(2, slash < 0 ? undefined : slash);
    // Go's parseAuthority rejects a non-numeric port; Hubble then drops the flow.
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !host.endsWith(']') && !/^[0-9]*$/.test(host.slice(colon + 1))) return null;
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return percentDecode(rest);
}
