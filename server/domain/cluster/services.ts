// core/v1 Service records and selector matching (Service → the pods it selects).

import { type PodRecord, podsByNamespace } from './pods';
import { array, num, ok, type ParseResult, path, readMeta, recordOrUndefined, str, strMap } from './raw-json';

export interface ServicePort {
  readonly name: string | null;
  readonly port: number | null;
  readonly protocol: string;
  /** Number or named container port, as written. */
  readonly targetPort: number | string | null;
}

export interface ServiceRecord {
  readonly namespace: string;
  readonly name: string;
  /** ClusterIP | NodePort | LoadBalancer | ExternalName. */
  readonly type: string;
  /** null = no selector (ExternalName or manually managed endpoints): selects no pods. */
  readonly selector: Readonly<Record<string, string>> | null;
  readonly clusterIP: string | null;
  readonly ports: readonly ServicePort[];
}

function portsOf(value: unknown): ServicePort[] {
  return array(value).map((p) => {
    const target = path(p, 'targetPort');
    return {
      name: str(path(p, 'name')),
      port: num(path(p, 'port')),
      protocol: str(path(p, 'protocol')) ?? 'TCP',
      targetPort: typeof target === 'string' ? str(target) : num(target),
    };
  });
}

export function parseServiceRecord(raw: unknown): ParseResult<ServiceRecord> {
  const meta = readMeta(raw, 'Service', true);
  if (!meta.ok) return meta;
  const selector = strMap(path(raw, 'spec', 'selector'));
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    type: str(path(raw, 'spec', 'type')) ?? 'ClusterIP',
    // An empty selector map selects nothing for Services (unlike label selectors elsewhere).
    selector: Object.keys(selector).length === 0 ? null : selector,
    clusterIP: str(path(raw, 'spec', 'clusterIP')),
    ports: portsOf(path(raw, 'spec', 'ports')),
  });
}

export function toServiceRecord(raw: unknown): ServiceRecord | undefined {
  return recordOrUndefined(parseServiceRecord(raw));
}

/** True when the Service's selector picks this pod (same namespace, every selector label equal). */
export function serviceSelectsPod(service: ServiceRecord, pod: PodRecord): boolean {
  if (service.selector === null || service.namespace !== pod.namespace) return false;
  for (const [key, value] of Object.entries(service.selector)) {
    if (pod.labels[key] !== value) return false;
  }
  return true;
}

/**
 * Resolves Services to their pods. Built once per snapshot so joins that touch the same Service many
 * times (one per certificate, route…) do not rescan all pods.
 */
export interface ServiceIndex {
  service(namespace: string, name: string): ServiceRecord | undefined;
  podsFor(namespace: string, name: string): readonly PodRecord[];
}

export function buildServiceIndex(
  services: Iterable<ServiceRecord>,
  pods: Iterable<PodRecord>,
): ServiceIndex {
  const byKey = new Map<string, ServiceRecord>();
  for (const svc of services) byKey.set(`${svc.namespace}/${svc.name}`, svc);
  const podsNs = podsByNamespace(pods);
  const cache = new Map<string, readonly PodRecord[]>();
  return {
    service: (namespace, name) => byKey.get(`${namespace}/${name}`),
    podsFor(namespace, name) {
      const key = `${namespace}/${name}`;
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const svc = byKey.get(key);
      const selected =
        svc === undefined ? [] : (podsNs.get(namespace) ?? []).filter((pod) => serviceSelectsPod(svc, pod));
      cache.set(key, selected);
      return selected;
    },
  };
}
