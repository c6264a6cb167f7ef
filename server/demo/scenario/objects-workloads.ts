// Pods and their controllers (Deployment → ReplicaSet → Pod, StatefulSet, DaemonSet,
// CronJob → Job → Pod) with status counts that follow the pods' readiness.

import { isoSeconds } from './clock';
import type { PodModel, WorkloadModel } from './cluster-model';
import { catalogImage, deploymentTemplateHash } from './cluster-model';
import { renderCronJob } from './objects-jobs';
import { selector, template, workloadMeta } from './objects-pods';
import { uuidFor } from './prng';
import { created, meta, obj, ownerRef, type RenderContext } from './render-context';
import type { KubeObject } from './types';

export function renderWorkloads(
  ctx: RenderContext,
  workloads: readonly WorkloadModel[],
  allPods: readonly PodModel[],
): KubeObject[] {
  const out: KubeObject[] = [];
  const byKey = new Map<string, PodModel[]>();
  for (const p of allPods) {
    const list = byKey.get(p.workload.key) ?? [];
    list.push(p);
    byKey.set(p.workload.key, list);
  }
  for (const w of workloads) {
    const pods = byKey.get(w.key) ?? [];
    const kind = w.spec.kind;
    if (kind === 'Deployment') out.push(...renderDeployment(ctx, w, pods));
    else if (kind === 'StatefulSet') out.push(renderStatefulSet(ctx, w, pods));
    else if (kind === 'DaemonSet') out.push(renderDaemonSet(ctx, w, pods));
    else out.push(...renderCronJob(ctx, w, pods));
  }
  return out;
}

function renderDeployment(ctx: RenderContext, w: WorkloadModel, pods: PodModel[]): KubeObject[] {
  const spec = w.spec;
  const isCatalog = spec.name === 'catalog' && spec.ns === 'shop';
  const revision = isCatalog ? ctx.phase.catalogRevision : 1;
  const image = pods[0]?.image ?? spec.image;
  const ready = pods.filter((p) => p.ready).length;
  const hash = pods[0]?.templateHash ?? '';
  const deployedAt = isoSeconds(Math.min(...pods.map((p) => p.startedMs), ctx.nowMs));
  const progressing = {
    type: 'Progressing',
    status: 'True',
    reason: 'NewReplicaSetAvailable',
    message: `ReplicaSet "${spec.name}-${hash}" has successfully progressed.`,
    lastUpdateTime: deployedAt,
    lastTransitionTime: isoSeconds(ctx.model.epochMs),
  };
  const available =
    ready >= spec.replicas
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastUpdateTime: deployedAt,
          lastTransitionTime: deployedAt,
        }
      : {
          type: 'Available',
          status: ready > 0 ? 'True' : 'False',
          reason: ready > 0 ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message:
            ready > 0
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
          lastUpdateTime: isoSeconds(ctx.nowMs),
          lastTransitionTime: deployedAt,
        };
  const status: Record<string, unknown> = {
    observedGeneration: revision,
    replicas: spec.replicas,
    updatedReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    conditions: [available, progressing],
  };
  if (ready < spec.replicas) status.unavailableReplicas = spec.replicas - ready;
  const deployment = obj(
    'apps/v1',
    'Deployment',
    workloadMeta(ctx, w, revision, { 'deployment.kubernetes.io/revision': String(revision) }),
    {
      spec: {
        replicas: spec.replicas,
        revisionHistoryLimit: 10,
        selector: selector(spec),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: template(spec, image),
      },
      status,
    },
  );
  const rsList = [renderReplicaSet(ctx, w, hash, revision, image, spec.replicas, ready)];
  if (isCatalog && revision > 1) {
    // Deployments keep the previous ReplicaSet, scaled to zero, for rollbacks.
    const oldHash = deploymentTemplateHash(ctx.model.seed, w.key, revision - 1);
    rsList.push(renderReplicaSet(ctx, w, oldHash, revision - 1, catalogImage(spec, revision - 1), 0, 0));
  }
  return [deployment, ...rsList];
}

function renderReplicaSet(
  ctx: RenderContext,
  w: WorkloadModel,
  hash: string,
  revision: number,
  image: string,
  replicas: number,
  ready: number,
): KubeObject {
  const spec = w.spec;
  const name = `${spec.name}-${hash}`;
  const labels = { ...spec.labels, 'pod-template-hash': hash };
  return obj(
    'apps/v1',
    'ReplicaSet',
    meta({
      name,
      namespace: spec.ns,
      uid: uuidFor(ctx.model.seed, `ReplicaSet/${spec.ns}/${name}`),
      generation: 1,
      creationTimestamp: created(ctx, 1 + (w.identity % 7)),
      labels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
        'deployment.kubernetes.io/max-replicas': String(Math.ceil(spec.replicas * 1.25)),
        'deployment.kubernetes.io/revision': String(revision),
      },
      ownerReferences: [ownerRef({ apiVersion: 'apps/v1', kind: 'Deployment', name: spec.name, uid: w.uid })],
    }),
    {
      spec: {
        replicas,
        selector: { matchLabels: { ...selector(spec).matchLabels, 'pod-template-hash': hash } },
        template: template(spec, image, { 'pod-template-hash': hash }),
      },
      status:
        replicas === 0
          ? { observedGeneration: 1, replicas: 0 }
          : {
              observedGeneration: 1,
              replicas,
              fullyLabeledReplicas: replicas,
              readyReplicas: ready,
              availableReplicas: ready,
            },
    },
  );
}

function renderStatefulSet(ctx: RenderContext, w: WorkloadModel, pods: PodModel[]): KubeObject {
  const spec = w.spec;
  const ready = pods.filter((p) => p.ready).length;
  const revision = pods[0]?.templateHash ?? `${spec.name}-0`;
  const vct =
    spec.volume && !spec.volume.claimName
      ? [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: spec.volume.name },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: spec.volume.storageClass,
              resources: { requests: { storage: spec.volume.size } },
              volumeMode: 'Filesystem',
            },
          },
        ]
      : undefined;
  return obj('apps/v1', 'StatefulSet', workloadMeta(ctx, w, 1), {
    spec: {
      replicas: spec.replicas,
      serviceName: spec.name,
      podManagementPolicy: 'OrderedReady',
      selector: selector(spec),
      template: template(spec, spec.image),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      ...(vct ? { volumeClaimTemplates: vct } : {}),
    },
    status: {
      observedGeneration: 1,
      replicas: pods.length,
      readyReplicas: ready,
      currentReplicas: pods.length,
      updatedReplicas: pods.length,
      availableReplicas: ready,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    },
  });
}

function renderDaemonSet(ctx: RenderContext, w: WorkloadModel, pods: PodModel[]): KubeObject {
  const spec = w.spec;
  const ready = pods.filter((p) => p.ready).length;
  const status: Record<string, unknown> = {
    currentNumberScheduled: pods.length,
    desiredNumberScheduled: pods.length,
    numberAvailable: ready,
    numberMisscheduled: 0,
    numberReady: ready,
    observedGeneration: 1,
    updatedNumberScheduled: pods.length,
  };
  if (ready < pods.length) status.numberUnavailable = pods.length - ready;
  return obj('apps/v1', 'DaemonSet', workloadMeta(ctx, w, 1), {
    spec: {
      selector: selector(spec),
      template: template(spec, spec.image),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    },
    status,
  });
}
