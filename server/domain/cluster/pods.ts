/*
 * Pod records and the map-node identity of a pod.
 *
 * `mapNodeIdForPod` reproduces, from the Pod object alone, the service map's identity rule
 * (server/domain/service-map/node-identity.ts), which reads Hubble's `workloads[0].name`. Hubble
 * derives that name from the pod's controller owner reference (cilium pkg/k8s/utils workload.go):
 *
 *   `<namespace>/<workload>` where workload is the first of
 *   1. the controller owner:
 *      - ReplicaSet whose name ends with `-<pod-template-hash label>` → that suffix stripped (the
 *        Deployment name); a ReplicaSet without the label (or not ending with it) → its own name;
 *      - ReplicationController with a `deploymentconfig` label → that label (OpenShift);
 *      - Job named `<cronjob>-<8..10 digits>` → the CronJob name; any other Job → the Job name;
 *      - any other kind (StatefulSet, DaemonSet, custom controllers) → the owner's name;
 *      - kind `Node` (static/mirror pods) → no workload: Hubble only derives a workload for pods with
 *        a generated name, and mirror pods have none;
 *   2. label `app.kubernetes.io/name`, else `app`, else `k8s-app`;
 *   3. the pod name.
 *
 * Owner references without `controller: true` count only when no reference carries the flag (real
 * controllers always set it; hand-written objects sometimes do not).
 */

import {
  array,
  nsKey,
  type ObjectMeta,
  type OwnerRef,
  ok,
  type ParseResult,
  path,
  readMeta,
  recordOrUndefined,
  sortedUnique,
  str,
} from './raw-json';

export interface PodRecord {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /** The controlling owner (see the header for how it is chosen), null for bare/static pods. */
  readonly owner: { readonly kind: string; readonly name: string } | null;
  readonly nodeName: string | null;
  /** Pending | Running | Succeeded | Failed | Unknown (null when not reported yet). */
  readonly phase: string | null;
  readonly podIPs: readonly string[];
  /** PVCs the pod mounts: `persistentVolumeClaim.claimName` and generic ephemeral `<pod>-<volume>`. */
  readonly claimNames: readonly string[];
}

function chooseOwner(meta: ObjectMeta): OwnerRef | null {
  const refs = meta.ownerReferences;
  for (const ref of refs) if (ref.controller) return ref;
  return refs[0] ?? null;
}

function claimNamesOf(podName: string, volumes: unknown): string[] {
  const out: string[] = [];
  for (const volume of array(volumes)) {
    const claim = str(path(volume, 'persistentVolumeClaim', 'claimName'));
    if (claim !== null) out.push(claim);
    const volumeName = str(path(volume, 'name'));
    // Generic ephemeral volumes get a PVC named by the ephemeral-volume controller's fixed rule.
    if (volumeName !== null && path(volume, 'ephemeral') !== undefined) out.push(`${podName}-${volumeName}`);
  }
  return sortedUnique(out);
}

function podIPsOf(status: unknown): string[] {
  const ips = new Set<string>();
  for (const entry of array(path(status, 'podIPs'))) {
    const ip = str(path(entry, 'ip'));
    if (ip !== null) ips.add(ip);
  }
  const single = str(path(status, 'podIP'));
  if (single !== null) ips.add(single);
  return [...ips];
}

export function parsePodRecord(raw: unknown): ParseResult<PodRecord> {
  const meta = readMeta(raw, 'Pod', true);
  if (!meta.ok) return meta;
  const m = meta.record;
  const owner = chooseOwner(m);
  return ok({
    namespace: m.namespace,
    name: m.name,
    uid: m.uid,
    labels: m.labels,
    owner: owner === null ? null : { kind: owner.kind, name: owner.name },
    nodeName: str(path(raw, 'spec', 'nodeName')),
    phase: str(path(raw, 'status', 'phase')),
    podIPs: podIPsOf(path(raw, 'status')),
    claimNames: claimNamesOf(m.name, path(raw, 'spec', 'volumes')),
  });
}

export function toPodRecord(raw: unknown): PodRecord | undefined {
  return recordOrUndefined(parsePodRecord(raw));
}

const CRONJOB_JOB_NAME = /^(.+)-\d{8,10}$/;

function ownerWorkload(pod: PodRecord): string | null {
  const owner = pod.owner;
  if (owner === null) return null;
  switch (owner.kind) {
    case 'Node':
      return null;
    case 'ReplicaSet': {
      const hash = pod.labels['pod-template-hash'];
      if (hash !== undefined && hash !== '' && owner.name.endsWith(`-${hash}`)) {
        return owner.name.slice(0, owner.name.length - hash.length - 1);
      }
      return owner.name;
    }
    case 'ReplicationController': {
      const dc = pod.labels.deploymentconfig;
      return dc !== undefined && dc !== '' ? dc : owner.name;
    }
    case 'Job': {
      const match = CRONJOB_JOB_NAME.exec(owner.name);
      return match?.[1] ?? owner.name;
    }
    default:
      return owner.name;
  }
}

const NAME_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app'] as const;

/** The workload part of the map node id (see the header comment for the rule). */
export function workloadNameForPod(pod: PodRecord): string {
  const fromOwner = ownerWorkload(pod);
  if (fromOwner !== null) return fromOwner;
  for (const key of NAME_LABELS) {
    const value = pod.labels[key];
    if (value !== undefined && value !== '') return value;
  }
  return pod.name;
}

/** Service-map node id of a pod: `<namespace>/<workload>` (rule in the header comment). */
export function mapNodeIdForPod(pod: PodRecord): string {
  return nsKey(pod.namespace, workloadNameForPod(pod));
}

/** Pods that still hold resources (finished pods keep their object but no longer run). */
export function isPodActive(pod: PodRecord): boolean {
  return pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
}

/** Pods grouped by namespace, the unit every selector and claim lookup works in. */
export function podsByNamespace(pods: Iterable<PodRecord>): Map<string, PodRecord[]> {
  const out = new Map<string, PodRecord[]>();
  for (const pod of pods) {
    const list = out.get(pod.namespace);
    if (list === undefined) out.set(pod.namespace, [pod]);
    else list.push(pod);
  }
  return out;
}

/** `<namespace>/<claimName>` → pods mounting that PVC. */
export function podsByClaim(pods: Iterable<PodRecord>): Map<string, PodRecord[]> {
  const out = new Map<string, PodRecord[]>();
  for (const pod of pods) {
    for (const claim of pod.claimNames) {
      const key = nsKey(pod.namespace, claim);
      const list = out.get(key);
      if (list === undefined) out.set(key, [pod]);
      else list.push(pod);
    }
  }
  return out;
}
