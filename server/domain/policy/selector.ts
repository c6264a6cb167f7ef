/*
 * Label selector evaluation over Hubble endpoint labels, with the scoping rules Cilium applies when
 * it turns policy objects into rules (pkg/k8s/apis/cilium.io/utils, v1.19):
 * - Cilium selector keys without a source (`app`) match every source (`any:`); `k8s:app` only k8s.
 * - A CNP's endpointSelector always applies in the policy's namespace: any
 *   `k8s:io.kubernetes.pod.namespace` match the user wrote is overwritten with that namespace.
 * - fromEndpoints/toEndpoints of a CNP are scoped to the policy namespace unless the selector names
 *   `io.kubernetes.pod.namespace` (k8s/any/unprefixed) or selects reserved labels; in a CCNP an
 *   unscoped peer selector only matches endpoints that have a namespace (i.e. pods).
 * - NetworkPolicy (dialect `kubernetes`) keys are pod labels (`k8s:` source); podSelector is scoped
 *   to the policy namespace.
 */

import { type LabelMap, labelValues, NAMESPACE_KEY, splitLabelKey } from './labels';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  /** Kept as written; an unknown operator matches nothing. */
  readonly operator: SelectorOperator | (string & {});
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly SelectorRequirement[];
}

export interface SelectorContext {
  /** `cilium` (default): unprefixed keys match any source. `kubernetes`: keys are k8s pod labels. */
  readonly dialect?: 'cilium' | 'kubernetes';
  /** `subject` = endpointSelector/podSelector, `peer` = from/toEndpoints, `plain` (default) = no scoping. */
  readonly role?: 'subject' | 'peer' | 'plain';
  /** Namespace of the policy; absent for cluster-wide policies. */
  readonly policyNamespace?: string;
}

interface Requirement {
  readonly fromMatchLabels: boolean;
  readonly source: string;
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

function defaultSource(ctx: SelectorContext | undefined): string {
  return ctx?.dialect === 'kubernetes' ? 'k8s' : 'any';
}

function toRequirements(selector: LabelSelector, source: string): Requirement[] {
  const out: Requirement[] = [];
  for (const [rawKey, value] of Object.entries(selector.matchLabels ?? {})) {
    const { source: src, key } = splitLabelKey(rawKey, source);
    out.push({ fromMatchLabels: true, source: src, key, operator: 'In', values: [value] });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const { source: src, key } = splitLabelKey(expr.key, source);
    out.push({
      fromMatchLabels: false,
      source: src,
      key,
      operator: expr.operator,
      values: expr.values ?? [],
    });
  }
  return out;
}

function requirementMatches(req: Requirement, labels: LabelMap): boolean {
  const values = labelValues(labels, req.source, req.key);
  switch (req.operator) {
    case 'In':
      return values.some((value) => req.values.includes(value));
    case 'NotIn':
      return !values.some((value) => req.values.includes(value));
    case 'Exists':
      return values.length > 0;
    case 'DoesNotExist':
      return values.length === 0;
    default:
      return false;
  }
}

/** True when the selector mentions the pod-namespace key under the k8s or any source. */
export function selectorNamesNamespace(selector: LabelSelector, ctx?: SelectorContext): boolean {
  return toRequirements(selector, defaultSource(ctx)).some(
    (req) => req.key === NAMESPACE_KEY && (req.source === 'k8s' || req.source === 'any'),
  );
}

/** True when the selector matches on `reserved:` labels (such peers are never namespace-scoped). */
export function selectorNamesReserved(selector: LabelSelector): boolean {
  return toRequirements(selector, 'any').some((req) => req.source === 'reserved');
}

function scopedRequirements(selector: LabelSelector, ctx: SelectorContext | undefined): Requirement[] {
  const source = defaultSource(ctx);
  const reqs = toRequirements(selector, source);
  const role = ctx?.role ?? 'plain';
  const ns = ctx?.policyNamespace;
  const nsIs = (value: string): Requirement => ({
    fromMatchLabels: true,
    source: 'k8s',
    key: NAMESPACE_KEY,
    operator: 'In',
    values: [value],
  });
  if (role === 'subject') {
    if (ns === undefined) return reqs;
    // Cilium overwrites the k8s-prefixed matchLabels entry for the namespace (AddMatch on the map).
    const kept = reqs.filter(
      (req) => !(req.fromMatchLabels && req.source === 'k8s' && req.key === NAMESPACE_KEY),
    );
    return [...kept, nsIs(ns)];
  }
  if (role === 'peer') {
    if (ctx?.dialect === 'kubernetes') return ns === undefined ? reqs : [...reqs, nsIs(ns)];
    if (selectorNamesReserved(selector) || selectorNamesNamespace(selector, ctx)) return reqs;
    if (ns !== undefined) return [...reqs, nsIs(ns)];
    return [
      ...reqs,
      { fromMatchLabels: false, source: 'k8s', key: NAMESPACE_KEY, operator: 'Exists', values: [] },
    ];
  }
  return reqs;
}

/**
 * Does `selector` select an endpoint with these labels (already parsed with parseEndpointLabels)?
 * An empty selector `{}` selects everything in its scope.
 */
export function selectorMatches(
  selector: LabelSelector,
  endpointLabels: LabelMap,
  ctx?: SelectorContext,
): boolean {
  return scopedRequirements(selector, ctx).every((req) => requirementMatches(req, endpointLabels));
}

/** Namespace labels as a LabelMap (`k8s:<key>`) so a namespaceSelector can reuse selectorMatches. */
export function namespaceLabelMap(labels: Readonly<Record<string, string>>): LabelMap {
  return new Map(Object.entries(labels).map(([key, value]) => [`k8s:${key}`, value]));
}
