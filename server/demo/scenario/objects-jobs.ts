// CronJob → Job: one Job per */10 schedule slot, matching the scenario's cycle.
import { isoSeconds } from './clock';
import type { PodModel, WorkloadModel } from './cluster-model';
import { workloadApiVersion } from './cluster-model';
import { template, workloadMeta } from './objects-pods';
import { meta, obj, ownerRef, type RenderContext } from './render-context';
import { CYCLE_MS } from './timeline';
import type { KubeObject } from './types';

export function renderCronJob(ctx: RenderContext, w: WorkloadModel, pods: PodModel[]): KubeObject[] {
  const spec = w.spec;
  const pod = pods[0];
  const out: KubeObject[] = [];
  const scheduled = ctx.phase.cycleStartMs - 10_000;
  const jobRef = pod
    ? { apiVersion: 'batch/v1', kind: 'Job', name: pod.owner.name, namespace: spec.ns, uid: pod.owner.uid }
    : undefined;
  out.push(
    obj(workloadApiVersion('CronJob'), 'CronJob', workloadMeta(ctx, w, 1), {
      spec: {
        schedule: spec.schedule ?? '*/10 * * * *',
        concurrencyPolicy: 'Forbid',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: { backoffLimit: 2, template: template(spec, spec.image) } },
      },
      status: {
        active: jobRef ? [jobRef] : [],
        lastScheduleTime: isoSeconds(scheduled),
        lastSuccessfulTime: isoSeconds(scheduled - CYCLE_MS + 540_000),
      },
    }),
  );
  if (pod) {
    const uidLabel = pod.labels['batch.kubernetes.io/controller-uid'] ?? pod.owner.uid;
    out.push(
      obj(
        'batch/v1',
        'Job',
        meta({
          name: pod.owner.name,
          namespace: spec.ns,
          uid: pod.owner.uid,
          generation: 1,
          creationTimestamp: isoSeconds(scheduled),
          labels: {
            ...spec.labels,
            'batch.kubernetes.io/controller-uid': uidLabel,
            'batch.kubernetes.io/job-name': pod.owner.name,
            'controller-uid': uidLabel,
            'job-name': pod.owner.name,
          },
          ownerReferences: [
            ownerRef({ apiVersion: 'batch/v1', kind: 'CronJob', name: spec.name, uid: w.uid }),
          ],
        }),
        {
          spec: {
            parallelism: 1,
            completions: 1,
            backoffLimit: 2,
            completionMode: 'NonIndexed',
            suspend: false,
            selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uidLabel } },
            template: template(spec, spec.image),
          },
          status: {
            active: 1,
            ready: pod.ready ? 1 : 0,
            terminating: 0,
            startTime: isoSeconds(scheduled + 1_000),
            uncountedTerminatedPods: {},
          },
        },
      ),
    );
  }
  return out;
}
