// Label and field selectors with the grammar the real API server accepts
// (k8s.io/apimachinery labels.Parse / fields.ParseSelector semantics).

import type { KubeObject } from './types';

export type LabelRequirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'in' | 'notin'; key: string; values: readonly string[] }
  | { op: 'gt' | 'lt'; key: string; value: number };

export interface FieldRequirement {
  path: string;
  op: '=' | '!=';
  value: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const KEY_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside a `( … )` value set. */
function splitTopLevel(input: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of input) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function parseRequirement(text: string): LabelRequirement | string {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (setMatch) {
    const [, key = '', op = 'in', list = ''] = setMatch;
    const values = list
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (!KEY_RE.test(key)) return `invalid label key "${key}"`;
    const bad = values.find((value) => !VALUE_RE.test(value));
    if (bad !== undefined) return `invalid label value "${bad}"`;
    return { op: op === 'in' ? 'in' : 'notin', key, values };
  }
  const opMatch = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(.*)$/.exec(text);
  if (opMatch) {
    const [, key = '', op = '=', rawValue = ''] = opMatch;
    const value = rawValue.trim();
    if (!KEY_RE.test(key)) return `invalid label key "${key}"`;
    if (op === '<' || op === '>') {
      const number = Number(value);
      if (value === '' || !Number.isInteger(number)) return `invalid integer value "${value}" for ${op}`;
      return { op: op === '<' ? 'lt' : 'gt', key, value: number };
    }
    if (!VALUE_RE.test(value)) return `invalid label value "${value}"`;
    return { op: op === '!=' ? 'notin' : 'in', key, values: [value] };
  }
  const negated = text.startsWith('!');
  const key = negated ? text.slice(1).trim() : text;
  if (!KEY_RE.test(key)) return `unable to parse requirement "${text}"`;
  return { op: negated ? 'notexists' : 'exists', key };
}

export function parseLabelSelector(input: string | null | undefined): ParseResult<LabelRequirement[]> {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(input ?? '')) {
    const parsed = parseRequirement(part);
    if (typeof parsed === 'string') return { ok: false, error: `unable to parse labelSelector: ${parsed}` };
    requirements.push(parsed);
  }
  return { ok: true, value: requirements };
}

export function matchesLabels(
  labels: Readonly<Record<string, string>> | undefined,
  requirements: readonly LabelRequirement[],
): boolean {
  const has = (key: string) => labels !== undefined && Object.hasOwn(labels, key);
  return requirements.every((req) => {
    const value = labels?.[req.key];
    switch (req.op) {
      case 'exists':
        return has(req.key);
      case 'notexists':
        return !has(req.key);
      case 'in':
        return value !== undefined && req.values.includes(value);
      case 'notin':
        return value === undefined || !req.values.includes(value);
      case 'gt':
        return value !== undefined && Number(value) > req.value;
      case 'lt':
        return value !== undefined && Number(value) < req.value;
    }
    return false;
  });
}

export function parseFieldSelector(input: string | null | undefined): ParseResult<FieldRequirement[]> {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTopLevel(input ?? '')) {
    const match = /^([A-Za-z0-9_.-]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!match) return { ok: false, error: `invalid fieldSelector requirement "${part}"` };
    const [, path = '', op = '=', value = ''] = match;
    requirements.push({ path, op: op === '!=' ? '!=' : '=', value: value.trim() });
  }
  return { ok: true, value: requirements };
}

function fieldValue(object: KubeObject, path: string): string {
  let current: unknown = object;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined || current === null) return '';
  return typeof current === 'object' ? JSON.stringify(current) : String(current);
}

export function matchesFields(object: KubeObject, requirements: readonly FieldRequirement[]): boolean {
  return requirements.every((req) => {
    const actual = fieldValue(object, req.path);
    return req.op === '=' ? actual === req.value : actual !== req.value;
  });
}
