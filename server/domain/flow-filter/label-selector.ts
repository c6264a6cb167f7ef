// Kubernetes label-selector syntax evaluated against Cilium label strings ("k8s:app=web",
// "reserved:host"), the way Hubble's label filter does it: a selector key "src:key" only matches
// labels of that source, a bare key matches any source (Hubble rewrites it to "any:key"); requirements
// separated by commas are AND-ed. Grammar and validation follow k8s.io/apimachinery labels.Parse.

type Op = 'exists' | 'not-exists' | 'in' | 'not-in' | 'gt' | 'lt';

interface Requirement {
  /** null = any source. */
  readonly source: string | null;
  readonly key: string;
  readonly op: Op;
  readonly values: readonly string[];
  readonly bound: number;
}

export interface LabelSelector {
  readonly requirements: readonly Requirement[];
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '<', '>']);

type Token = { kind: 'id' | 'op' | 'eos'; text: string };

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (SPECIAL.has(ch)) {
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else {
        tokens.push({ kind: 'op', text: ch });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < text.length && !SPECIAL.has(text.charAt(j)) && !/\s/.test(text.charAt(j))) j++;
    tokens.push({ kind: 'id', text: text.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: 'eos', text: '' });
  return tokens;
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1] ?? '';
  if (name.length > 63 || !NAME_RE.test(name)) return false;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    return prefix.length > 0 && prefix.length <= 253 && DNS_SUBDOMAIN_RE.test(prefix);
  }
  return true;
}

/** Hubble turns "src:key" into "src.key" and "key" into "any.key" before k8s parses it. */
function splitSelectorKey(rawKey: string): { translated: string; source: string | null; key: string } {
  const translated = rawKey.includes(':') ? rawKey.replace(':', '.') : `any.${rawKey}`;
  let source: string;
  let key: string;
  if (translated.startsWith('$')) {
    source = 'reserved';
    key = translated.slice(1);
  } else {
    const dot = translated.indexOf('.');
    source = translated.slice(0, dot);
    key = translated.slice(dot + 1);
  }
  return { translated, source: source === '' || source === 'any' ? null : source, key };
}

const OPS: ReadonlyMap<string, Op> = new Map([
  ['=', 'in'],
  ['==', 'in'],
  ['!=', 'not-in'],
  ['in', 'in'],
  ['notin', 'not-in'],
]);

export function parseLabelSelector(text: string): { selector: LabelSelector } | { error: string } {
  const tokens = lex(text);
  let pos = 0;
  const peek = (): Token => tokens[pos] ?? { kind: 'eos', text: '' };
  const next = (): Token => tokens[pos++] ?? { kind: 'eos', text: '' };
  const requirements: Requirement[] = [];
  const fail = (why: string) => ({ error: `invalid label selector "${text}": ${why}` });
  if (peek().kind === 'eos') return fail('empty selector');
  for (;;) {
    let op: Op | null = null;
    if (peek().kind === 'op' && peek().text === '!') {
      next();
      op = 'not-exists';
    }
    const keyToken = next();
    if (keyToken.kind !== 'id') return fail(`expected a label key, found "${keyToken.text || 'end'}"`);
    const { translated, source, key } = splitSelectorKey(keyToken.text);
    if (!isQualifiedName(translated)) return fail(`invalid label key "${keyToken.text}"`);
    let values: string[] = [];
    let bound = 0;
    const after = peek();
    if (op === null && (after.kind === 'eos' || (after.kind === 'op' && after.text === ','))) {
      op = 'exists';
    } else if (op === null) {
      const opToken = next();
      const mapped = OPS.get(opToken.text);
      if (opToken.text === '>' || opToken.text === '<') {
        const v = next();
        if (v.kind !== 'id' || !/^[+-]?[0-9]+$/.test(v.text)) return fail('">" and "<" need an integer');
        op = opToken.text === '>' ? 'gt' : 'lt';
        bound = Number(v.text);
      } else if (mapped === undefined) {
        return fail(`unknown operator "${opToken.text || 'end'}"`);
      } else if (opToken.text === 'in' || opToken.text === 'notin') {
        if (next().text !== '(') return fail(`"${opToken.text}" needs a parenthesised value list`);
        if (peek().text === ')') return fail(`"${opToken.text}" needs at least one value`);
        for (;;) {
          const t = peek();
          if (t.kind === 'id') {
            values.push(next().text);
          } else if (t.text === ',' || t.text === ')') {
            values.push('');
          } else {
            return fail('unterminated value list');
          }
          const sep = next();
          if (sep.text === ')') break;
          if (sep.text !== ',') return fail('unterminated value list');
        }
        op = mapped;
      } else {
        const v = peek();
        if (v.kind === 'id') values = [next().text];
        else if (v.kind === 'eos' || v.text === ',') values = [''];
        else return fail(`expected a value after "${opToken.text}"`);
        op = mapped;
      }
    }
    for (const v of values) {
      if (v.length > 63 || !LABEL_VALUE_RE.test(v)) return fail(`invalid label value "${v}"`);
    }
    requirements.push({ source, key, op, values, bound });
    const sep = next();
    if (sep.kind === 'eos') break;
    if (sep.text !== ',') return fail(`unexpected "${sep.text}"`);
    if (peek().kind === 'eos') return fail('trailing ","');
  }
  return { selector: { requirements } };
}

