/** What to list+watch. `namespace` narrows a namespaced resource to one namespace (least-privilege Role). */
export interface ResourceSpec {
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  namespace?: string;
}

export function groupVersionPath(spec: Pick<ResourceSpec, 'group' | 'version'>): string {
  return spec.group === '' ? `/api/${spec.version}` : `/apis/${spec.group}/${spec.version}`;
}

export function collectionPath(spec: ResourceSpec): string {
  const base = groupVersionPath(spec);
  if (spec.namespaced && spec.namespace) {
    return `${base}/namespaces/${encodeURIComponent(spec.namespace)}/${spec.plural}`;
  }
  return `${base}/${spec.plural}`;
}

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones (kubectl's cache key format). */
export function recordKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** `certificates.cert-manager.io/v1`, `pods/v1`: for messages. */
export function describeResource(spec: ResourceSpec): string {
  const name = spec.group === '' ? spec.plural : `${spec.plural}.${spec.group}`;
  const scope = spec.namespaced && spec.namespace ? ` in namespace ${spec.namespace}` : '';
  return `${name}/${spec.version}${scope}`;
}
