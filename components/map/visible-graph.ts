// From the server's map view to what is drawn: noise hidden, namespaces folded when the map is too
// big to read, and parallel edges between two drawn nodes merged (their ports listed). Pure.
import type { BadgeWire, MapEdgeWire, MapNodeWire, MapViewWire, NodeKind } from './map-types';

export type VisualKind = NodeKind | 'namespace';

export interface VisualNode {
  id: string;
  kind: VisualKind;
  label: string;
  namespace?: string;
  /** Layout group: a namespace, or a band for things outside the cluster / the node layer. */
  group: string;
  flowsIn: number;
  flowsOut: number;
  drops: number;
  badges: BadgeWire[];
  /** Folded namespace: how many workloads it stands for. */
  members?: number;
  match: boolean;
}

export interface VisualEdge {
  id: string;
  source: string;
  target: string;
  flows: number;
  forwarded: number;
  dropped: number;
  /** Verdicts other than the majority one were seen: drawn dashed. */
  mixed: boolean;
  http5xx: number;
  httpRequests: number;
  p95Ms: number | null;
  dnsErrors: number;
  ports: string[];
  edges: MapEdgeWire[];
}

export interface VisibleGraphOptions {
  hideNoise: boolean;
  foldThreshold: number;
  expanded: ReadonlySet<string>;
  search: string;
}

export const NOISE_KINDS: ReadonlySet<NodeKind> = new Set(['host', 'remote-node', 'health']);

export function isNoise(node: MapNodeWire): boolean {
  if (NOISE_KINDS.has(node.kind)) return true;
  return node.namespace === 'kube-system' && /^(kube-dns|coredns)$/.test(node.name);
}

export function groupOf(node: MapNodeWire): string {
  if (node.namespace) return `ns:${node.namespace}`;
  if (node.kind === 'world' || node.kind === 'fqdn' || node.kind === 'ip') return 'outside';
  return 'infra';
}

export function buildVisibleGraph(
  view: MapViewWire,
  options: VisibleGraphOptions,
): { nodes: VisualNode[]; edges: VisualEdge[]; folded: boolean } {
  const kept = view.nodes.filter((n) => !(options.hideNoise && isNoise(n)));
  const fold = kept.length > options.foldThreshold;
  const search = options.search.trim().toLowerCase();
  const visualOf = new Map<string, string>();
  const nodes = new Map<string, VisualNode>();

  for (const node of kept) {
    const ns = node.namespace ?? undefined;
    const matches = search !== '' && `${node.id} ${node.name}`.toLowerCase().includes(search);
    if (fold && ns && !options.expanded.has(ns)) {
      const id = `ns:${ns}`;
      visualOf.set(node.id, id);
      const folded = nodes.get(id);
      if (folded) {
        folded.flowsIn += node.flowsIn;
        folded.flowsOut += node.flowsOut;
        folded.drops += node.drops;
        folded.members = (folded.members ?? 0) + 1;
        folded.badges.push(...node.badges);
        folded.match ||= matches;
      } else {
        nodes.set(id, {
          id,
          kind: 'namespace',
          label: ns,
          namespace: ns,
          group: id,
          flowsIn: node.flowsIn,
          flowsOut: node.flowsOut,
          drops: node.drops,
          badges: [...node.badges],
          members: 1,
          match: matches,
        });
      }
      continue;
    }
    visualOf.set(node.id, node.id);
    nodes.set(node.id, {
      id: node.id,
      kind: node.kind,
      label: node.name,
      namespace: ns,
      group: groupOf(node),
      flowsIn: node.flowsIn,
      flowsOut: node.flowsOut,
      drops: node.drops,
      badges: node.badges,
      match: matches,
    });
  }

  const edges = new Map<string, VisualEdge>();
  for (const edge of view.edges) {
    const source = visualOf.get(edge.source);
    const target = visualOf.get(edge.target);
    if (!source || !target) continue;
    const id = `${source}->${target}`;
    const port = edge.port === null ? edge.protocol : `${edge.port}/${edge.protocol}`;
    const existing = edges.get(id);
    const target5xx = edge.http?.errors5xx ?? 0;
    if (existing) {
      existing.flows += edge.flows;
      existing.forwarded += edge.forwarded;
      existing.dropped += edge.dropped;
      existing.http5xx += target5xx;
      existing.httpRequests += edge.http?.requests ?? 0;
      existing.dnsErrors += edge.dns?.errors ?? 0;
      existing.p95Ms = maxNullable(existing.p95Ms, edge.http?.p95Ms ?? null);
      if (!existing.ports.includes(port)) existing.ports.push(port);
      existing.edges.push(edge);
      existing.mixed = isMixed(existing.forwarded, existing.dropped, existing.flows);
    } else {
      edges.set(id, {
        id,
        source,
        target,
        flows: edge.flows,
        forwarded: edge.forwarded,
        dropped: edge.dropped,
        mixed: isMixed(edge.forwarded, edge.dropped, edge.flows),
        http5xx: target5xx,
        httpRequests: edge.http?.requests ?? 0,
        p95Ms: edge.http?.p95Ms ?? null,
        dnsErrors: edge.dns?.errors ?? 0,
        ports: [port],
        edges: [edge],
      });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], folded: fold };
}

function isMixed(forwarded: number, dropped: number, flows: number): boolean {
  return dropped > 0 && dropped < flows && forwarded > 0;
}

function maxNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
