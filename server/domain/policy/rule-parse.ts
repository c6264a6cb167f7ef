/*
 * Parsers for the pieces of policy objects: label selectors, Cilium ingress/egress rules and
 * Kubernetes NetworkPolicy rules. Input is `unknown` (JSON from the API server or parsed YAML);
 * anything malformed is skipped and described in `issues`, never thrown.
 */

import type {
  CidrRecord,
  FqdnRecord,
  HttpRuleRecord,
  IcmpRecord,
  K8sPeerRecord,
  L4Selection,
  PeerSelection,
  PortRecord,
  PortRuleRecord,
  RuleRecord,
} from './policy-types';
import type { LabelSelector, SelectorRequirement } from './selector';

export type Issues = string[];

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function arrayAt(obj: Readonly<Record<string, unknown>>, key: string, where: string, issues: Issues) {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value as readonly unknown[];
  issues.push(`${where}.${key}: expected a list`);
  return [] as readonly unknown[];
}

export function parseSelector(raw: unknown, where: string, issues: Issues): LabelSelector | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    issues.push(`${where}: expected a label selector object`);
    return undefined;
  }
  const matchLabels: Record<string, string> = {};
  if (isObject(raw.matchLabels)) {
    for (const [key, value] of Object.entries(raw.matchLabels)) {
      const text = stringOf(value ?? '');
      if (text === undefined) issues.push(`${where}.matchLabels.${key}: not a scalar`);
      else matchLabels[key] = text;
    }
  } else if (raw.matchLabels !== undefined && raw.matchLabels !== null) {
    issues.push(`${where}.matchLabels: expected a map`);
  }
  const matchExpressions: SelectorRequirement[] = [];
  for (const [i, expr] of (arrayAt(raw, 'matchExpressions', where, issues) ?? []).entries()) {
    const key = isObject(expr) ? stringOf(expr.key) : undefined;
    const operator = isObject(expr) ? stringOf(expr.operator) : undefined;
    if (!isObject(expr) || key === undefined || operator === undefined) {
      issues.push(`${where}.matchExpressions[${i}]: needs key and operator`);
      continue;
    }
    const values = Array.isArray(expr.values)
      ? expr.values.map((v) => stringOf(v)).filter((v): v is string => v !== undefined)
      : [];
    matchExpressions.push({ key, operator, values });
  }
  return { matchLabels, matchExpressions };
}

/** `{cidr, except}`; `'group'` when it names a CiliumCIDRGroup (not read by Skymap). */
function parseCidrSet(raw: unknown, where: string, issues: Issues): CidrRecord | 'group' | undefined {
  if (!isObject(raw)) {
    issues.push(`${where}: expected an object`);
    return undefined;
  }
  const cidr = stringOf(raw.cidr);
  if (cidr === undefined) {
    if (raw.cidrGroupRef !== undefined || raw.cidrGroupSelector !== undefined) return 'group';
    issues.push(`${where}: no cidr`);
    return undefined;
  }
  const except = Array.isArray(raw.except)
    ? raw.except.map((v) => stringOf(v)).filter((v): v is string => v !== undefined)
    : [];
  return { cidr, except };
}

const INGRESS_PEERS = {
  endpoints: 'fromEndpoints',
  entities: 'fromEntities',
  cidr: 'fromCIDR',
  cidrSet: 'fromCIDRSet',
  unsupported: ['fromRequires', 'fromGroups', 'fromNodes'],
} as const;
const EGRESS_PEERS = {
  endpoints: 'toEndpoints',
  entities: 'toEntities',
  cidr: 'toCIDR',
  cidrSet: 'toCIDRSet',
  unsupported: ['toRequires', 'toGroups', 'toNodes', 'toServices'],
} as const;

function parseCiliumPeers(
  raw: Readonly<Record<string, unknown>>,
  direction: 'ingress' | 'egress',
  allowFqdn: boolean,
  where: string,
  issues: Issues,
): { readonly peers: Omit<PeerSelection, 'all'>; readonly named: boolean } {
  const names = direction === 'ingress' ? INGRESS_PEERS : EGRESS_PEERS;
  let named = false;
  const endpoints: LabelSelector[] = [];
  const entities: string[] = [];
  const cidrs: CidrRecord[] = [];
  const fqdns: FqdnRecord[] = [];
  const unsupported = new Set<string>();
  const list = (key: string) => {
    const items = arrayAt(raw, key, where, issues);
    if (items !== undefined) named = true;
    return items ?? [];
  };
  for (const [i, item] of list(names.endpoints).entries()) {
    const selector = parseSelector(item ?? {}, `${where}.${names.endpoints}[${i}]`, issues);
    if (selector !== undefined) endpoints.push(selector);
  }
  for (const item of list(names.entities)) {
    const entity = stringOf(item);
    if (entity !== undefined) entities.push(entity.toLowerCase());
  }
  for (const item of list(names.cidr)) {
    const cidr = stringOf(item);
    if (cidr !== undefined) cidrs.push({ cidr, except: [] });
  }
  for (const [i, item] of list(names.cidrSet).entries()) {
    const set = parseCidrSet(item, `${where}.${names.cidrSet}[${i}]`, issues);
    if (set === 'group') unsupported.add(`${names.cidrSet} (CIDR group)`);
    else if (set !== undefined) cidrs.push(set);
  }
  if (allowFqdn) {
    for (const item of list('toFQDNs')) {
      const matchName = isObject(item) ? stringOf(item.matchName) : undefined;
      const matchPattern = isObject(item) ? stringOf(item.matchPattern) : undefined;
      if (matchName !== undefined || matchPattern !== undefined) fqdns.push({ matchName, matchPattern });
    }
  }
  for (const key of names.unsupported) {
    if (list(key).length > 0) unsupported.add(key);
  }
  const peers = { endpoints, entities, cidrs, fqdns, k8sPeers: [], unsupported: [...unsupported] };
  return { peers, named };
}

