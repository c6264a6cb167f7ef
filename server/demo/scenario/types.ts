// Public shapes of the demo scenario. Kubernetes objects are plain JSON as the API server returns
// them; flows are Skymap's domain FlowEvents (Hubble's jsonpb shape).
import type { FlowEvent } from '../../domain/flow';

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly uid?: string;
  readonly ownerReferences?: readonly OwnerReference[];
  readonly creationTimestamp?: string;
  readonly generation?: number;
  readonly finalizers?: readonly string[];
}

/** A Kubernetes object as JSON. Some kinds carry top-level fields besides spec/status. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly spec?: unknown;
  readonly status?: unknown;
  readonly [field: string]: unknown;
}

export interface ResourceDescriptor {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly listKind: string;
}

export type HubbleNodeState = 'NODE_CONNECTED' | 'NODE_UNAVAILABLE';

/** One `observer.Node` of GetNodes (64-bit counters as decimal strings). */
export interface HubbleNodeInfo {
  readonly name: string;
  readonly state: HubbleNodeState;
  readonly address: string;
  readonly version: string;
  readonly uptimeNs: string;
  readonly numFlows: string;
  readonly maxFlows: string;
  readonly seenFlows: string;
}

/** `observer.ServerStatusResponse` as Relay aggregates it. */
export interface HubbleServerStatus {
  readonly numFlows: string;
  readonly maxFlows: string;
  readonly seenFlows: string;
  readonly uptimeNs: string;
  readonly numConnectedNodes: number;
  readonly numUnavailableNodes: number;
  readonly unavailableNodes: readonly string[];
  readonly version: string;
  readonly flowsRate: number;
}

export interface DemoScenarioOptions {
  readonly seed?: number;
  /** Origin of the repeating cycle; objects' ages are computed from it. */
  readonly startMs: number;
  /** Defaults to 'default' (node names then carry no cluster prefix). */
  readonly clusterName?: string;
  readonly scale?: { readonly extraPods?: number; readonly externalIps?: number };
}

/** Which of the cycle's changes are in effect at a moment (exposed for tests and UI captions). */
export interface ScenarioPhase {
  readonly cycleIndex: number;
  readonly cycleStartMs: number;
  /** Milliseconds into the current cycle. */
  readonly offsetMs: number;
  readonly catalogRevision: number;
  readonly catalogErrors: boolean;
  /** Old catalog pod IPs are still cached by clients right after the rollout. */
  readonly staleCatalogIps: boolean;
  /** The flaky node's kubelet and Cilium agent are gone (no flows, Hubble peer unavailable). */
  readonly nodeDown: boolean;
  /** The node controller has marked the flaky node Ready=Unknown. */
  readonly nodeNotReady: boolean;
  readonly longhorn: 'healthy' | 'degraded' | 'rebuilding';
  readonly certRenewing: boolean;
  readonly certRenewed: boolean;
  readonly denyPolicyActive: boolean;
  readonly ceph: 'nearfull' | 'osd-down' | 'recovering' | 'crash';
  /** Cilium's policy repository revision (bumps when the new policy arrives). */
  readonly policyRevision: number;
}

export interface DemoScenario {
  readonly clusterName: string;
  readonly cycleMs: number;
  readonly resources: readonly ResourceDescriptor[];
  /** Full desired object set at that time, sorted by apiVersion, kind, namespace, name. */
  objectsAt(nowMs: number): readonly KubeObject[];
  /** `count` events with times in [fromMs, toMs), sorted by time; deterministic for (from, to, count). */
  flowsBetween(fromMs: number, toMs: number, count: number): readonly FlowEvent[];
  hubbleNodesAt(nowMs: number): readonly HubbleNodeInfo[];
  serverStatusAt(nowMs: number): HubbleServerStatus;
  /** What Relay sends first on every GetFlows stream: NODE_CONNECTED, then NODE_UNAVAILABLE if any. */
  streamStartEventsAt(nowMs: number): readonly FlowEvent[];
  namespacesAt(nowMs: number): readonly string[];
  phaseAt(nowMs: number): ScenarioPhase;
}
