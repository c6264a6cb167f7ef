// Test-only loader for the real sample objects in /work/shared/fixtures/k8s (the repo's sibling
// `../shared`). YAML `List`s are flattened to their items.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const K8S_FIXTURE_DIR = path.resolve(__dirname, '../../../../../shared/fixtures/k8s');

export function readFixtureText(relative: string): string {
  return readFileSync(path.join(K8S_FIXTURE_DIR, relative), 'utf8');
}

export function readFixtureJson(relative: string): unknown {
  return JSON.parse(readFixtureText(relative));
}

/**
 * Every object in a YAML fixture. `dropElisions` removes the literal `...` / `[...]` lines that
 * verbatim documentation excerpts contain (they are not YAML), keeping the rest as published.
 */
export function loadFixtureObjects(relative: string, opts: { dropElisions?: boolean } = {}): unknown[] {
  let text = readFixtureText(relative);
  if (opts.dropElisions === true) {
    text = text
      .split('\n')
      .filter((line) => !/^\s*(\.\.\.|\[\.\.\.\])\s*$/.test(line))
      .join('\n');
  }
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${relative}: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const v = value as { kind?: unknown; items?: unknown };
    if (v.kind === 'List' && Array.isArray(v.items)) out.push(...v.items);
    else out.push(value);
  }
  return out;
}

export function ofKind(objects: readonly unknown[], kind: string): unknown[] {
  return objects.filter((o) => (o as { kind?: unknown }).kind === kind);
}

/** A deep copy with every RFC3339 string under the given keys turned into a Date (typed-list delivery). */
export function withDates(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withDates(v, keys));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = keys.has(k) && typeof v === 'string' && v !== '' ? new Date(v) : withDates(v, keys);
    }
    return out;
  }
  return value;
}
