// Naming and lifecycle rules for pods: template hashes, the rolling workload's image, which
// workloads get new pods during the cycle, and what the flaky node's reboots do to its pods.
import type { PodModel } from './cluster-model';
import { hashString, k8sSuffix } from './prng';
import { AT, CYCLE_MS } from './timeline';
import type { WorkloadSpec } from './topology-workloads';
import type { ScenarioPhase } from './types';

const WORKLOAD_API: Record<WorkloadSpec['kind'], string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  CronJob: 'batch/v1',
};

export function deploymentTemplateHash(seed: number, workloadKey: string, revision: number): string {
  return k8sSuffix(hashString(`${workloadKey}@${revision}`, seed), 10);
}

/** The rolling workload's image tag follows its revision. */
export function catalogImage(spec: WorkloadSpec, revision: number): string {
  return `${spec.image}:3.${revision}.0`;
}

export function workloadApiVersion(kind: WorkloadSpec['kind']): string {
  return WORKLOAD_API[kind];
}

export function isDynamic(spec: WorkloadSpec): boolean {
  return spec.name === 'catalog' || spec.kind === 'CronJob';
}

export function claimNameOf(spec: WorkloadSpec, podName: string): string | undefined {
  if (!spec.volume) return undefined;
  if (spec.volume.claimName) return spec.volume.claimName;
  return spec.kind === 'StatefulSet' ? `${spec.volume.name}-${podName}` : undefined;
}

/** Pods on the flaky node: unreachable while it is down, restarted after every reboot. */
export function withNodeState(pod: PodModel, phase: ScenarioPhase): PodModel {
  if (!pod.node.flaky || pod.phase !== 'Running') return pod;
  const upThisCycle = phase.offsetMs >= AT.nodeUp;
  const lastUp = phase.cycleStartMs + AT.nodeUp - (upThisCycle ? 0 : CYCLE_MS);
  const restarted: PodModel = {
    ...pod,
    restartCount: Math.max(0, phase.cycleIndex + (upThisCycle ? 1 : 0)),
    // Containers restart while the node comes back; they are Ready when it is.
    containerStartedMs: Math.max(pod.startedMs, lastUp - 5_000),
    readyTransitionMs: Math.max(pod.startedMs, lastUp),
  };
  if (phase.nodeNotReady)
    return { ...restarted, up: false, ready: false, readyTransitionMs: phase.cycleStartMs + AT.nodeNotReady };
  if (phase.nodeDown) return { ...restarted, up: false };
  return restarted;
}
