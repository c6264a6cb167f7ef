/*
 * Nodes joined with Hubble node state, per-node flow rates, pods and Longhorn replicas, plus the
 * problems the nodes page calls out:
 *   critical – Ready False (NotReady), Ready Unknown (control plane lost the kubelet), NetworkUnavailable;
 *   warning  – Memory/Disk/PID pressure, Hubble agent unavailable, mixed Talos versions, mixed NixOS
 *              releases, kubelet minor-version skew (patch differences are normal during upgrades).
 * Hubble node names carry a `<cluster>/` prefix outside the `default` cluster; both forms match.
 */

import { addBadgeToAll, type BadgeMap, type BadgeSeverity } from './badges';
import { kubeletMinor, type NodeRecord, pressuresOf } from './nodes';
import { isPodActive, mapNodeIdForPod } from './pods';
import { num, sortedUnique } from './raw-json';
import type { ClusterContext, ClusterSnapshot, HubbleNodeInfo, NodeFlowRates } from './snapshot';

export type HubbleState = 'connected' | 'unavailable' | 'unknown';

export interface NodeProblem {
  readonly severity: BadgeSeverity;
  /** Absent for cluster-wide findings (version mixes). */
  readonly node?: string;
  readonly message: string;
}

export interface NodeJoin {
  readonly node: NodeRecord;
  readonly hubble: { readonly state: HubbleState; readonly flowsSeen: number | null };
  /** null when no rates were passed in. */
  readonly flowsPerSecond: number | null;
  readonly dropsPerSecond: number | null;
  /** Active (not Succeeded/Failed) pods scheduled on the node. */
  readonly pods: number;
  readonly longhornReplicas: number;
  /** Map node ids of the workloads with active pods on this node, sorted. */
  readonly workloads: readonly string[];
  /** This node's own problems, worst first. */
  readonly problems: readonly NodeProblem[];
}

export interface NodesJoin {
  readonly nodes: readonly NodeJoin[];
  /** Every node's problems plus cluster-wide ones, worst first. */
  readonly problems: readonly NodeProblem[];
}

/** Matches `node` and `<cluster>/node`. */
function stripCluster(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

function hubbleState(state: string): HubbleState {
  if (state === 'NODE_CONNECTED') return 'connected';
  if (state === 'NODE_UNAVAILABLE' || state === 'NODE_ERROR' || state === 'NODE_GONE') return 'unavailable';
  return 'unknown';
}

function indexHubble(nodes: readonly HubbleNodeInfo[]): Map<string, HubbleNodeInfo> {
  const out = new Map<string, HubbleNodeInfo>();
  // Exact names first so they win over a stripped duplicate from another cluster.
  for (const n of nodes) if (typeof n?.name === 'string') out.set(stripCluster(n.name), n);
  for (const n of nodes) if (typeof n?.name === 'string' && !n.name.includes('/')) out.set(n.name, n);
  return out;
}

function indexRates(rates: ReadonlyMap<string, NodeFlowRates>): Map<string, NodeFlowRates> {
  const out = new Map<string, { flowsPerSecond: number; dropsPerSecond: number }>();
  for (const [name, r] of rates) {
    const key = stripCluster(name);
    const acc = out.get(key) ?? { flowsPerSecond: 0, dropsPerSecond: 0 };
    acc.flowsPerSecond += Number.isFinite(r.flowsPerSecond) ? r.flowsPerSecond : 0;
    acc.dropsPerSecond += Number.isFinite(r.dropsPerSecond) ? r.dropsPerSecond : 0;
    out.set(key, acc);
  }
  return out;
}

function readyProblem(node: NodeRecord): NodeProblem | null {
  if (node.ready === 'True') return null;
  if (node.ready === 'False') {
    return {
      severity: 'critical',
      node: node.name,
      message: `Node ${node.name} is NotReady: ${node.readyMessage ?? node.readyReason ?? 'kubelet reports not ready'}`,
    };
  }
  const why =
    node.readyReason === null ? 'Ready is Unknown' : `${node.readyReason}: ${node.readyMessage ?? ''}`.trim();
  return { severity: 'critical', node: node.name, message: `Node ${node.name} is unreachable (${why})` };
}

function nodeProblems(node: NodeRecord, hubble: HubbleState, hubbleRaw: string | null): NodeProblem[] {
  const out: NodeProblem[] = [];
  const ready = readyProblem(node);
  if (ready !== null) out.push(ready);
  if (node.networkUnavailable === 'True') {
    out.push({
      severity: 'critical',
      node: node.name,
      message: `Node ${node.name} reports NetworkUnavailable`,
    });
  }
  for (const p of pressuresOf(node)) {
    out.push({ severity: 'warning', node: node.name, message: `Node ${node.name} reports ${p}` });
  }
  if (hubble === 'unavailable') {
    out.push({
      severity: 'warning',
      node: node.name,
      message: `Hubble on node ${node.name} is unavailable (${hubbleRaw}); its flows are missing`,
    });
  }
  return out;
}

function describeGroups(groups: Map<string, string[]>): string {
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([version, nodes]) => {
      const names = nodes.sort();
      const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
      return `${version} (${names.length} node${names.length === 1 ? '' : 's'}: ${shown})`;
    })
    .join(', ');
}

