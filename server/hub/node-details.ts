// GET /api/nodes extras on top of the domain's NodesResponse: the service-map nodes running on each
// Kubernetes node (so the UI can link a node to its slice of the map), the Hubble agent version from
// Relay's GetNodes, version summaries for the mixed-version call-outs, and whether the Talos API is
// configured.
import { type ClusterSnapshot, mapNodeIdForPod, type NodesResponse, type NodeView } from '../domain/cluster';

export interface HubbleAgentInput {
  readonly name: string;
  readonly version: string;
}

export type NodeWithDetails = NodeView & {
  /** Service-map node ids (`<namespace>/<workload>`) with an active pod here, sorted. */
  readonly workloads: readonly string[];
  /** Namespaces of those workloads, sorted. */
  readonly namespaces: readonly string[];
  readonly hubbleVersion: string | null;
};

export interface TalosStatus {
  readonly configured: boolean;
  readonly message: string;
}

export interface VersionGroup {
  readonly version: string;
  readonly nodes: readonly string[];
}

export interface NodesBody extends Omit<NodesResponse, 'nodes'> {
  readonly nodes: readonly NodeWithDetails[];
  readonly versions: {
    readonly talos: readonly VersionGroup[];
    readonly nixos: readonly VersionGroup[];
    readonly kubelet: readonly VersionGroup[];
  };
  readonly talos: TalosStatus;
}

export function talosStatus(env: Readonly<Record<string, string | undefined>>): TalosStatus {
  const path = env.TALOSCONFIG?.trim();
  if (!path) {
    return {
      configured: false,
      message: 'Talos API not configured: set TALOSCONFIG. Kubernetes data is shown.',
    };
  }
  // Reading Talos services needs a gRPC mTLS client to apid; until that exists say so plainly rather
  // than pretend the setting did something.
  return {
    configured: true,
    message:
      'TALOSCONFIG is set, but this Skymap build does not query the Talos API yet; Kubernetes data is shown.',
  };
}

/** Matches `node` and `<cluster>/node`, like the nodes join does. */
function stripCluster(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

function groupVersions(nodes: readonly NodeView[], key: (n: NodeView) => string | null): VersionGroup[] {
  const groups = new Map<string, string[]>();
  for (const n of nodes) {
    const k = key(n);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), n.name]);
  }
  return [...groups.entries()]
    .map(([version, names]) => ({ version, nodes: names.sort() }))
    .sort((a, b) => b.nodes.length - a.nodes.length || (a.version < b.version ? -1 : 1));
}

export function withNodeDetails(
  response: NodesResponse,
  snapshot: ClusterSnapshot,
  hubbleAgents: readonly HubbleAgentInput[],
  talos: TalosStatus,
): NodesBody {
  const workloads = new Map<string, Set<string>>();
  for (const pod of snapshot.pods) {
    if (pod.nodeName === null || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    const set = workloads.get(pod.nodeName) ?? new Set<string>();
    set.add(mapNodeIdForPod(pod));
    workloads.set(pod.nodeName, set);
  }
  const agents = new Map<string, string>();
  for (const a of hubbleAgents) if (a.version) agents.set(stripCluster(a.name), a.version);
  const nodes = response.nodes.map((n): NodeWithDetails => {
    const ids = [...(workloads.get(n.name) ?? [])].sort();
    const namespaces = [...new Set(ids.map((id) => id.split('/')[0] ?? id))].sort();
    return { ...n, workloads: ids, namespaces, hubbleVersion: agents.get(n.name) ?? null };
  });
  return {
    ...response,
    nodes,
    versions: {
      talos: groupVersions(response.nodes, (n) => (n.os.family === 'talos' ? n.os.version : null)),
      nixos: groupVersions(response.nodes, (n) => (n.os.family === 'nixos' ? n.os.version : null)),
      kubelet: groupVersions(response.nodes, (n) => n.kubelet),
    },
    talos,
  };
}
