// Pods, and the pod template helpers the controllers share.
import { isoSeconds } from './clock';
import type { PodModel, WorkloadModel } from './cluster-model';
import { created, meta, obj, ownerRef, type RenderContext } from './render-context';
import type { WorkloadSpec } from './topology-workloads';
import type { KubeObject } from './types';

function containerName(spec: WorkloadSpec): string {
  return (
    spec.labels.ceph_daemon_type ??
    (spec.kind === 'DaemonSet' && spec.name === 'cilium' ? 'cilium-agent' : spec.name)
  );
}

function containers(spec: WorkloadSpec, image: string) {
  const c: Record<string, unknown> = { name: containerName(spec), image, imagePullPolicy: 'IfNotPresent' };
  if (spec.ports.length > 0)
    c.ports = spec.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol }));
  c.resources = { requests: { cpu: '50m', memory: '64Mi' } };
  if (spec.volume) c.volumeMounts = [{ name: spec.volume.name, mountPath: spec.volume.mountPath }];
  return [c];
}

export function podSpec(spec: WorkloadSpec, image: string, extra: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = {
    containers: containers(spec, image),
    dnsPolicy: spec.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    restartPolicy: spec.kind === 'CronJob' ? 'OnFailure' : 'Always',
    schedulerName: 'default-scheduler',
    serviceAccountName: spec.serviceAccount,
    terminationGracePeriodSeconds: 30,
  };
  if (spec.hostNetwork) out.hostNetwork = true;
  return { ...out, ...extra };
}

export function template(spec: WorkloadSpec, image: string, extraLabels: Record<string, string> = {}) {
  const volumes = spec.volume?.claimName
    ? [{ name: spec.volume.name, persistentVolumeClaim: { claimName: spec.volume.claimName } }]
    : undefined;
  return {
    metadata: { labels: { ...spec.labels, ...extraLabels } },
    spec: podSpec(spec, image, volumes ? { volumes } : {}),
  };
}

export function selector(spec: WorkloadSpec) {
  return { matchLabels: Object.fromEntries(spec.selectorKeys.map((k) => [k, spec.labels[k] ?? ''])) };
}

export function renderPod(pod: PodModel): KubeObject {
  const spec = pod.workload.spec;
  const started = isoSeconds(pod.startedMs);
  const volumes: Record<string, unknown>[] = [];
  if (pod.claimName && spec.volume)
    volumes.push({ name: spec.volume.name, persistentVolumeClaim: { claimName: pod.claimName } });
  const running = pod.phase === 'Running';
  const cond = (type: string, ok: boolean, at = started) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
  });
  const readyAt = isoSeconds(pod.readyTransitionMs ?? pod.startedMs + 5_000);
  const status: Record<string, unknown> = {
    phase: pod.phase,
    conditions: [
      cond('PodReadyToStartContainers', running),
      cond('Initialized', true),
      cond('Ready', pod.ready, readyAt),
      cond('ContainersReady', pod.ready, readyAt),
      cond('PodScheduled', true),
    ],
    hostIP: pod.node.spec.internalIp,
    hostIPs: [{ ip: pod.node.spec.internalIp }],
  };
  if (pod.ip) {
    status.podIP = pod.ip;
    status.podIPs = [{ ip: pod.ip }];
  }
  status.startTime = started;
  status.containerStatuses = [
    {
      name: containerName(spec),
      image: pod.image,
      ready: pod.ready,
      restartCount: pod.restartCount ?? 0,
      started: running,
      state: running
        ? { running: { startedAt: isoSeconds(pod.containerStartedMs ?? pod.startedMs + 1_000) } }
        : { waiting: { reason: 'ContainerCreating' } },
    },
  ];
  status.qosClass = 'Burstable';
  return obj(
    'v1',
    'Pod',
    meta({
      name: pod.name,
      namespace: pod.namespace,
      uid: pod.uid,
      creationTimestamp: isoSeconds(pod.startedMs - 1_000),
      labels: pod.labels,
      ownerReferences: [ownerRef(pod.owner)],
    }),
    {
      spec: podSpec(spec, pod.image, { nodeName: pod.node.name, ...(volumes.length > 0 ? { volumes } : {}) }),
      status,
    },
  );
}

export function workloadMeta(
  ctx: RenderContext,
  w: WorkloadModel,
  generation: number,
  annotations?: Record<string, string>,
) {
  const days = w.spec.ns.startsWith('scale-') ? 35 : 1 + (w.identity % 7);
  return meta({
    name: w.spec.name,
    namespace: w.spec.ns,
    uid: w.uid,
    generation,
    creationTimestamp: created(ctx, days),
    labels: w.spec.labels,
    annotations,
  });
}
