// Pure filters that cut API bodies down to the namespaces a person may see. One rule throughout: a
// flow (or an edge, or a drop group) is visible when EITHER end is in an allowed namespace, so
// world/host/fqdn peers of an allowed workload stay visible while traffic between two foreign
// namespaces disappears. Cluster-wide things (nodes without a namespace) are only kept as peers.
import type { CertificatesResponse, VolumesResponse } from '../domain/cluster';
import type { Flow } from '../domain/flow';
import type { MapEdge, MapNode, MapView } from '../domain/service-map/view-types';
import { namespaceOf } from '../domain/service-map/workload-labels';
import type { NamespaceScope } from './scopes';

const sets = new WeakMap<readonly string[], ReadonlySet<string>>();

function setOf(list: readonly string[]): ReadonlySet<string> {
  let set = sets.get(list);
  if (set === undefined) {
    set = new Set(list);
    sets.set(list, set);
  }
  return set;
}

export function namespaceAllowed(scope: NamespaceScope, namespace: string | null | undefined): boolean {
  if (scope === 'all') return true;
  return namespace !== null && namespace !== undefined && namespace !== '' && setOf(scope).has(namespace);
}

export function flowInScope(flow: Flow, scope: NamespaceScope): boolean {
  if (scope === 'all') return true;
  const source = flow.source ? namespaceOf(flow.source) : null;
  if (namespaceAllowed(scope, source)) return true;
  const destination = flow.destination ? namespaceOf(flow.destination) : null;
  return namespaceAllowed(scope, destination);
}

/** The input array itself when the scope is `all`. */
export function scopeFlows<T extends Flow>(flows: readonly T[], scope: NamespaceScope): readonly T[] {
  if (scope === 'all') return flows;
  return flows.filter((flow) => flowInScope(flow, scope));
}

/**
 * Namespace of a service-map node id: `<namespace>/<workload>` for workloads (and
 * `<namespace>/other`); null for `world`, `host`, `fqdn:<name>`, `ip:<address>`, `unknown`, ….
 */
export function namespaceOfNodeId(id: string): string | null {
  if (id.startsWith('fqdn:') || id.startsWith('ip:')) return null;
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : null;
}

function nodeIdAllowed(scope: NamespaceScope, id: string): boolean {
  return namespaceAllowed(scope, namespaceOfNodeId(id));
}

/**
 * Keeps edges with an end in scope and the nodes they touch (plus in-scope nodes without edges).
 * Foreign nodes kept as peers get their counters recomputed from the visible edges and lose their
 * badges, so they reveal nothing about traffic or objects outside the scope.
 */
export function scopeMapView(view: MapView, scope: NamespaceScope): MapView {
  if (scope === 'all') return view;
  const nodeNamespace = new Map<string, string | null>();
  for (const node of view.nodes) nodeNamespace.set(node.id, node.namespace);
  const inScope = (id: string) => namespaceAllowed(scope, nodeNamespace.get(id) ?? namespaceOfNodeId(id));
  const edges: MapEdge[] = view.edges.filter((edge) => inScope(edge.source) || inScope(edge.target));
  const peerTotals = new Map<string, { flowsIn: number; flowsOut: number; drops: number }>();
  const totals = (id: string) => {
    let entry = peerTotals.get(id);
    if (entry === undefined) {
      entry = { flowsIn: 0, flowsOut: 0, drops: 0 };
      peerTotals.set(id, entry);
    }
    return entry;
  };
  for (const edge of edges) {
    const source = totals(edge.source);
    const target = totals(edge.target);
    source.flowsOut += edge.flows;
    target.flowsIn += edge.flows;
    source.drops += edge.dropped;
    if (edge.target !== edge.source) target.drops += edge.dropped;
  }
  const nodes: MapNode[] = [];
  for (const node of view.nodes) {
    if (inScope(node.id)) {
      nodes.push(node);
      continue;
    }
    const seen = peerTotals.get(node.id);
    if (seen === undefined) continue;
    nodes.push({ ...node, flowsIn: seen.flowsIn, flowsOut: seen.flowsOut, drops: seen.drops, badges: [] });
  }
  return { ...view, nodes, edges };
}

/** Drop groups as /api/drops returns them: `source` / `target` are service-map node ids. */
export function scopeDropGroups<G extends { readonly source: string; readonly target: string }>(
  groups: readonly G[],
  scope: NamespaceScope,
): readonly G[] {
  if (scope === 'all') return groups;
  return groups.filter((group) => nodeIdAllowed(scope, group.source) || nodeIdAllowed(scope, group.target));
}

/** Certificates in allowed namespaces; their users and services trimmed to the scope too. */
export function scopeCertificates(
  response: CertificatesResponse,
  scope: NamespaceScope,
): CertificatesResponse {
  if (scope === 'all') return response;
  return {
    ...response,
    certificates: response.certificates
      .filter((cert) => namespaceAllowed(scope, cert.namespace))
      .map((cert) => ({
        ...cert,
        usedBy: cert.usedBy.filter((use) => namespaceAllowed(scope, use.namespace)),
        services: cert.services.filter((id) => nodeIdAllowed(scope, id)),
      })),
  };
}

/**
 * Longhorn volumes whose claim is in scope; Ceph clusters in an allowed namespace or backing an
 * allowed workload (their health affects that workload); pools of the visible clusters' namespaces.
 */
export function scopeVolumes(response: VolumesResponse, scope: NamespaceScope): VolumesResponse {
  if (scope === 'all') return response;
  const onlyAllowed = (ids: readonly string[]) => ids.filter((id) => nodeIdAllowed(scope, id));
  const clusters = response.ceph.clusters
    .filter((c) => namespaceAllowed(scope, c.namespace) || c.workloads.some((id) => nodeIdAllowed(scope, id)))
    .map((c) => ({ ...c, workloads: onlyAllowed(c.workloads) }));
  const cephNamespaces = new Set(clusters.map((c) => c.namespace));
  return {
    longhorn: {
      ...response.longhorn,
      volumes: response.longhorn.volumes
        .filter((v) => v.pvc !== null && namespaceAllowed(scope, v.pvc.namespace))
        .map((v) => ({ ...v, workloads: onlyAllowed(v.workloads) })),
    },
    ceph: {
      ...response.ceph,
      clusters,
      pools: response.ceph.pools.filter(
        (p) => cephNamespaces.has(p.namespace) || namespaceAllowed(scope, p.namespace),
      ),
    },
  };
}
