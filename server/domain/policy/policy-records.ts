/*
 * Raw Kubernetes policy objects (CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy cilium.io/v2,
 * NetworkPolicy networking.k8s.io/v1) → PolicyRecord. Informer list items often lack `kind` and
 * `apiVersion`, hence the optional kind hint.
 */

import type { ParseResult, PolicyKind, PolicyRecord, PolicySpecRecord, RuleRecord } from './policy-types';
import { type Issues, isObject, parseCiliumRule, parseK8sRule, parseSelector, stringOf } from './rule-parse';

export const POLICY_KINDS: readonly PolicyKind[] = [
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'NetworkPolicy',
];

function isPolicyKind(value: string | undefined): value is PolicyKind {
  return value !== undefined && (POLICY_KINDS as readonly string[]).includes(value);
}

function listAt(obj: Readonly<Record<string, unknown>>, key: string): readonly unknown[] | undefined {
  const value = obj[key];
  return Array.isArray(value) ? value : undefined;
}

function rules(
  obj: Readonly<Record<string, unknown>>,
  key: string,
  parse: (raw: unknown, where: string) => RuleRecord | undefined,
  where: string,
  issues: Issues,
): RuleRecord[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.push(`${where}.${key}: expected a list`);
    return [];
  }
  return value
    .map((item, i) => parse(item, `${where}.${key}[${i}]`))
    .filter((rule): rule is RuleRecord => rule !== undefined);
}

/** Cilium: a direction is default-deny when the rule has rules for it, unless enableDefaultDeny says so. */
function ciliumEnforces(spec: Readonly<Record<string, unknown>>, direction: 'ingress' | 'egress'): boolean {
  const flags = isObject(spec.enableDefaultDeny) ? spec.enableDefaultDeny : {};
  const flag = flags[direction];
  if (typeof flag === 'boolean') return flag;
  const deny = direction === 'ingress' ? 'ingressDeny' : 'egressDeny';
  return (listAt(spec, direction)?.length ?? 0) > 0 || (listAt(spec, deny)?.length ?? 0) > 0;
}

function parseCiliumSpec(raw: unknown, where: string, issues: Issues): PolicySpecRecord | undefined {
  if (!isObject(raw)) {
    issues.push(`${where}: expected a rule object`);
    return undefined;
  }
  const endpointSelector = parseSelector(raw.endpointSelector, `${where}.endpointSelector`, issues);
  const nodeSelector = parseSelector(raw.nodeSelector, `${where}.nodeSelector`, issues);
  const subject =
    endpointSelector !== undefined
      ? { kind: 'endpoints' as const, selector: endpointSelector }
      : nodeSelector !== undefined
        ? { kind: 'nodes' as const, selector: nodeSelector }
        : undefined;
  if (subject === undefined) {
    issues.push(`${where}: neither endpointSelector nor nodeSelector; rule skipped`);
    return undefined;
  }
  const parse = (direction: 'ingress' | 'egress', deny: boolean) => (item: unknown, at: string) =>
    parseCiliumRule(item, direction, deny, at, issues);
  return {
    subject,
    enforces: { ingress: ciliumEnforces(raw, 'ingress'), egress: ciliumEnforces(raw, 'egress') },
    ingress: rules(raw, 'ingress', parse('ingress', false), where, issues),
    egress: rules(raw, 'egress', parse('egress', false), where, issues),
    ingressDeny: rules(raw, 'ingressDeny', parse('ingress', true), where, issues),
    egressDeny: rules(raw, 'egressDeny', parse('egress', true), where, issues),
  };
}

