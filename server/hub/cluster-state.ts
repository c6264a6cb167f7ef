// Cluster health joined onto traffic: recomputed on the hub's tick when the cluster changed (or every
// 10 s, since certificate and Ceph staleness depend on the clock), then read by the API routes and
// used to decorate every map view with badges and the pods behind each node.
import {
  buildClusterViews,
  type ClusterSnapshot,
  type ClusterViews,
  emptyClusterSnapshot,
  type HubbleNodeInfo,
  mapNodeIdForPod,
} from '../domain/cluster';
import type { PolicyRecord } from '../domain/policy/policy-types';
import type { MapView } from '../domain/service-map';

export interface ClusterFeed {
  snapshot(): ClusterSnapshot;
  policies(): readonly PolicyRecord[];
  readonly version: number;
}

export interface ClusterInputs {
  readonly hubbleNodes: readonly HubbleNodeInfo[] | null;
  readonly nodeRates: ReadonlyMap<string, { flowsPerSecond: number; dropsPerSecond: number }>;
  readonly expiringDays: number;
}

const REFRESH_MS = 10_000;
const MAX_PODS_LISTED = 50;

export class ClusterState {
  private feed: ClusterFeed | undefined;
  private builtVersion = -1;
  private builtAt = 0;
  private current: ClusterViews;
  private podsByNode = new Map<string, string[]>();

  constructor(private readonly expiringDays: number) {
    this.current = buildClusterViews(emptyClusterSnapshot(), { now: 0, expiringDays });
  }

  get configured(): boolean {
    return this.feed !== undefined;
  }

  attach(feed: ClusterFeed): void {
    this.feed = feed;
    this.builtVersion = -1;
  }

  policies(): readonly PolicyRecord[] {
    return this.feed?.policies() ?? [];
  }

  snapshot(): ClusterSnapshot {
    return this.feed?.snapshot() ?? emptyClusterSnapshot();
  }

  views(): ClusterViews {
    return this.current;
  }

  refresh(now: number, inputs: Omit<ClusterInputs, 'expiringDays'>, force = false): void {
    if (!this.feed) return;
    if (!force && this.feed.version === this.builtVersion && now - this.builtAt < REFRESH_MS) return;
    this.builtVersion = this.feed.version;
    this.builtAt = now;
    const snapshot = this.feed.snapshot();
    this.current = buildClusterViews(snapshot, {
      now,
      expiringDays: this.expiringDays,
      hubbleNodes: inputs.hubbleNodes,
      nodeRates: inputs.nodeRates,
    });
    const pods = new Map<string, string[]>();
    for (const pod of snapshot.pods) {
      if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
      const id = mapNodeIdForPod(pod);
      const list = pods.get(id) ?? [];
      if (list.length < MAX_PODS_LISTED) list.push(`${pod.name}${pod.nodeName ? ` on ${pod.nodeName}` : ''}`);
      pods.set(id, list);
    }
    this.podsByNode = pods;
  }

  /** Badges and pods onto a map view; nodes without either are returned untouched. */
  decorate = (view: MapView): MapView => {
    const badges = this.current.badges;
    if (badges.size === 0 && this.podsByNode.size === 0) return view;
    return {
      ...view,
      nodes: view.nodes.map((node) => {
        const b = badges.get(node.id);
        const pods = this.podsByNode.get(node.id);
        if (!b && !pods) return node;
        return { ...node, ...(b ? { badges: b } : {}), ...(pods ? { pods } : {}) };
      }),
    };
  };
}