function groupBy(nodes: readonly NodeRecord[], key: (n: NodeRecord) => string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of nodes) {
    const k = key(n);
    if (k === null) continue;
    const list = out.get(k);
    if (list === undefined) out.set(k, [n.name]);
    else list.push(n.name);
  }
  return out;
}

function clusterProblems(nodes: readonly NodeRecord[]): NodeProblem[] {
  const out: NodeProblem[] = [];
  const talos = groupBy(nodes, (n) => (n.os.family === 'talos' ? n.os.version : null));
  if (talos.size > 1)
    out.push({ severity: 'warning', message: `Mixed Talos versions: ${describeGroups(talos)}` });
  const nixos = groupBy(nodes, (n) => (n.os.family === 'nixos' ? n.os.version : null));
  if (nixos.size > 1)
    out.push({ severity: 'warning', message: `Mixed NixOS releases: ${describeGroups(nixos)}` });
  const kubelets = groupBy(nodes, (n) => kubeletMinor(n.kubelet));
  if (kubelets.size > 1) {
    const minors = [...kubelets.keys()].map((k) => `v${k}`);
    const labelled = new Map([...kubelets.entries()].map(([k, v]) => [`v${k}`, v]));
    out.push({
      severity: 'warning',
      message: `Kubelet version skew across ${minors.length} minor versions: ${describeGroups(labelled)}`,
    });
  }
  return out;
}

function compareProblems(a: NodeProblem, b: NodeProblem): number {
  if (a.severity !== b.severity) return a.severity === 'critical' ? -1 : 1;
  const an = a.node ?? '';
  const bn = b.node ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function joinNodes(snapshot: ClusterSnapshot, ctx: ClusterContext): NodesJoin {
  const hubbleNodes = ctx.hubbleNodes ?? null;
  const hubble = hubbleNodes === null ? null : indexHubble(hubbleNodes);
  const rates = ctx.nodeRates === undefined ? null : indexRates(ctx.nodeRates);
  const podCount = new Map<string, number>();
  const workloads = new Map<string, Set<string>>();
  for (const pod of snapshot.pods) {
    if (pod.nodeName === null || !isPodActive(pod)) continue;
    podCount.set(pod.nodeName, (podCount.get(pod.nodeName) ?? 0) + 1);
    const set = workloads.get(pod.nodeName) ?? new Set<string>();
    set.add(mapNodeIdForPod(pod));
    workloads.set(pod.nodeName, set);
  }
  const replicas = new Map<string, number>();
  for (const r of snapshot.longhornReplicas) {
    if (r.nodeID !== null) replicas.set(r.nodeID, (replicas.get(r.nodeID) ?? 0) + 1);
  }
  const nodes = [...snapshot.nodes]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((node): NodeJoin => {
      const h = hubble?.get(node.name);
      const state = h === undefined ? 'unknown' : hubbleState(h.state);
      const r = rates === null ? null : (rates.get(node.name) ?? { flowsPerSecond: 0, dropsPerSecond: 0 });
      return {
        node,
        hubble: { state, flowsSeen: h === undefined ? null : num(h.seen_flows ?? h.seenFlows) },
        flowsPerSecond: r?.flowsPerSecond ?? null,
        dropsPerSecond: r?.dropsPerSecond ?? null,
        pods: podCount.get(node.name) ?? 0,
        longhornReplicas: replicas.get(node.name) ?? 0,
        workloads: sortedUnique(workloads.get(node.name) ?? []),
        problems: nodeProblems(node, state, h?.state ?? null).sort(compareProblems),
      };
    });
  const problems = [...nodes.flatMap((n) => n.problems), ...clusterProblems(snapshot.nodes)].sort(
    compareProblems,
  );
  return { nodes, problems };
}

/** One badge per troubled node on every workload with a pod there: worst severity, messages joined. */
export function appendNodeBadges(map: BadgeMap, join: NodesJoin): void {
  for (const n of join.nodes) {
    const first = n.problems[0];
    if (first === undefined || n.workloads.length === 0) continue;
    addBadgeToAll(map, n.workloads, {
      type: 'node',
      severity: first.severity,
      message: n.problems.map((p) => p.message).join('; '),
      ref: `Node/${n.node.name}`,
    });
  }
}
