// Workload names and identifying labels from an endpoint's Cilium labels (`k8s:app=reviews`…), for
// rules 1 and 3 of node-identity.ts.

import type { Endpoint } from '../flow';

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

const WORKLOAD_LABELS = ['k8s:app.kubernetes.io/name=', 'k8s:app=', 'k8s:k8s-app='] as const;

const POD_NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace=';

/** The endpoint's namespace field, else its pod-namespace label (rule 3). */
export function namespaceOf(ep: Endpoint): string | null {
  if (nonEmptyString(ep.namespace)) return ep.namespace;
  const labels = ep.labels;
  if (!Array.isArray(labels)) return null;
  for (const label of labels as unknown[]) {
    if (
      typeof label === 'string' &&
      label.length > POD_NAMESPACE_LABEL.length &&
      label.startsWith(POD_NAMESPACE_LABEL)
    ) {
      return label.slice(POD_NAMESPACE_LABEL.length);
    }
  }
  return null;
}

/** Rule 1's workload name; `podName` is the fallback. */
export function workloadName(ep: Endpoint, podName: string): string {
  return labelWorkloadName(ep) ?? podName;
}

/** The workload named by `workloads[0]` or the workload labels, without the pod-name fallback. */
export function labelWorkloadName(ep: Endpoint): string | null {
  const workloads = ep.workloads;
  if (Array.isArray(workloads) && workloads.length > 0) {
    const first: unknown = workloads[0];
    if (first !== null && typeof first === 'object') {
      const name: unknown = (first as { name?: unknown }).name;
      if (nonEmptyString(name)) return name;
    }
  }
  const labels = ep.labels;
  if (Array.isArray(labels)) {
    let best: number = WORKLOAD_LABELS.length;
    let value = '';
    for (let i = 0; i < labels.length; i++) {
      const label: unknown = labels[i];
      if (typeof label !== 'string' || !label.startsWith('k8s:')) continue;
      for (let p = 0; p < best; p++) {
        const prefix = WORKLOAD_LABELS[p] as string;
        if (label.length > prefix.length && label.startsWith(prefix)) {
          best = p;
          value = label.slice(prefix.length);
          break;
        }
      }
    }
    if (value !== '') return value;
  }
  return null;
}

const POD_SPECIFIC_KEYS: ReadonlySet<string> = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
]);

/** The `k8s:` labels that identify a workload rather than one pod, sorted. */
export function identifyingLabels(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  const out: string[] = [];
  for (const label of labels as unknown[]) {
    if (typeof label !== 'string' || !label.startsWith('k8s:')) continue;
    const eq = label.indexOf('=');
    const key = eq < 0 ? label.slice(4) : label.slice(4, eq);
    if (key === '' || POD_SPECIFIC_KEYS.has(key) || key.startsWith('io.kubernetes.pod.')) continue;
    out.push(label);
  }
  out.sort();
  // Duplicates would make the intersection of several pods' labels order-dependent.
  return out.filter((label, i) => i === 0 || out[i - 1] !== label);
}

/** Labels shared by both sorted lists (the labels every pod of a workload agrees on). */
export function intersectLabels(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}