function parseNetworkPolicySpec(raw: unknown, issues: Issues): PolicySpecRecord | undefined {
  if (!isObject(raw)) {
    issues.push('spec: expected an object');
    return undefined;
  }
  let podSelector = parseSelector(raw.podSelector, 'spec.podSelector', issues);
  if (podSelector === undefined) {
    issues.push('spec.podSelector: missing, read as {} (all pods in the namespace)');
    podSelector = {};
  }
  const types = listAt(raw, 'policyTypes')?.map((t) => stringOf(t));
  const egressRules = listAt(raw, 'egress') ?? [];
  // Kubernetes defaulting: Ingress always, Egress when egress rules exist.
  const enforces =
    types === undefined
      ? { ingress: true, egress: egressRules.length > 0 }
      : { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  const parse = (direction: 'ingress' | 'egress') => (item: unknown, at: string) =>
    parseK8sRule(item, direction, at, issues);
  return {
    subject: { kind: 'endpoints', selector: podSelector },
    enforces,
    ingress: rules(raw, 'ingress', parse('ingress'), 'spec', issues),
    egress: rules(raw, 'egress', parse('egress'), 'spec', issues),
    ingressDeny: [],
    egressDeny: [],
  };
}

/** Like toPolicyRecord, but says why an object was rejected. */
export function parsePolicyObject(raw: unknown, kindHint?: PolicyKind): ParseResult<PolicyRecord> {
  if (!isObject(raw)) return { error: 'not an object' };
  const declared = stringOf(raw.kind);
  const kind = declared === undefined ? kindHint : declared;
  if (!isPolicyKind(kind)) return { error: `unsupported kind ${kind ?? '(none)'}` };
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  const name = stringOf(metadata.name);
  if (name === undefined || name === '') return { error: `${kind} without metadata.name` };
  const uid = stringOf(metadata.uid);
  const issues: Issues = [];
  let namespace: string | undefined;
  if (kind !== 'CiliumClusterwideNetworkPolicy') {
    namespace = stringOf(metadata.namespace);
    if (namespace === undefined || namespace === '') {
      // kubectl apply without -n puts it in `default`; that is the only sensible reading.
      issues.push('metadata.namespace missing, assumed "default"');
      namespace = 'default';
    }
  }
  const specs: PolicySpecRecord[] = [];
  if (kind === 'NetworkPolicy') {
    const spec = parseNetworkPolicySpec(raw.spec, issues);
    if (spec !== undefined) specs.push(spec);
  } else {
    if (raw.spec !== undefined && raw.spec !== null) {
      const spec = parseCiliumSpec(raw.spec, 'spec', issues);
      if (spec !== undefined) specs.push(spec);
    }
    for (const [i, item] of (listAt(raw, 'specs') ?? []).entries()) {
      const spec = parseCiliumSpec(item, `specs[${i}]`, issues);
      if (spec !== undefined) specs.push(spec);
    }
  }
  if (specs.length === 0) return { error: `${kind} ${name}: no usable spec (${issues.join('; ')})` };
  return { value: { kind, namespace, name, uid, specs, issues } };
}

/** A PolicyRecord for a CNP, CCNP or NetworkPolicy object; undefined for anything else or malformed. */
export function toPolicyRecord(raw: unknown, kindHint?: PolicyKind): PolicyRecord | undefined {
  const result = parsePolicyObject(raw, kindHint);
  return 'value' in result ? result.value : undefined;
}

/** Every policy in a list (e.g. a `kind: List` or informer cache); rejects are counted with reasons. */
export function toPolicyRecords(
  items: readonly unknown[],
  kindHint?: PolicyKind,
): { readonly records: PolicyRecord[]; readonly rejected: string[] } {
  const records: PolicyRecord[] = [];
  const rejected: string[] = [];
  for (const item of items) {
    const result = parsePolicyObject(item, kindHint);
    if ('value' in result) records.push(result.value);
    else rejected.push(result.error);
  }
  return { records, rejected };
}

/** `Kind namespace/name` (or `Kind name` when cluster-wide) for messages. */
export function policyLabel(ref: {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}): string {
  const where = ref.namespace ? `${ref.namespace}/${ref.name ?? '?'}` : (ref.name ?? '?');
  return `${ref.kind ?? 'policy'} ${where}`;
}
