// Shared helpers for the conversation catalogue: which pods are up, policy attribution with the
// current policy revision, Service references.
import type { PolicyRef, ServiceRef } from '../../domain/flow';
import type { ClusterModel, NodeModel, PodModel, PodSet } from './cluster-model';
import { ConversationPool } from './conversation-pool';
import { podPeer } from './flow-peers';
import type { Attribution, Conv, HttpSpec } from './flow-spec';
import { policyRef } from './policies';
import { BASE_SERVICES } from './topology-workloads';
import type { ScenarioPhase } from './types';

export interface ConvContext {
  readonly pool: ConversationPool;
  readonly phase: ScenarioPhase;
  readonly set: PodSet;
  readonly controlPlane: NodeModel | undefined;
  /** Base nodes whose agent is running. */
  readonly liveNodes: readonly NodeModel[];
  /** Running pods of a workload (`ns/name`) that have an address. */
  up(key: string): PodModel[];
  allow(verdict: Attribution['verdict'], match: number, ...policies: string[]): Attribution;
  by(...policies: string[]): readonly PolicyRef[];
}

export function makeContext(model: ClusterModel, set: PodSet, phase: ScenarioPhase): ConvContext {
  const refs = new Map<string, readonly PolicyRef[]>();
  const by = (...names: string[]): readonly PolicyRef[] => {
    const key = names.join(',');
    let r = refs.get(key);
    if (!r) {
      r = Object.freeze(names.map((n) => policyRef(model.seed, n, phase.policyRevision)));
      refs.set(key, r);
    }
    return r;
  };
  return {
    pool: new ConversationPool(),
    phase,
    set,
    controlPlane: model.nodes.find((n) => n.spec.controlPlane),
    liveNodes: model.nodes.filter((n) => !n.scale && !(n.flaky && phase.nodeDown)),
    up: (key) => (set.byWorkload.get(key) ?? []).filter((p) => p.up && p.ip !== undefined),
    allow: (verdict, match, ...names) => ({ verdict, match, by: by(...names) }),
    by,
  };
}

const svcRefs = new Map<string, ServiceRef>(
  BASE_SERVICES.map((s) => [`${s.ns}/${s.name}`, Object.freeze({ name: s.name, namespace: s.ns })]),
);
const clusterIps = new Map<string, string>(BASE_SERVICES.map((s) => [`${s.ns}/${s.name}`, s.clusterIP]));

export function svc(key: string): ServiceRef | undefined {
  return svcRefs.get(key);
}

export function clusterIp(key: string): string {
  return clusterIps.get(key) ?? '';
}

/** A TCP conversation between two pods; `extra` overrides the defaults. */
export function podConv(
  c: PodModel,
  s: PodModel,
  dport: number,
  weight: number,
  extra: Partial<Conv> = {},
): Conv {
  return { client: podPeer(c), server: podPeer(s), proto: 'TCP', dport, rounds: 1, weight, ...extra };
}

export function http(
  authority: string,
  routes: HttpSpec['routes'],
  medianMs: number,
  errors: HttpSpec['errors'],
  userAgent: string,
): HttpSpec {
  return { protocol: 'HTTP/1.1', authority, routes, medianMs, errors, userAgent };
}
