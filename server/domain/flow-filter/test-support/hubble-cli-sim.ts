// Test-only: a small re-statement of how the Hubble CLI (cilium/hubble cmd/observe/flows_filter.go,
// the version where --namespace is a pod/service modifier) turns `hubble observe` arguments into
// GetFlowsRequest whitelist/blacklist, plus a POSIX single-quote tokenizer. Used to check that a
// rendered command means what the query means.

import type { RelayFlowFilter } from '../types';

type Mutable = Record<string, unknown[]>;

interface Tracker {
  left?: Mutable;
  right?: Mutable;
  ns: string[];
  srcNs: string[];
  dstNs: string[];
  changed: string[];
}

const CONFLICTS = [
  ['from-fqdn', 'from-ip', 'ip', 'fqdn', 'from-namespace', 'namespace'],
  ['from-fqdn', 'from-ip', 'ip', 'fqdn', 'from-pod', 'pod'],
  ['to-fqdn', 'to-ip', 'ip', 'fqdn', 'to-namespace', 'namespace'],
  ['to-fqdn', 'to-ip', 'ip', 'fqdn', 'to-pod', 'pod'],
  ['to-pod', 'namespace'],
  ['from-pod', 'namespace'],
  ['to-service', 'namespace'],
  ['from-service', 'namespace'],
  ['label', 'from-label'],
  ['label', 'to-label'],
  ['service', 'from-service'],
  ['service', 'to-service'],
  ['port', 'to-port'],
  ['port', 'from-port'],
  ['identity', 'to-identity'],
  ['identity', 'from-identity'],
  ['workload', 'to-workload'],
  ['workload', 'from-workload'],
];

const EVENT = new Map(
  Object.entries({
    drop: 1,
    debug: 2,
    capture: 3,
    trace: 4,
    'policy-verdict': 5,
    recorder: 6,
    'trace-sock': 7,
    l7: 129,
    agent: 130,
  }),
);
const TRACE = [
  'to-endpoint',
  'to-proxy',
  'to-host',
  'to-stack',
  'to-overlay',
  'from-endpoint',
  'from-proxy',
  'from-host',
  'from-stack',
  'from-overlay',
  'from-network',
  'to-network',
  'from-crypto',
  'to-crypto',
];
const RESERVED = [
  '',
  'host',
  'world',
  'unmanaged',
  'health',
  'init',
  'remote-node',
  'kube-apiserver',
  'ingress',
  'world-ipv4',
  'world-ipv6',
];

