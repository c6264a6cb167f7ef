/*
 * Hubble endpoint labels (`source:key=value`, e.g. `k8s:app=web`, `reserved:world`) parsed into one
 * normalized map keyed `source:key`, plus the rules that decide which labels identify a workload
 * (safe to put in a suggested selector) and which only identify one pod.
 */

/** Reserved entities Cilium gives fixed identities (pkg/identity/numericidentity.go). */
export type ReservedKind =
  | 'host'
  | 'world'
  | 'unmanaged'
  | 'health'
  | 'init'
  | 'remote-node'
  | 'kube-apiserver'
  | 'ingress';

export interface ParsedLabel {
  readonly source: string;
  readonly key: string;
  readonly value: string;
}

/** `source:key` → value. Reserved labels have the value `''`. */
export type LabelMap = ReadonlyMap<string, string>;

export interface LabelParseResult {
  readonly labels: LabelMap;
  /** Entries that were not non-empty strings or had no key; skipped. */
  readonly invalid: number;
}

export const NAMESPACE_KEY = 'io.kubernetes.pod.namespace';
/** Cilium exposes namespace labels to selectors under this key prefix. */
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

const UNSPEC_SOURCE = 'unspec';

/**
 * Splits `source:key=value`. The source is what precedes the first `:`, but only when that colon
 * comes before any `=` (a value may legitimately contain `:`). No source → `unspec`.
 */
export function parseLabel(raw: string): ParsedLabel | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const eq = text.indexOf('=');
  const colon = text.indexOf(':');
  const hasSource = colon > 0 && (eq < 0 || colon < eq);
  const source = hasSource ? text.slice(0, colon) : UNSPEC_SOURCE;
  const rest = hasSource ? text.slice(colon + 1) : text;
  const restEq = rest.indexOf('=');
  const key = restEq < 0 ? rest : rest.slice(0, restEq);
  const value = restEq < 0 ? '' : rest.slice(restEq + 1);
  if (key === '') return undefined;
  return { source, key, value };
}

export function parseEndpointLabels(raw: readonly unknown[] | undefined): LabelParseResult {
  const labels = new Map<string, string>();
  let invalid = 0;
  for (const entry of raw ?? []) {
    const parsed = typeof entry === 'string' ? parseLabel(entry) : undefined;
    if (parsed === undefined) {
      invalid += 1;
      continue;
    }
    labels.set(`${parsed.source}:${parsed.key}`, parsed.value);
  }
  return { labels, invalid };
}

/** Splits a map key or a selector key (`k8s:app`, `any:app`, `app`) into source and key. */
export function splitLabelKey(
  selectorKey: string,
  defaultSource: string,
): { readonly source: string; readonly key: string } {
  const colon = selectorKey.indexOf(':');
  if (colon <= 0) return { source: defaultSource, key: selectorKey };
  return { source: selectorKey.slice(0, colon), key: selectorKey.slice(colon + 1) };
}

/** Values of `key` from labels of `source`; source `any` reads every source. */
export function labelValues(labels: LabelMap, source: string, key: string): string[] {
  if (source !== 'any') {
    const value = labels.get(`${source}:${key}`);
    return value === undefined ? [] : [value];
  }
  const out: string[] = [];
  for (const [mapKey, value] of labels) {
    if (splitLabelKey(mapKey, UNSPEC_SOURCE).key === key) out.push(value);
  }
  return out;
}

export function endpointNamespace(labels: LabelMap): string | undefined {
  return labels.get(`k8s:${NAMESPACE_KEY}`);
}

const RESERVED_BY_IDENTITY: ReadonlyMap<number, ReservedKind> = new Map<number, ReservedKind>([
  [1, 'host'],
  [2, 'world'],
  [3, 'unmanaged'],
  [4, 'health'],
  [5, 'init'],
  [6, 'remote-node'],
  [7, 'kube-apiserver'],
  [8, 'ingress'],
  [9, 'world'],
  [10, 'world'],
]);

