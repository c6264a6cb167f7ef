// Defensive readers for raw Kubernetes JSON. Objects reach the record parsers from three paths (typed
// list calls that turn times into Date objects, watch events with RFC3339 strings, demo fixtures), and
// every field may be missing or of the wrong type, so nothing here throws and nothing trusts a shape.

export type JsonObject = Readonly<Record<string, unknown>>;

export type ParseResult<T> =
  | { readonly ok: true; readonly record: T }
  | { readonly ok: false; readonly error: string };

export function ok<T>(record: T): ParseResult<T> {
  return { ok: true, record };
}

export function fail<T>(error: string): ParseResult<T> {
  return { ok: false, error };
}

export function recordOrUndefined<T>(result: ParseResult<T>): T | undefined {
  return result.ok ? result.record : undefined;
}

export interface ParsedCollection<T> {
  readonly records: T[];
  readonly errors: string[];
}

/** Parses many raw objects; malformed ones are skipped and their errors collected (never thrown). */
export function parseAll<T>(
  raws: Iterable<unknown>,
  parse: (raw: unknown) => ParseResult<T>,
): ParsedCollection<T> {
  const records: T[] = [];
  const errors: string[] = [];
  for (const raw of raws) {
    const result = parse(raw);
    if (result.ok) records.push(result.record);
    else errors.push(result.error);
  }
  return { records, errors };
}

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
    ? (value as JsonObject)
    : undefined;
}

/** `value.a.b.c`, or undefined as soon as one step is not an object. */
export function path(value: unknown, ...keys: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    const o = asObject(current);
    if (o === undefined) return undefined;
    current = o[key];
  }
  return current;
}

/** A non-empty string, else null (Longhorn writes "" for unset fields). */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function strOr(value: unknown, fallback: string): string {
  return str(value) ?? fallback;
}

/** A finite number; decimal strings are accepted because some CRDs (Longhorn sizes) encode ints as strings. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export function bool(value: unknown): boolean {
  return value === true || value === 'true';
}

export function array(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strList(value: unknown): string[] {
  const out: string[] = [];
  for (const item of array(value)) {
    const s = str(item);
    if (s !== null) out.push(s);
  }
  return out;
}

/** A string→string map (labels, annotations, selectors); non-string values are dropped. */
export function strMap(value: unknown): Readonly<Record<string, string>> {
  const o = asObject(value);
  const out: Record<string, string> = {};
  if (o === undefined) return out;
  for (const [key, v] of Object.entries(o)) {
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

const RFC3339_PREFIX = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;

/**
 * Canonical ISO string (`Date#toISOString`, the form the informer layer also produces) from a Date, an
 * RFC3339 string or epoch ms; null for "" and junk. One canonical form keeps list- and watch-delivered
 * copies of an object equal.
 */
export function timestamp(value: unknown): string | null {
  let ms: number | null = null;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && RFC3339_PREFIX.test(value)) ms = Date.parse(value);
  if (ms === null || !Number.isFinite(ms)) return null;
  return new Date(ms).toISOString();
}

/** Epoch ms of a canonical ISO string held in a record. */
export function epochMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string | null;
  readonly message: string | null;
  readonly lastTransitionTime: string | null;
}

function conditionStatus(value: unknown): ConditionStatus {
  if (value === 'True' || value === true) return 'True';
  if (value === 'False' || value === false) return 'False';
  return 'Unknown';
}

/** `status.conditions[]`; entries without a type are dropped. Order is not meaningful upstream. */
export function conditions(value: unknown): Condition[] {
  const out: Condition[] = [];
  for (const item of array(value)) {
    const type = str(path(item, 'type'));
    if (type === null) continue;
    out.push({
      type,
      status: conditionStatus(path(item, 'status')),
      reason: str(path(item, 'reason')),
      message: str(path(item, 'message')),
      lastTransitionTime: timestamp(path(item, 'lastTransitionTime')),
    });
  }
  return out;
}

/** Look a condition up by type (cert-manager does not keep a fixed order). */
export function findCondition(list: readonly Condition[], type: string): Condition | null {
  for (const c of list) if (c.type === type) return c;
  return null;
}

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
  readonly controller: boolean;
}

export interface ObjectMeta {
  readonly name: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly uid: string | null;
  readonly generateName: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerRef[];
  readonly creationTimestamp: string | null;
}

function ownerRefs(value: unknown): OwnerRef[] {
  const out: OwnerRef[] = [];
  for (const item of array(value)) {
    const kind = str(path(item, 'kind'));
    const name = str(path(item, 'name'));
    if (kind !== null && name !== null) out.push({ kind, name, controller: bool(path(item, 'controller')) });
  }
  return out;
}

/**
 * Reads `metadata` and checks identity: a name always, a namespace for namespaced kinds, and `kind`
 * when present (list items often omit it, so absence is fine but a different kind is an error).
 */
export function readMeta(raw: unknown, kind: string, namespaced: boolean): ParseResult<ObjectMeta> {
  const o = asObject(raw);
  if (o === undefined) return fail(`${kind}: not an object`);
  const rawKind = o.kind;
  if (rawKind !== undefined && rawKind !== kind) {
    return fail(`${kind}: unexpected kind ${JSON.stringify(rawKind)}`);
  }
  const meta = asObject(o.metadata);
  const name = str(meta?.name);
  if (name === null) return fail(`${kind}: metadata.name missing`);
  const namespace = str(meta?.namespace) ?? '';
  if (namespaced && namespace === '') return fail(`${kind} ${name}: metadata.namespace missing`);
  return ok({
    name,
    namespace,
    uid: str(meta?.uid),
    generateName: str(meta?.generateName),
    labels: strMap(meta?.labels),
    annotations: strMap(meta?.annotations),
    ownerReferences: ownerRefs(meta?.ownerReferences),
    creationTimestamp: timestamp(meta?.creationTimestamp),
  });
}

/** The controller owner reference, if any. */
export function controllerOf(meta: ObjectMeta): OwnerRef | null {
  for (const ref of meta.ownerReferences) if (ref.controller) return ref;
  return null;
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** `<namespace>/<name>` key used by every index in this folder. */
export function nsKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
