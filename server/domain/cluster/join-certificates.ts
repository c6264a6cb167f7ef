/*
 * Certificate → TLS Secret → Ingress / Gateway (+ the routes attached to the listeners that serve the
 * Secret) → backend Services → selected pods → service-map node ids.
 *
 * A consumer matches when it names the Certificate's Secret (Ingress `tls[].secretName` in the same
 * namespace; Gateway listener `tls.certificateRefs[]` of kind Secret, namespace = ref namespace or the
 * Gateway's), or when it is the Certificate's controller owner (ingress-/gateway-shim certificates).
 * A route attaches through a Gateway parentRef; with a `sectionName` only when that listener is one
 * serving the Secret.
 */

import { addBadgeToAll, type BadgeMap, type BadgeSeverity } from './badges';
import {
  assessCertificate,
  type CertificateAssessment,
  type CertificateRecord,
  type CertificateStatus,
  compareByUrgency,
} from './certificates';
import type { GatewayRecord, HttpRouteRecord } from './gateways';
import type { IngressRecord } from './ingresses';
import { isPodActive, mapNodeIdForPod } from './pods';
import { nsKey, sortedUnique } from './raw-json';
import { buildServiceIndex, type ServiceIndex } from './services';
import type { ClusterContext, ClusterSnapshot } from './snapshot';

