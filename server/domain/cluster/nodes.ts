/*
 * core/v1 Node records.
 *
 * Ready has three states that mean different things: False = the kubelet says it is not ready
 * (KubeletNotReady), Unknown (reason NodeStatusUnknown) = the control plane lost contact with the
 * kubelet. Pressure conditions become Unknown together with Ready, so Unknown is kept, not folded
 * into False.
 */

import { type OsInfo, parseOsImage } from './os-image';
import {
  array,
  bool,
  type ConditionStatus,
  conditions,
  findCondition,
  ok,
  type ParseResult,
  path,
  readMeta,
  recordOrUndefined,
  sortedUnique,
  str,
} from './raw-json';

export const PRESSURE_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;
export type PressureCondition = (typeof PRESSURE_CONDITIONS)[number];

export interface NodeTaint {
  readonly key: string;
  readonly value: string | null;
  readonly effect: string | null;
}

export interface NodeRecord {
  readonly name: string;
  readonly ready: ConditionStatus;
  readonly readyReason: string | null;
  readonly readyMessage: string | null;
  /** Status per pressure condition; null when the kubelet never reported it. */
  readonly pressure: Readonly<Record<PressureCondition, ConditionStatus | null>>;
  /** `NetworkUnavailable` (written by the CNI; Cilium sets False/CiliumIsUp). */
  readonly networkUnavailable: ConditionStatus | null;
  readonly unschedulable: boolean;
  readonly taints: readonly NodeTaint[];
  /** From `node-role.kubernetes.io/<role>` labels, sorted. */
  readonly roles: readonly string[];
  readonly os: OsInfo;
  readonly kernel: string | null;
  readonly kubelet: string | null;
  readonly runtime: string | null;
  readonly arch: string | null;
  readonly internalIP: string | null;
}

function taintsOf(value: unknown): NodeTaint[] {
  const out: NodeTaint[] = [];
  for (const t of array(value)) {
    const key = str(path(t, 'key'));
    if (key !== null) out.push({ key, value: str(path(t, 'value')), effect: str(path(t, 'effect')) });
  }
  return out;
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

function rolesOf(labels: Readonly<Record<string, string>>): string[] {
  const roles: string[] = [];
  for (const key of Object.keys(labels)) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length)
      roles.push(key.slice(ROLE_PREFIX.length));
  }
  return sortedUnique(roles);
}

function internalIPOf(addresses: unknown): string | null {
  for (const a of array(addresses)) {
    if (path(a, 'type') === 'InternalIP') return str(path(a, 'address'));
  }
  return null;
}

export function parseNodeRecord(raw: unknown): ParseResult<NodeRecord> {
  const meta = readMeta(raw, 'Node', false);
  if (!meta.ok) return meta;
  const status = path(raw, 'status');
  const conds = conditions(path(status, 'conditions'));
  const ready = findCondition(conds, 'Ready');
  const info = path(status, 'nodeInfo');
  const pressure = {} as Record<PressureCondition, ConditionStatus | null>;
  for (const type of PRESSURE_CONDITIONS) pressure[type] = findCondition(conds, type)?.status ?? null;
  return ok({
    name: meta.record.name,
    ready: ready?.status ?? 'Unknown',
    readyReason: ready?.reason ?? null,
    readyMessage: ready?.message ?? null,
    pressure,
    networkUnavailable: findCondition(conds, 'NetworkUnavailable')?.status ?? null,
    unschedulable: bool(path(raw, 'spec', 'unschedulable')),
    taints: taintsOf(path(raw, 'spec', 'taints')),
    roles: rolesOf(meta.record.labels),
    os: parseOsImage(str(path(info, 'osImage'))),
    kernel: str(path(info, 'kernelVersion')),
    kubelet: str(path(info, 'kubeletVersion')),
    runtime: str(path(info, 'containerRuntimeVersion')),
    arch: str(path(info, 'architecture')),
    internalIP: internalIPOf(path(status, 'addresses')),
  });
}

export function toNodeRecord(raw: unknown): NodeRecord | undefined {
  return recordOrUndefined(parseNodeRecord(raw));
}

/** Pressure conditions currently True. */
export function pressuresOf(node: NodeRecord): PressureCondition[] {
  return PRESSURE_CONDITIONS.filter((type) => node.pressure[type] === 'True');
}

/** `v1.35.5+k3s1` → `1.35`; null when the string is not a Kubernetes version. */
export function kubeletMinor(version: string | null): string | null {
  if (version === null) return null;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?/.exec(version);
  return m === null ? null : `${m[1]}.${m[2]}`;
}
