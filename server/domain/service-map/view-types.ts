// The service-map JSON contract (GET /api/map, snapshots and diffs sent to the browser). Other tools
// and tests rely on this shape exactly, so it lives in one type-only module with no server imports:
// the browser imports it as-is.

export type MapWindow = '1m' | '5m' | '15m' | '1h' | 'all';

export const MAP_WINDOWS: readonly MapWindow[] = ['1m', '5m', '15m', '1h', 'all'];

export type NodeKind =
  | 'workload'
  | 'world'
  | 'fqdn'
  | 'host'
  | 'remote-node'
  | 'kube-apiserver'
  | 'health'
  | 'ingress'
  | 'ip'
  | 'unknown';

/** Added by the cluster joins (certificates, volumes, nodes); the aggregator always emits `[]`. */
export interface MapBadge {
  readonly type: 'certificate' | 'volume' | 'node';
  readonly severity: 'critical' | 'warning';
  readonly message: string;
  /** The object behind the badge, e.g. `Certificate/shop/web-tls`. */
  readonly ref: string;
}

export interface MapNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Set for workloads (and `<namespace>/other`), null for cluster-wide identities. */
  readonly namespace: string | null;
  readonly name: string;
  /** Identifying labels as Cilium writes them (`k8s:app=reviews`), sorted. */
  readonly labels: readonly string[];
  /** Flows on edges where this node is the server, in the window. */
  readonly flowsIn: number;
  /** Flows on edges where this node is the client, in the window. */
  readonly flowsOut: number;
  /** DROPPED flows on edges touching this node, in the window. */
  readonly drops: number;
  readonly badges: readonly MapBadge[];
}

export interface MapEdgeHttp {
  readonly requests: number;
  readonly errors4xx: number;
  readonly errors5xx: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
}

export interface MapEdgeDns {
  readonly queries: number;
  readonly errors: number;
}

export interface MapEdgeRef {
  readonly source: string;
  readonly target: string;
  readonly protocol: string;
  /** Server port; null for protocols without ports (ICMP, VRRP, IGMP, unknown). */
  readonly port: number | null;
}

export interface MapEdge extends MapEdgeRef {
  readonly flows: number;
  /** Count per verdict name; only verdicts that occurred. */
  readonly verdicts: Readonly<Record<string, number>>;
  readonly forwarded: number;
  readonly dropped: number;
  /** DROPPED flows per `drop_reason_desc` name. */
  readonly dropReasons: Readonly<Record<string, number>>;
  readonly http: MapEdgeHttp;
  readonly dns: MapEdgeDns;
  /** RFC 3339, millisecond precision. */
  readonly lastSeen: string;
  /** Flows per second over the last minute; present only when the query asked for rates. */
  readonly rate?: number;
}

export interface MapView {
  readonly window: MapWindow;
  /**
   * Seconds of traffic the counts cover: a window spans its length plus the bucket being filled
   * (5m is 300–360 s), less after start-up; 'all' spans since the first flow. Rates are counts
   * divided by this. Absent: the window's nominal length.
   */
  readonly seconds?: number;
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
}

export interface MapQuery {
  readonly window: MapWindow;
  /** Empty or absent = all namespaces. */
  readonly namespaces?: readonly string[];
  /** Adds `rate` to every edge (off by default so the API shape stays exactly as documented). */
  readonly withRates?: boolean;
}

export interface MapDiff {
  readonly window: MapWindow;
  readonly seconds?: number;
  readonly nodes: {
    readonly added: readonly MapNode[];
    readonly updated: readonly MapNode[];
    readonly removed: readonly string[];
  };
  readonly edges: {
    readonly added: readonly MapEdge[];
    readonly updated: readonly MapEdge[];
    readonly removed: readonly MapEdgeRef[];
  };
}

/** What a (re)connecting client receives first. */
export interface MapSnapshot {
  readonly seq: number;
  readonly view: MapView;
}

/** What the hub sends on each tick; apply only when `baseSeq` equals the client's current seq. */
export interface MapDelta {
  readonly seq: number;
  readonly baseSeq: number;
  readonly diff: MapDiff;
}