export interface CertificateUse {
  /** Ingress | Gateway | HTTPRoute (or another route kind). */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface CertificateJoin {
  readonly certificate: CertificateRecord;
  readonly assessment: CertificateAssessment;
  readonly usedBy: readonly CertificateUse[];
  /** Backend Services reached through usedBy, as `<namespace>/<name>`, sorted. */
  readonly backendServices: readonly string[];
  /** Service-map node ids of the pods those Services select, sorted. */
  readonly services: readonly string[];
}

interface GatewayUse {
  readonly gateway: GatewayRecord;
  /** Listener names serving the secret; null = all (matched through the owner reference only). */
  readonly listeners: ReadonlySet<string> | null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

interface ConsumerIndex {
  readonly ingressBySecret: Map<string, IngressRecord[]>;
  readonly ingressByName: Map<string, IngressRecord>;
  readonly gatewayListenersBySecret: Map<string, { gateway: GatewayRecord; listener: string }[]>;
  readonly gatewayByName: Map<string, GatewayRecord>;
  readonly routesByGateway: Map<string, HttpRouteRecord[]>;
}

function buildConsumerIndex(snapshot: ClusterSnapshot): ConsumerIndex {
  const index: ConsumerIndex = {
    ingressBySecret: new Map(),
    ingressByName: new Map(),
    gatewayListenersBySecret: new Map(),
    gatewayByName: new Map(),
    routesByGateway: new Map(),
  };
  for (const ing of snapshot.ingresses) {
    index.ingressByName.set(nsKey(ing.namespace, ing.name), ing);
    for (const secret of new Set(ing.tls.map((t) => t.secretName))) {
      push(index.ingressBySecret, nsKey(ing.namespace, secret), ing);
    }
  }
  for (const gw of snapshot.gateways) {
    index.gatewayByName.set(nsKey(gw.namespace, gw.name), gw);
    for (const listener of gw.listeners) {
      for (const ref of listener.certificateRefs) {
        push(index.gatewayListenersBySecret, nsKey(ref.namespace, ref.name), {
          gateway: gw,
          listener: listener.name,
        });
      }
    }
  }
  for (const route of snapshot.httpRoutes) {
    const parents = new Set(route.parentRefs.map((p) => nsKey(p.namespace, p.name)));
    for (const parent of parents) push(index.routesByGateway, parent, route);
  }
  return index;
}

function gatewayUses(cert: CertificateRecord, index: ConsumerIndex): GatewayUse[] {
  const byGateway = new Map<string, { gateway: GatewayRecord; listeners: Set<string> | null }>();
  if (cert.secretName !== null) {
    for (const { gateway, listener } of index.gatewayListenersBySecret.get(
      nsKey(cert.namespace, cert.secretName),
    ) ?? []) {
      const key = nsKey(gateway.namespace, gateway.name);
      const entry = byGateway.get(key);
      if (entry === undefined) byGateway.set(key, { gateway, listeners: new Set([listener]) });
      else entry.listeners?.add(listener);
    }
  }
  if (cert.owner?.kind === 'Gateway') {
    const key = nsKey(cert.namespace, cert.owner.name);
    const gateway = index.gatewayByName.get(key);
    if (gateway !== undefined && !byGateway.has(key)) byGateway.set(key, { gateway, listeners: null });
  }
  return [...byGateway.values()];
}

function routeAttaches(route: HttpRouteRecord, use: GatewayUse): boolean {
  return route.parentRefs.some(
    (p) =>
      p.namespace === use.gateway.namespace &&
      p.name === use.gateway.name &&
      (p.sectionName === null || use.listeners === null || use.listeners.has(p.sectionName)),
  );
}

function joinOne(
  cert: CertificateRecord,
  index: ConsumerIndex,
  services: ServiceIndex,
  ctx: ClusterContext,
): CertificateJoin {
  const usedBy: CertificateUse[] = [];
  const backends = new Set<string>();
  const ingresses = new Map<string, IngressRecord>();
  if (cert.secretName !== null) {
    for (const ing of index.ingressBySecret.get(nsKey(cert.namespace, cert.secretName)) ?? []) {
      ingresses.set(nsKey(ing.namespace, ing.name), ing);
    }
  }
  if (cert.owner?.kind === 'Ingress') {
    const owner = index.ingressByName.get(nsKey(cert.namespace, cert.owner.name));
    if (owner !== undefined) ingresses.set(nsKey(owner.namespace, owner.name), owner);
  }
  for (const ing of ingresses.values()) {
    usedBy.push({ kind: 'Ingress', namespace: ing.namespace, name: ing.name });
    for (const svc of ing.backendServices) backends.add(nsKey(ing.namespace, svc));
  }
  for (const use of gatewayUses(cert, index)) {
    usedBy.push({ kind: 'Gateway', namespace: use.gateway.namespace, name: use.gateway.name });
    for (const route of index.routesByGateway.get(nsKey(use.gateway.namespace, use.gateway.name)) ?? []) {
      if (!routeAttaches(route, use)) continue;
      usedBy.push({ kind: route.kind, namespace: route.namespace, name: route.name });
      for (const ref of route.backendRefs) backends.add(nsKey(ref.namespace, ref.name));
    }
  }
  const mapIds = new Set<string>();
  for (const key of backends) {
    const slash = key.indexOf('/');
    for (const pod of services.podsFor(key.slice(0, slash), key.slice(slash + 1))) {
      if (isPodActive(pod)) mapIds.add(mapNodeIdForPod(pod));
    }
  }
  usedBy.sort(
    (a, b) =>
      compareText(a.kind, b.kind) || compareText(a.namespace, b.namespace) || compareText(a.name, b.name),
  );
  return {
    certificate: cert,
    assessment: assessCertificate(cert, ctx.now, { expiringDays: ctx.expiringDays }),
    usedBy: dedupeUses(usedBy),
    backendServices: sortedUnique(backends),
    services: sortedUnique(mapIds),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupeUses(sorted: CertificateUse[]): CertificateUse[] {
  return sorted.filter(
    (u, i) =>
      i === 0 ||
      u.kind !== sorted[i - 1]?.kind ||
      u.namespace !== sorted[i - 1]?.namespace ||
      u.name !== sorted[i - 1]?.name,
  );
}

/** Every Certificate joined to its consumers and map nodes, sorted by urgency (API order). */
export function joinCertificates(snapshot: ClusterSnapshot, ctx: ClusterContext): CertificateJoin[] {
  const index = buildConsumerIndex(snapshot);
  const services = buildServiceIndex(snapshot.services, snapshot.pods);
  const joins = snapshot.certificates.map((cert) => joinOne(cert, index, services, ctx));
  return joins.sort((a, b) =>
    compareByUrgency(
      { ...a.assessment, namespace: a.certificate.namespace, name: a.certificate.name },
      { ...b.assessment, namespace: b.certificate.namespace, name: b.certificate.name },
    ),
  );
}

const BADGE_SEVERITY: Readonly<Record<CertificateStatus, BadgeSeverity | null>> = {
  expired: 'critical',
  failed: 'critical',
  expiring: 'warning',
  pending: 'warning',
  ok: null,
};

function badgeMessage(join: CertificateJoin): string {
  const c = join.certificate;
  const a = join.assessment;
  const id = `${c.namespace}/${c.name}`;
  const days = a.daysLeft ?? 0;
  switch (a.status) {
    case 'expired':
      return `Certificate ${id} expired${c.notAfter === null ? '' : ` on ${c.notAfter.slice(0, 10)}`}`;
    case 'failed':
      return `Certificate ${id} issuance failed${a.message === null ? '' : `: ${a.message}`}`;
    case 'expiring':
      return `Certificate ${id} expires in ${days} day${days === 1 ? '' : 's'}`;
    default:
      return `Certificate ${id} is not issued yet${a.reason === null ? '' : ` (${a.reason})`}`;
  }
}

/** Appends a certificate badge to every map node serving a certificate that is not `ok`. */
export function appendCertificateBadges(map: BadgeMap, joins: readonly CertificateJoin[]): void {
  for (const join of joins) {
    const severity = BADGE_SEVERITY[join.assessment.status];
    if (severity === null || join.services.length === 0) continue;
    addBadgeToAll(map, join.services, {
      type: 'certificate',
      severity,
      message: badgeMessage(join),
      ref: `Certificate/${join.certificate.namespace}/${join.certificate.name}`,
    });
  }
}
