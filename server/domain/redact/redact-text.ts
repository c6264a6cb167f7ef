// Redaction of strings: a URL (precise: query and fragment pairs, userinfo password) and free text
// such as Hubble's Summary or a Referer/Location header value (heuristic: `?k=v` / `&k=v` pairs,
// `scheme://user:pass@`, and `Name: value` header mentions up to the end of the line). Every function
// returns the very same string when nothing was redacted, so callers can compare by identity.
import { isSensitiveHeader, isSensitiveQueryKey, REDACTED, type RedactRules } from './rules';

// Key stops at '=', separators and whitespace; value runs to the next separator or whitespace.
const TEXT_PAIR = /([?&#])([^=&#?\s]+)=([^&#\s]*)/g;
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#:@]*):([^\s/?#@]+)@/gi;
const HEADER_NAME = /(?:^|[^A-Za-z0-9-])([A-Za-z0-9-]+)[ \t]*:[ \t]*/g;
function isNameChar(code: number): boolean {
  // A-Z a-z 0-9 -
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45
  );
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** True when only blanks separate `start` from the beginning of the text or of a line. */
function atLineStart(text: string, start: number): boolean {
  let i = start;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i -= 1;
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  return before === 10 || before === 13;
}

/** Could a `Name:` ending at `colon` name a sensitive header? Copies the word only when it might. */
function mayBeHeaderAt(text: string, colon: number, rules: RedactRules): boolean {
  let end = colon;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end -= 1;
  let start = end;
  while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start -= 1;
  if (start === end) return false;
  // A word whose length no literal name has is dismissed without a copy ("TCP Flags: ACK").
  if (rules.headerNameLengths.has(end - start) && isSensitiveHeader(rules, text.slice(start, end)))
    return true;
  // Regex-configured names are only looked for where a header line can start.
  return rules.headers.patterns.length > 0 && atLineStart(text, start);
}

/**
 * Cheap test, one pass, no allocation for ordinary text: could `text` contain anything redactText
 * would change (a query or fragment, userinfo, a sensitive header mention)?
 */
export function textMayNeedRedaction(text: string, rules: RedactRules): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ? # @
    if (code === 63 || code === 35 || code === 64) return true;
    if (code === 58 && mayBeHeaderAt(text, i, rules)) return true;
  }
  return false;
}

function redactPairs(text: string, rules: RedactRules): string {
  if (text.indexOf('=') < 0) return text;
  let changed = false;
  const out = text.replace(TEXT_PAIR, (whole, sep: string, key: string, value: string, offset: number) => {
    if (value === '' || value === REDACTED || !isSensitiveQueryKey(rules, key)) return whole;
    // "(GET http://x/?token=abc)" — the closing parenthesis belongs to the Summary, not the value.
    const end = offset + whole.length;
    const closes = value.endsWith(')') && (end === text.length || /\s/.test(text.charAt(end)));
    if (closes && value.length === 1) return whole;
    changed = true;
    return `${sep}${key}=${REDACTED}${closes ? ')' : ''}`;
  });
  return changed ? out : text;
}

function redactUserinfo(text: string): string {
  if (text.indexOf('@') < 0) return text;
  let changed = false;
  const out = text.replace(USERINFO, (whole, prefix: string, password: string) => {
    if (password === REDACTED) return whole;
    changed = true;
    return `${prefix}:${REDACTED}@`;
  });
  return changed ? out : text;
}

function redactHeaderMentions(text: string, rules: RedactRules): string {
  let out = '';
  let copied = 0;
  HEADER_NAME.lastIndex = 0;
  for (let match = HEADER_NAME.exec(text); match !== null; match = HEADER_NAME.exec(text)) {
    const name = match[1] ?? '';
    const valueStart = match.index + match[0].length;
    if (!isSensitiveHeader(rules, name)) {
      // Re-scan from just after the name so "X-A: 1 Authorization: b" still finds the second one.
      HEADER_NAME.lastIndex = Math.max(match.index + 1, valueStart - 1);
      continue;
    }
    let lineEnd = valueStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd += 1;
    const value = text.slice(valueStart, lineEnd);
    if (value !== '' && value !== REDACTED) {
      out += text.slice(copied, valueStart) + REDACTED;
      copied = lineEnd;
    }
    HEADER_NAME.lastIndex = lineEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Free text (Summary, non-sensitive header values): query pairs, userinfo, header mentions. */
export function redactText(text: string, rules: RedactRules): string {
  if (!textMayNeedRedaction(text, rules)) return text;
  let out = redactPairs(text, rules);
  out = redactUserinfo(out);
  if (out.indexOf(':') >= 0) out = redactHeaderMentions(out, rules);
  return out;
}

function redactPairList(list: string, rules: RedactRules): string {
  if (list.indexOf('=') < 0) return list;
  let changed = false;
  const pairs = list.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) return pair;
    const value = pair.slice(eq + 1);
    if (value === '' || value === REDACTED || !isSensitiveQueryKey(rules, pair.slice(0, eq))) return pair;
    changed = true;
    return `${pair.slice(0, eq + 1)}${REDACTED}`;
  });
  return changed ? pairs.join('&') : list;
}

/** A URL as Hubble reports it (`l7.http.url`): query and fragment pairs, userinfo password. */
export function redactUrl(url: string, rules: RedactRules): string {
  const hashAt = url.indexOf('#');
  const queryAt = url.indexOf('?');
  if (queryAt < 0 && hashAt < 0 && url.indexOf('@') < 0) return url;
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? undefined : url.slice(hashAt + 1);
  const q = beforeHash.indexOf('?');
  let base = q < 0 ? beforeHash : beforeHash.slice(0, q);
  const query = q < 0 ? undefined : beforeHash.slice(q + 1);
  base = redactUserinfo(base);
  const newQuery = query === undefined ? undefined : redactPairList(query, rules);
  const newFragment = fragment === undefined ? undefined : redactPairList(fragment, rules);
  const out =
    base +
    (newQuery === undefined ? '' : `?${newQuery}`) +
    (newFragment === undefined ? '' : `#${newFragment}`);
  return out === url ? url : out;
}

/** One header value: the whole value for a sensitive name, else any URL secrets inside it. */
export function redactHeaderValue(name: string, value: string, rules: RedactRules): string {
  if (value === '' || value === REDACTED) return value;
  if (isSensitiveHeader(rules, name)) return REDACTED;
  return redactText(value, rules);
}