function parseHttpRules(raw: unknown): HttpRuleRecord[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((rule) => ({
    method: stringOf(rule.method),
    path: stringOf(rule.path),
    host: stringOf(rule.host),
  }));
}

function parsePortRecords(raw: unknown, defaultProtocol: string): PortRecord[] {
  const items = Array.isArray(raw) ? raw.filter(isObject) : [];
  if (items.length === 0) return [{ protocol: 'ANY' }];
  return items.map((item) => {
    const endPort = typeof item.endPort === 'number' ? item.endPort : undefined;
    return {
      port: stringOf(item.port),
      endPort,
      protocol: (stringOf(item.protocol) ?? defaultProtocol).toUpperCase(),
    };
  });
}

function parseCiliumL4(raw: Readonly<Record<string, unknown>>, where: string, issues: Issues): L4Selection {
  const toPorts = arrayAt(raw, 'toPorts', where, issues) ?? [];
  const icmpsRaw = arrayAt(raw, 'icmps', where, issues) ?? [];
  const portRules: PortRuleRecord[] = toPorts.filter(isObject).map((portRule) => {
    const rules = isObject(portRule.rules) ? portRule.rules : {};
    return {
      ports: parsePortRecords(portRule.ports, 'ANY'),
      http: parseHttpRules(rules.http),
      hasDnsRules: Array.isArray(rules.dns),
      hasOtherL7: Array.isArray(rules.kafka) || Array.isArray(rules.l7) || rules.l7proto !== undefined,
    };
  });
  const icmps: IcmpRecord[] = [];
  for (const entry of icmpsRaw.filter(isObject)) {
    for (const field of Array.isArray(entry.fields) ? entry.fields.filter(isObject) : []) {
      const type = stringOf(field.type);
      if (type === undefined) continue;
      icmps.push({ family: stringOf(field.family) === 'IPv6' ? 'IPv6' : 'IPv4', type });
    }
  }
  return { all: portRules.length === 0 && icmps.length === 0, portRules, icmps };
}

/**
 * One Cilium ingress/egress (or *Deny) rule. A rule naming no peer but restricting L4 selects every
 * peer; a rule naming neither (`- {}`) allows nothing; an explicit empty peer list selects nothing.
 */
export function parseCiliumRule(
  raw: unknown,
  direction: 'ingress' | 'egress',
  deny: boolean,
  where: string,
  issues: Issues,
): RuleRecord | undefined {
  if (!isObject(raw)) {
    issues.push(`${where}: expected a rule object`);
    return undefined;
  }
  const { peers, named } = parseCiliumPeers(raw, direction, direction === 'egress' && !deny, where, issues);
  const l4 = parseCiliumL4(raw, where, issues);
  return { peers: { ...peers, all: !named && !l4.all }, l4 };
}

function parseK8sPeer(raw: unknown, where: string, issues: Issues): K8sPeerRecord | undefined {
  if (!isObject(raw)) {
    issues.push(`${where}: expected a peer object`);
    return undefined;
  }
  const podSelector = parseSelector(raw.podSelector, `${where}.podSelector`, issues);
  const namespaceSelector = parseSelector(raw.namespaceSelector, `${where}.namespaceSelector`, issues);
  const block = raw.ipBlock === undefined ? undefined : parseCidrSet(raw.ipBlock, `${where}.ipBlock`, issues);
  const ipBlock = block === 'group' ? undefined : block;
  if (podSelector === undefined && namespaceSelector === undefined && ipBlock === undefined) {
    issues.push(`${where}: peer names no podSelector, namespaceSelector or ipBlock`);
    return undefined;
  }
  return { podSelector, namespaceSelector, ipBlock };
}

/** One NetworkPolicy ingress/egress rule: absent/empty `from`/`to` = all peers, `ports` = all ports. */
export function parseK8sRule(
  raw: unknown,
  direction: 'ingress' | 'egress',
  where: string,
  issues: Issues,
): RuleRecord | undefined {
  if (!isObject(raw)) {
    issues.push(`${where}: expected a rule object`);
    return undefined;
  }
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  const peerItems = arrayAt(raw, peerKey, where, issues) ?? [];
  const k8sPeers = peerItems
    .map((item, i) => parseK8sPeer(item, `${where}.${peerKey}[${i}]`, issues))
    .filter((peer): peer is K8sPeerRecord => peer !== undefined);
  const portItems = arrayAt(raw, 'ports', where, issues) ?? [];
  const portRules: PortRuleRecord[] =
    portItems.length === 0
      ? []
      : [{ ports: parsePortRecords(portItems, 'TCP'), http: [], hasDnsRules: false, hasOtherL7: false }];
  const peers: PeerSelection = {
    all: peerItems.length === 0,
    endpoints: [],
    entities: [],
    cidrs: [],
    fqdns: [],
    k8sPeers,
    unsupported: [],
  };
  return { peers, l4: { all: portRules.length === 0, portRules, icmps: [] } };
}
