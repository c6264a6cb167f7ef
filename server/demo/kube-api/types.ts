// Shapes shared by the embedded Kubernetes API server. Objects are plain JSON exactly as the real API
// returns them; the server only owns `metadata.{uid,creationTimestamp,resourceVersion}`.

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** Same meaning as a CRD's additionalPrinterColumns entry (simple JSONPath subset). */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  /** 0 = always shown, >0 = only with `-o wide`. */
  priority?: number;
}

export interface ApiResourceSpec {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: readonly string[];
  listKind: string;
  /** e.g. ['all'] so `kubectl get all` includes it. */
  categories?: readonly string[];
  printerColumns?: readonly PrinterColumn[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One committed change, kept in the per-resource history that watches replay from. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resourceVersion: number;
  object: KubeObject;
  /** State before a MODIFIED, so a filtered watch can turn it into ADDED/DELETED like the real server. */
  previous?: KubeObject;
}

export function apiVersionOf(spec: Pick<ApiResourceSpec, 'group' | 'version'>): string {
  return spec.group === '' ? spec.version : `${spec.group}/${spec.version}`;
}

export function resourceKey(spec: Pick<ApiResourceSpec, 'group' | 'version' | 'plural'>): string {
  return `${spec.group}/${spec.version}/${spec.plural}`;
}
