// Browser-side shapes of GET /api/map and the map stream (the server's JSON, documented in README).
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

export interface BadgeWire {
  type: 'certificate' | 'volume' | 'node';
  severity: 'critical' | 'warning';
  message: string;
  ref?: string;
}

export interface MapNodeWire {
  id: string;
  kind: NodeKind;
  namespace?: string | null;
  name: string;
  labels?: string[] | Record<string, string>;
  flowsIn: number;
  flowsOut: number;
  drops: number;
  badges: BadgeWire[];
  pods?: string[];
}

export interface MapEdgeWire {
  id?: string;
  source: string;
  target: string;
  protocol: string;
  port: number | null;
  flows: number;
  verdicts: Record<string, number>;
  forwarded: number;
  dropped: number;
  dropReasons: Record<string, number>;
  http: {
    requests: number;
    errors4xx: number;
    errors5xx: number;
    p50Ms: number | null;
    p95Ms: number | null;
  };
  dns: { queries: number; errors: number };
  lastSeen: string;
  ratePerSecond?: number;
}

export interface MapViewWire {
  window: string;
  /** Seconds of traffic the counts cover (server: MapView.seconds); rates are counts ÷ this. */
  seconds?: number;
  nodes: MapNodeWire[];
  edges: MapEdgeWire[];
}

export const WINDOWS = ['1m', '5m', '15m', '1h', 'all'] as const;
export type MapWindow = (typeof WINDOWS)[number];

/** A window's nominal length: the rate divisor until the server says how much it covers. */
export const WINDOW_SECONDS: Record<MapWindow, number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '1h': 3600,
  all: 3600,
};

export function edgeKey(edge: Pick<MapEdgeWire, 'source' | 'target' | 'protocol' | 'port'>): string {
  return `${edge.source}|${edge.target}|${edge.protocol}|${edge.port ?? ''}`;
}
