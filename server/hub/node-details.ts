// GET /api/nodes extras on top of the domain's NodesResponse: the service-map nodes running on each
// Kubernetes node (so the UI can link a node to its slice of the map), the Hubble agent version from
// Relay's GetNodes, version summaries for the mixed-version call-outs, and whether the Talos API is
// configured plus, when it is, each Talos node's version and service health from the Talos API.
import { type ClusterSnapshot, mapNodeIdForPod, type NodesResponse, type NodeView } from '../domain/cluster';
import type { TalosStateSnapshot } from './talos-state';
import { matchTalosNodes, type TalosNodeApi, talosNodeApi } from './talos-view';

export type { TalosNodeApi, TalosServiceProblem } from './talos-view';

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
  /** Talos API view of this node (TALOSCONFIG set and the node answered or errored); else null. */
  readonly talosApi: TalosNodeApi | null;
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

export function talosStatus(
  env: Readonly<Record<string, string | undefined>>,
  state?: TalosStateSnapshot,
): TalosStatus {
  const path = env.TALOSCONFIG?.trim();
  if (!path) {
    return {
      configured: false,
      message: 'Talos API not configured: set TALOSCONFIG. Kubernetes data is shown.',
    };
  }
  if (!state || state.context === null) {
    return {
      configured: true,
      message: 'TALOSCONFIG is set, but the Talos API source is not running (see the server log).',
    };
  }
  if (state.polls === 0) {
    return {
      configured: true,
      message: `Talos API (context ${state.context}): waiting for the first answer.`,
    };
  }
  const failed = state.nodes.filter((n) => n.error !== null).length;
  const asked = state.nodes.length;
  const degraded = state.nodes.filter((n) => n.error === null && talosNodeApi(n).problems.length > 0).length;
  const head = `Talos API (context ${state.context}):`;
  const answered =
    failed === 0
      ? `${asked} node${asked === 1 ? '' : 's'} answered`
      : `${failed} of ${asked} nodes returned an error`;
  const health = degraded > 0 ? `, ${degraded} with failed or unhealthy services` : '';
  return { configured: true, message: `${head} ${answered}${health}.` };
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
  talosState?: TalosStateSnapshot,
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
  const talosApi = talosState ? matchTalosNodes(snapshot.nodes, talosState) : new Map<string, TalosNodeApi>();
  const nodes = response.nodes.map((n): NodeWithDetails => {
    const ids = [...(workloads.get(n.name) ?? [])].sort();
    const namespaces = [...new Set(ids.map((id) => id.split('/')[0] ?? id))].sort();
    return {
      ...n,
      workloads: ids,
      namespaces,
      hubbleVersion: agents.get(n.name) ?? null,
      talosApi: talosApi.get(n.name) ?? null,
    };
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
