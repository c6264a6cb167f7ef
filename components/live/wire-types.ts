// Browser-facing shapes of the live streams (type-only; the server builds them in server/hub).
import type { Flow } from '../../server/domain/flow';

export interface RelayStatusWire {
  state: 'connecting' | 'connected' | 'unavailable' | 'not-configured';
  address?: string;
  lastError?: string;
  reconnects: number;
  demo: boolean;
}

export interface LostWire {
  node: string;
  source: string;
  count: number;
  last: string;
}

export interface FlowStatsWire {
  now: string;
  flowsPerSecond: number;
  forwardedPerSecond: number;
  droppedPerSecond: number;
  otherPerSecond: number;
  http5xxPerSecond: number;
  totals: { flowsReceived: number; lostEvents: number; nodeStatusEvents: number; malformed: number };
  relay: RelayStatusWire;
  lost: LostWire[];
}

export interface TailFlowWire {
  n: number;
  flow: Flow;
}

export interface FlowTailMessage {
  seq: number;
  stats: FlowStatsWire;
  flows: TailFlowWire[];
  skipped: number;
}
