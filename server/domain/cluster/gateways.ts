// Gateway API (gateway.networking.k8s.io/v1) Gateway and route records. HTTPRoute is the route kind
// the dashboard watches; GRPCRoute/TLSRoute share the parentRefs/backendRefs shape, so the same
// parser accepts them and records the kind.

import {
  array,
  asObject,
  fail,
  num,
  ok,
  type ParseResult,
  path,
  readMeta,
  recordOrUndefined,
  str,
  strList,
} from './raw-json';

export interface CertificateRef {
  readonly namespace: string;
  readonly name: string;
}

export interface GatewayListener {
  readonly name: string;
  readonly protocol: string | null;
  readonly port: number | null;
  readonly hostname: string | null;
  /** Terminate | Passthrough (null when the listener has no tls block). */
  readonly tlsMode: string | null;
  /** Secret references only; other kinds (and refs to non-core groups) are ignored. */
  readonly certificateRefs: readonly CertificateRef[];
}

export interface GatewayRecord {
  readonly namespace: string;
  readonly name: string;
  readonly className: string | null;
  readonly listeners: readonly GatewayListener[];
}

export interface RouteParentRef {
  readonly namespace: string;
  readonly name: string;
  /** Listener name; null = every listener of the Gateway. */
  readonly sectionName: string | null;
}

export interface RouteBackendRef {
  readonly namespace: string;
  readonly name: string;
  readonly port: number | null;
}

export interface HttpRouteRecord {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly hostnames: readonly string[];
  /** Gateway parents only (parentRefs of other kinds are dropped). */
  readonly parentRefs: readonly RouteParentRef[];
  /** Service backends only, deduplicated. */
  readonly backendRefs: readonly RouteBackendRef[];
}

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

function isCoreSecretRef(ref: unknown): boolean {
  const kind = str(path(ref, 'kind')) ?? 'Secret';
  const group = str(path(ref, 'group')) ?? '';
  return kind === 'Secret' && (group === '' || group === 'core');
}

function listenersOf(value: unknown, gatewayNamespace: string): GatewayListener[] {
  const out: GatewayListener[] = [];
  for (const listener of array(value)) {
    const name = str(path(listener, 'name'));
    if (name === null) continue;
    const tls = path(listener, 'tls');
    const refs: CertificateRef[] = [];
    for (const ref of array(path(tls, 'certificateRefs'))) {
      const refName = str(path(ref, 'name'));
      if (refName === null || !isCoreSecretRef(ref)) continue;
      refs.push({ namespace: str(path(ref, 'namespace')) ?? gatewayNamespace, name: refName });
    }
    out.push({
      name,
      protocol: str(path(listener, 'protocol')),
      port: num(path(listener, 'port')),
      hostname: str(path(listener, 'hostname')),
      tlsMode: asObject(tls) === undefined ? null : (str(path(tls, 'mode')) ?? 'Terminate'),
      certificateRefs: refs,
    });
  }
  return out;
}

export function parseGatewayRecord(raw: unknown): ParseResult<GatewayRecord> {
  const meta = readMeta(raw, 'Gateway', true);
  if (!meta.ok) return meta;
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    className: str(path(raw, 'spec', 'gatewayClassName')),
    listeners: listenersOf(path(raw, 'spec', 'listeners'), meta.record.namespace),
  });
}

export function toGatewayRecord(raw: unknown): GatewayRecord | undefined {
  return recordOrUndefined(parseGatewayRecord(raw));
}

function parentRefsOf(value: unknown, routeNamespace: string): RouteParentRef[] {
  const out: RouteParentRef[] = [];
  for (const ref of array(value)) {
    const name = str(path(ref, 'name'));
    const kind = str(path(ref, 'kind')) ?? 'Gateway';
    const group = str(path(ref, 'group')) ?? 'gateway.networking.k8s.io';
    if (name === null || kind !== 'Gateway' || group !== 'gateway.networking.k8s.io') continue;
    out.push({
      namespace: str(path(ref, 'namespace')) ?? routeNamespace,
      name,
      sectionName: str(path(ref, 'sectionName')),
    });
  }
  return out;
}

function backendRefsOf(rules: unknown, routeNamespace: string): RouteBackendRef[] {
  const seen = new Set<string>();
  const out: RouteBackendRef[] = [];
  for (const rule of array(rules)) {
    for (const ref of array(path(rule, 'backendRefs'))) {
      const name = str(path(ref, 'name'));
      const kind = str(path(ref, 'kind')) ?? 'Service';
      const group = str(path(ref, 'group')) ?? '';
      if (name === null || kind !== 'Service' || (group !== '' && group !== 'core')) continue;
      const namespace = str(path(ref, 'namespace')) ?? routeNamespace;
      const port = num(path(ref, 'port'));
      const key = `${namespace}/${name}:${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ namespace, name, port });
    }
  }
  return out;
}

export function parseHttpRouteRecord(raw: unknown): ParseResult<HttpRouteRecord> {
  const rawKind = path(raw, 'kind');
  const kind = typeof rawKind === 'string' ? rawKind : 'HTTPRoute';
  if (!ROUTE_KINDS.has(kind)) return fail(`HTTPRoute: unexpected kind ${JSON.stringify(rawKind)}`);
  const meta = readMeta(raw, kind, true);
  if (!meta.ok) return meta;
  const ns = meta.record.namespace;
  return ok({
    kind,
    namespace: ns,
    name: meta.record.name,
    hostnames: strList(path(raw, 'spec', 'hostnames')),
    parentRefs: parentRefsOf(path(raw, 'spec', 'parentRefs'), ns),
    backendRefs: backendRefsOf(path(raw, 'spec', 'rules'), ns),
  });
}

export function toHttpRouteRecord(raw: unknown): HttpRouteRecord | undefined {
  return recordOrUndefined(parseHttpRouteRecord(raw));
}
