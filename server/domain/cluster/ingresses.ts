// networking.k8s.io/v1 Ingress records: the TLS secrets it serves and the backend Services behind it.

import {
  array,
  ok,
  type ParseResult,
  path,
  readMeta,
  recordOrUndefined,
  sortedUnique,
  str,
  strList,
} from './raw-json';

export interface IngressTls {
  readonly secretName: string;
  readonly hosts: readonly string[];
}

export interface IngressRecord {
  readonly namespace: string;
  readonly name: string;
  readonly className: string | null;
  /** Blocks without a secretName are dropped (they serve the controller's default certificate). */
  readonly tls: readonly IngressTls[];
  /** Names of the backend Services (same namespace): default backend and every rule path, sorted. */
  readonly backendServices: readonly string[];
}

function backendService(backend: unknown): string | null {
  return str(path(backend, 'service', 'name'));
}

export function parseIngressRecord(raw: unknown): ParseResult<IngressRecord> {
  const meta = readMeta(raw, 'Ingress', true);
  if (!meta.ok) return meta;
  const spec = path(raw, 'spec');
  const tls: IngressTls[] = [];
  for (const block of array(path(spec, 'tls'))) {
    const secretName = str(path(block, 'secretName'));
    if (secretName !== null) tls.push({ secretName, hosts: strList(path(block, 'hosts')) });
  }
  const backends: string[] = [];
  const defaultBackend = backendService(path(spec, 'defaultBackend'));
  if (defaultBackend !== null) backends.push(defaultBackend);
  for (const rule of array(path(spec, 'rules'))) {
    for (const p of array(path(rule, 'http', 'paths'))) {
      const name = backendService(path(p, 'backend'));
      if (name !== null) backends.push(name);
    }
  }
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    className:
      str(path(spec, 'ingressClassName')) ?? str(meta.record.annotations['kubernetes.io/ingress.class']),
    tls,
    backendServices: sortedUnique(backends),
  });
}

export function toIngressRecord(raw: unknown): IngressRecord | undefined {
  return recordOrUndefined(parseIngressRecord(raw));
}
