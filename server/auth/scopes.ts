// Namespace scoping per user or group (SKYMAP_SCOPES_FILE). The file maps users and groups to the
// namespaces they may see; a person gets the union over their user entry and every group they are
// in, `default` when nothing matches, and nothing when there is no default. `*` means all.
//
//   default: []                  # optional
//   users:
//     alice@example.com: ["*"]
//     bob@example.com: [shop, payments]
//   groups:
//     sre: ["*"]
//     team-shop: [shop, shop-staging]
import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument } from 'yaml';

/** `all`, or the namespaces allowed (sorted, unique; empty = nothing). */
export type NamespaceScope = 'all' | readonly string[];

export interface ScopeRules {
  readonly users: ReadonlyMap<string, NamespaceScope>;
  readonly groups: ReadonlyMap<string, NamespaceScope>;
  /** For people no entry matches; absent in the file means no namespaces. */
  readonly default: NamespaceScope;
}

export class ScopesError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'ScopesError';
  }
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MAX_NAME_LENGTH = 256;

function lineOf(counter: LineCounter, node: { range?: [number, number, number] | null } | null | undefined) {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

function namespaceList(counter: LineCounter, node: unknown, where: string): NamespaceScope {
  const at = node as Node | null;
  if (!isSeq(at)) {
    throw new ScopesError(
      lineOf(counter, at),
      `${where}: expected a list of namespaces (e.g. [shop, payments] or ["*"])`,
    );
  }
  const out = new Set<string>();
  for (const item of at.items) {
    if (!isScalar(item) || typeof item.value !== 'string') {
      throw new ScopesError(lineOf(counter, item as Node), `${where}: every entry must be a namespace name`);
    }
    const name = item.value.trim();
    if (name === '*') return 'all';
    if (!NAMESPACE.test(name)) {
      throw new ScopesError(lineOf(counter, item), `${where}: "${name}" is not a namespace name`);
    }
    out.add(name);
  }
  return [...out].sort();
}

function entries(counter: LineCounter, node: unknown, section: string): Map<string, NamespaceScope> {
  const at = node as Node | null;
  const out = new Map<string, NamespaceScope>();
  if (at === null || (isScalar(at) && at.value === null)) return out;
  if (!isMap(at))
    throw new ScopesError(lineOf(counter, at), `${section}: expected a mapping of names to lists`);
  for (const pair of at.items as Pair<unknown, unknown>[]) {
    const key = pair.key as Node | null;
    const name = isScalar(key) && key.value !== null ? String(key.value).trim() : '';
    if (name === '' || name.length > MAX_NAME_LENGTH) {
      throw new ScopesError(lineOf(counter, key), `${section}: expected a non-empty name`);
    }
    out.set(name, namespaceList(counter, pair.value, `${section}.${name}`));
  }
  return out;
}

/** Throws ScopesError naming the line. */
export function parseScopes(text: string): ScopeRules {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0].line ?? 1;
    throw new ScopesError(line, `not valid YAML (${first.code}): ${first.message.split('\n')[0] ?? ''}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    throw new ScopesError(1, 'the file is empty; expected users:, groups: and/or default:');
  }
  if (!isMap(root))
    throw new ScopesError(lineOf(counter, root), 'expected a mapping with users:, groups:, default:');
  let users = new Map<string, NamespaceScope>();
  let groups = new Map<string, NamespaceScope>();
  let fallback: NamespaceScope = [];
  for (const pair of root.items as Pair<unknown, unknown>[]) {
    const key = pair.key as Node | null;
    const name = isScalar(key) ? String(key.value) : '';
    if (name === 'users') users = entries(counter, pair.value, 'users');
    else if (name === 'groups') groups = entries(counter, pair.value, 'groups');
    else if (name === 'default') fallback = namespaceList(counter, pair.value, 'default');
    else
      throw new ScopesError(
        lineOf(counter, key),
        `unknown key "${name}" (expected users, groups or default)`,
      );
  }
  return { users, groups, default: fallback };
}

/** Union of the user's entry and their groups' entries; `default` when none matches. */
export function namespacesFor(
  rules: ScopeRules,
  user: string | null,
  groups: readonly string[],
): NamespaceScope {
  const matched: NamespaceScope[] = [];
  const own = user === null ? undefined : rules.users.get(user);
  if (own !== undefined) matched.push(own);
  for (const group of groups) {
    const scope = rules.groups.get(group);
    if (scope !== undefined) matched.push(scope);
  }
  if (matched.length === 0) return rules.default;
  const union = new Set<string>();
  for (const scope of matched) {
    if (scope === 'all') return 'all';
    for (const ns of scope) union.add(ns);
  }
  return [...union].sort();
}