// Scratch positions of the label being inspected; labels are parsed in place, never split.
let srcKind = 0; // 0: s[0, srcEnd) · 1: "reserved" · 2: "unspec"
let srcEnd = 0;
let keyStart = 0;
let keyEnd = 0;
let valueStart = -1;

/** Cilium's ParseLabel(str) with ':' as the source delimiter. */
function splitLabel(s: string): void {
  let next = 0;
  if (s.startsWith('$')) {
    srcKind = 1;
    next = 1;
  } else {
    const colon = s.indexOf(':');
    if (colon < 0) {
      if (s.startsWith('reserved.')) {
        srcKind = 1;
        next = 9;
      } else {
        srcKind = 2;
      }
    } else {
      srcKind = 0;
      srcEnd = colon;
      next = colon + 1;
    }
  }
  const eq = s.indexOf('=', next);
  if (eq < 0) {
    keyStart = next;
    keyEnd = s.length;
    valueStart = -1;
  } else if (eq === next && srcKind === 1) {
    keyStart = eq + 1;
    keyEnd = s.length;
    valueStart = -1;
  } else {
    keyStart = next;
    keyEnd = eq;
    valueStart = eq + 1;
  }
}

function labelHasKey(s: string, r: Requirement): boolean {
  splitLabel(s);
  if (keyEnd - keyStart !== r.key.length || !s.startsWith(r.key, keyStart)) return false;
  if (r.source === null) return true;
  if (srcKind === 1) return r.source === 'reserved';
  if (srcKind === 2) return r.source === 'unspec';
  return srcEnd === r.source.length && s.startsWith(r.source);
}

function valueIs(s: string, v: string): boolean {
  if (valueStart < 0) return v === '';
  return s.length - valueStart === v.length && s.startsWith(v, valueStart);
}

function valueIn(s: string, values: readonly string[]): boolean {
  for (const v of values) if (valueIs(s, v)) return true;
  return false;
}

function valueAsInt(s: string): number {
  if (valueStart < 0 || valueStart >= s.length) return Number.NaN;
  let i = valueStart;
  let sign = 1;
  const first = s.charCodeAt(i);
  if (first === 43 || first === 45) {
    sign = first === 45 ? -1 : 1;
    i++;
  }
  if (i >= s.length) return Number.NaN;
  let n = 0;
  for (; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return sign * n;
}

function requirementMatches(r: Requirement, labels: readonly string[]): boolean {
  // Like LabelArray.Get, the first label with the key decides; the split positions it leaves in the
  // scratch variables are read right after.
  let found: string | undefined;
  for (const label of labels) {
    if (labelHasKey(label, r)) {
      found = label;
      break;
    }
  }
  switch (r.op) {
    case 'exists':
      return found !== undefined;
    case 'not-exists':
      return found === undefined;
    case 'in':
      return found !== undefined && valueIn(found, r.values);
    case 'not-in':
      return found === undefined || !valueIn(found, r.values);
    case 'gt':
      return found !== undefined && valueAsInt(found) > r.bound;
    case 'lt':
      return found !== undefined && valueAsInt(found) < r.bound;
  }
}

export function selectorMatches(selector: LabelSelector, labels: readonly string[] | undefined): boolean {
  const list = labels ?? [];
  for (const r of selector.requirements) if (!requirementMatches(r, list)) return false;
  return true;
}
