// Turns one parsed JSON object into the normalized domain shape described by a MessageSpec:
// proto names as keys, enum names, 64-bit integers as canonical decimal strings, canonical
// protojson timestamps, and defaults left out exactly where protojson (and the wire decoder)
// leave them out. Throws ShapeError with the JSON path of the first offending value.

import type { EnumTable } from './enum-names';
import type { FieldKind, MessageSpec } from './flow-json-schema';
import { canonicalTimestamp } from './rfc3339';

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

const UINT32_MAX = 4294967295;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT64_MAX = 18446744073709551615n;

export function normalizeMessage(value: unknown, spec: MessageSpec, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(`${path || 'line'}: expected an object`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const field = spec.fields.get(key);
    // null means unset in proto3 JSON; unknown keys come from newer Hubble versions.
    if (field === undefined || raw === null) continue;
    const fieldPath = path === '' ? field.name : `${path}.${field.name}`;
    if (Object.hasOwn(out, field.name)) throw new ShapeError(`${fieldPath}: set twice (${key})`);
    const v = normalizeValue(field.kind, raw, fieldPath);
    if (!isDefault(field.kind, v)) out[field.name] = v;
  }
  for (const group of spec.oneofs) {
    const set = group.filter((name) => out[name] !== undefined);
    if (set.length > 1) throw new ShapeError(`${path}: oneof members ${set.join(' and ')} both set`);
  }
  return out;
}

function normalizeValue(kind: FieldKind, raw: unknown, path: string): unknown {
  if (typeof kind === 'string') {
    switch (kind) {
      case 'string':
        if (typeof raw !== 'string') throw new ShapeError(`${path}: expected a string`);
        return raw;
      case 'bool':
      case 'boolValue':
        if (typeof raw !== 'boolean') throw new ShapeError(`${path}: expected true or false`);
        return raw;
      case 'uint32':
        return integer(raw, 0, UINT32_MAX, path);
      case 'int32':
      case 'int32Value':
        return integer(raw, INT32_MIN, INT32_MAX, path);
      case 'uint64':
        return uint64(raw, path);
      case 'timestamp': {
        const text = typeof raw === 'string' ? canonicalTimestamp(raw) : undefined;
        if (text === undefined) throw new ShapeError(`${path}: expected an RFC 3339 timestamp`);
        return text;
      }
    }
  }
  if ('repeated' in kind) {
    if (!Array.isArray(raw)) throw new ShapeError(`${path}: expected an array`);
    return raw.map((item, i) => {
      if (item === null) throw new ShapeError(`${path}[${i}]: null in a list`);
      return normalizeValue(kind.repeated, item, `${path}[${i}]`);
    });
  }
  if ('fields' in kind) return normalizeMessage(raw, kind, path);
  return enumName(kind, raw, path);
}

function isDefault(kind: FieldKind, v: unknown): boolean {
  if (typeof kind === 'string') {
    // Wrappers carry presence: false / 0 are real values there.
    if (kind === 'boolValue' || kind === 'int32Value') return false;
    return v === '' || v === false || v === 0 || (kind === 'uint64' && v === '0');
  }
  if ('repeated' in kind) return (v as unknown[]).length === 0;
  if ('fields' in kind) return false;
  return v === kind.zeroName;
}

function integer(raw: unknown, min: number, max: number, path: string): number {
  // protojson accepts 32-bit integers as numbers or as decimal strings.
  const n =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ShapeError(`${path}: expected an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  }
  return n === 0 ? 0 : n; // no -0
}

function uint64(raw: unknown, path: string): string {
  let big: bigint | undefined;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) {
    if (raw.length < 16 && (raw.length === 1 || raw[0] !== '0')) return raw; // already canonical
    big = BigInt(raw);
  } else if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) {
    big = BigInt(raw);
  }
  if (big === undefined || big > UINT64_MAX) {
    throw new ShapeError(`${path}: expected a uint64 (decimal string or number), got ${JSON.stringify(raw)}`);
  }
  return big.toString();
}

function enumName(table: EnumTable, raw: unknown, path: string): string {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < INT32_MIN || raw > INT32_MAX) {
      throw new ShapeError(`${path}: ${raw} is not a ${table.protoName} value`);
    }
    return table.nameOf(raw);
  }
  if (typeof raw !== 'string') throw new ShapeError(`${path}: expected a ${table.protoName} name or number`);
  const n = table.numberOf(raw);
  // A name this build does not know (a newer Hubble's) is kept as given rather than failing the line.
  return n === undefined ? raw : table.nameOf(n);
}