/** Splits a shell command line with bare words and single quotes only; stops at a `#` word. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length || line[i] === '#') break;
    let word = '';
    while (i < line.length && line[i] !== ' ') {
      if (line[i] === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) throw new Error('unterminated quote');
        word += line.slice(i + 1, end);
        i = end + 1;
      } else if (line[i] === '\\') {
        word += line[i + 1] ?? '';
        i += 2;
      } else if (/[;&|<>()$`"*?[\]{}~!]/.test(line[i] ?? '')) {
        throw new Error(`unquoted shell metacharacter ${line[i]} in ${line}`);
      } else {
        word += line[i];
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

function add(t: Tracker, side: 'left' | 'right' | 'both', key: string, value: unknown): void {
  for (const s of side === 'both' ? (['left', 'right'] as const) : [side]) {
    const f = t[s] ?? {};
    t[s] = f;
    f[key] = [...(f[key] ?? []), value];
  }
}

function applyNs(ff: Mutable, ns: string[], pod: string, svc: string): void {
  if ((ff[pod] ?? []).length === 0 && (ff[svc] ?? []).length === 0) ff[pod] = [''];
  for (const key of [pod, svc]) {
    const list = (ff[key] ?? []) as string[];
    if (list.length === 0) continue;
    ff[key] = list.flatMap((v) => (v.includes('/') ? [v] : ns.map((n) => `${n}/${v}`)));
  }
}

function materialize(t: Tracker): RelayFlowFilter[] {
  if (!t.left && !t.right && t.ns.length + t.srcNs.length + t.dstNs.length === 0) return [];
  const left = t.left ?? {};
  const right = t.right ?? {};
  for (const f of [left, right]) {
    if (t.dstNs.length > 0) applyNs(f, t.dstNs, 'destination_pod', 'destination_service');
    if (t.srcNs.length > 0) applyNs(f, t.srcNs, 'source_pod', 'source_service');
  }
  if (t.ns.length > 0) {
    applyNs(left, t.ns, 'source_pod', 'source_service');
    applyNs(right, t.ns, 'destination_pod', 'destination_service');
  }
  return JSON.stringify(left) === JSON.stringify(right) ? [left] : [left, right];
}

function eventType(v: string): Record<string, unknown> {
  const [t = '', s] = v.split(/:(.*)/s);
  const type = EVENT.get(t) ?? Number(t);
  if (!Number.isInteger(type)) throw new Error(`bad type ${v}`);
  if (s === undefined) return { type };
  const named = type === 4 ? TRACE.indexOf(s) : -1;
  const sub = named >= 0 ? named : Number(s);
  if (!Number.isInteger(sub)) throw new Error(`bad sub-type ${v}`);
  return { type, match_sub_type: true, sub_type: sub };
}

function set(t: Tracker, name: string, val: string): void {
  if (!t.changed.includes(name)) t.changed.push(name);
  for (const g of CONFLICTS) {
    const hit = g.filter((f) => t.changed.includes(f));
    if (hit.length > 1) throw new Error(`filters --${hit[0]} and --${hit[1]} cannot be combined`);
  }
  const [from, to] = name.startsWith('from-')
    ? ['both', null]
    : name.startsWith('to-')
      ? [null, 'both']
      : ['left', 'right'];
  const base = name.replace(/^(from|to)-/, '');
  const endpoint: Record<string, [string, string, (v: string) => unknown]> = {
    pod: ['source_pod', 'destination_pod', (v) => v],
    ip: ['source_ip', 'destination_ip', (v) => v],
    label: ['source_label', 'destination_label', (v) => v],
    fqdn: ['source_fqdn', 'destination_fqdn', (v) => v],
    port: ['source_port', 'destination_port', (v) => v],
    service: ['source_service', 'destination_service', (v) => v],
    identity: [
      'source_identity',
      'destination_identity',
      (v) => (RESERVED.includes(v) ? RESERVED.indexOf(v) : Number(v)),
    ],
    workload: [
      'source_workload',
      'destination_workload',
      (v) => {
        const [a = '', b] = v.split(/\/(.*)/s);
        return b === undefined ? { name: a, kind: '' } : { name: b, kind: a };
      },
    ],
  };
  if (base === 'namespace') {
    (name === 'namespace' ? t.ns : name === 'from-namespace' ? t.srcNs : t.dstNs).push(val);
    return;
  }
  const e = endpoint[base];
  if (e !== undefined) {
    const value = e[2](val);
    if (name === base) {
      add(t, 'left', e[0], value);
      add(t, 'right', e[1], value);
    } else if (from) add(t, 'both', e[0], value);
    else if (to) add(t, 'both', e[1], value);
    return;
  }
  const flow: Record<string, [string, (v: string) => unknown]> = {
    verdict: ['verdict', (v) => v],
    'drop-reason-desc': ['drop_reason_desc', (v) => v],
    type: ['event_type', eventType],
    protocol: ['protocol', (v) => v],
    'http-status': ['http_status_code', (v) => v],
    'http-method': ['http_method', (v) => v],
    'http-path': ['http_path', (v) => v],
    'http-url': ['http_url', (v) => v],
    'dns-query': ['dns_query', (v) => v],
    'node-name': ['node_name', (v) => v],
    uuid: ['uuid', (v) => v],
    'traffic-direction': ['traffic_direction', (v) => v.toUpperCase()],
    'ip-version': ['ip_version', (v) => ({ v4: 'IPv4', v6: 'IPv6', none: 'IP_NOT_USED' })[v]],
  };
  const f = flow[name];
  if (f === undefined) throw new Error(`unknown flag --${name}`);
  add(t, 'both', f[0], f[1](val));
}

export interface SimulatedRequest {
  whitelist: RelayFlowFilter[];
  blacklist: RelayFlowFilter[];
  since?: string;
  until?: string;
  last?: number;
  follow: boolean;
}

export function simulateHubbleObserve(command: string): SimulatedRequest {
  const words = shellWords(command);
  if (words[0] !== 'hubble' || words[1] !== 'observe') throw new Error('not hubble observe');
  const white: Tracker = { ns: [], srcNs: [], dstNs: [], changed: [] };
  const black: Tracker = { ns: [], srcNs: [], dstNs: [], changed: [] };
  const allow: RelayFlowFilter[] = [];
  const deny: RelayFlowFilter[] = [];
  const req: SimulatedRequest = { whitelist: [], blacklist: [], follow: false };
  let negate = false;
  for (let i = 2; i < words.length; i++) {
    const word = words[i] ?? '';
    if (!word.startsWith('--')) throw new Error(`stray argument ${word}`);
    if (word === '--not') {
      if (negate) throw new Error('consecutive --not statements');
      negate = true;
      continue;
    }
    if (word === '--follow') {
      req.follow = true;
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
    const value = eq < 0 ? (words[++i] ?? '') : word.slice(eq + 1);
    if (name === 'allowlist') allow.push(JSON.parse(value) as RelayFlowFilter);
    else if (name === 'denylist') deny.push(JSON.parse(value) as RelayFlowFilter);
    else if (name === 'since') req.since = value;
    else if (name === 'until') req.until = value;
    else if (name === 'last') req.last = Number(value);
    else {
      set(negate ? black : white, name, value);
      negate = false;
    }
  }
  if (negate) throw new Error('trailing --not found in the arguments');
  req.whitelist = [...materialize(white), ...allow];
  req.blacklist = [...materialize(black), ...deny];
  return req;
}