// The kube-apiserver on a control-plane node carries both reserved:host and reserved:kube-apiserver;
// the narrower entity wins so a suggestion does not open the whole host.
const RESERVED_PRIORITY: readonly (readonly [string, ReservedKind])[] = [
  ['kube-apiserver', 'kube-apiserver'],
  ['host', 'host'],
  ['remote-node', 'remote-node'],
  ['health', 'health'],
  ['ingress', 'ingress'],
  ['init', 'init'],
  ['unmanaged', 'unmanaged'],
  ['world', 'world'],
  ['world-ipv4', 'world'],
  ['world-ipv6', 'world'],
];

/** The reserved entity of an endpoint, from `reserved:` labels or, if it has no labels, its identity. */
export function reservedKindOf(labels: LabelMap, identity?: number): ReservedKind | undefined {
  for (const [key, kind] of RESERVED_PRIORITY) {
    if (labels.has(`reserved:${key}`)) return kind;
  }
  if (labels.size === 0 && identity !== undefined) return RESERVED_BY_IDENTITY.get(identity);
  return undefined;
}

/** Label that stands for a reserved kind when a field-masked flow carried only the identity. */
export function reservedLabelKey(kind: ReservedKind): string {
  return `reserved:${kind}`;
}

const POD_SPECIFIC_KEYS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
  'controller-uid',
]);

/** Labels that name one pod (or one rollout) rather than the workload; never put in a selector. */
export function isPodSpecificKey(key: string): boolean {
  if (POD_SPECIFIC_KEYS.has(key)) return true;
  // io.cilium.k8s.* (service account, cluster, namespace labels) and io.kubernetes.pod.* are
  // attached by Cilium/kubelet, not chosen by the workload's owner; the namespace is handled apart.
  return key.startsWith('io.cilium.') || key.startsWith('io.kubernetes.pod.');
}

/** Every `k8s:` label that identifies the workload (pod-specific and Cilium-attached ones removed). */
export function workloadLabels(labels: LabelMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const [mapKey, value] of labels) {
    const { source, key } = splitLabelKey(mapKey, UNSPEC_SOURCE);
    if (source !== 'k8s' || isPodSpecificKey(key)) continue;
    out.set(key, value);
  }
  return out;
}

// One of these alone normally names a workload; tried in order.
const PRIMARY_KEYS: readonly string[] = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'];
const REFINING_KEYS: readonly string[] = [
  'app.kubernetes.io/instance',
  'app.kubernetes.io/component',
  'component',
  'tier',
  'role',
];

/**
 * Candidate selectors for a workload, smallest first (plain label keys → values, no namespace):
 * the primary identifying label; then with instance/component refinements; then every workload label.
 * Callers pick the first candidate that selects nothing the group did not need.
 */
export function identifyingLabelCandidates(labels: LabelMap): Map<string, string>[] {
  const all = workloadLabels(labels);
  const candidates: Map<string, string>[] = [];
  const primaryKey = PRIMARY_KEYS.find((key) => all.has(key));
  if (primaryKey !== undefined) {
    const primary = new Map([[primaryKey, all.get(primaryKey) ?? '']]);
    candidates.push(primary);
    const refined = new Map(primary);
    for (const key of REFINING_KEYS) {
      const value = all.get(key);
      if (value !== undefined) refined.set(key, value);
    }
    if (refined.size > primary.size) candidates.push(refined);
  }
  const last = candidates[candidates.length - 1];
  if (all.size > 0 && (last === undefined || last.size < all.size)) candidates.push(all);
  return candidates;
}

/** The smallest identifying label set (see identifyingLabelCandidates); empty when there is none. */
export function identifyingLabels(labels: LabelMap): Map<string, string> {
  return identifyingLabelCandidates(labels)[0] ?? new Map();
}

/** `key=value, key=value` for messages, sorted for stable output. */
export function formatLabels(labels: ReadonlyMap<string, string>): string {
  return [...labels]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`))
    .join(', ');
}
