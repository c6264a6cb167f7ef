// Longhorn (longhorn.io/v1beta2) Volumes, Replicas and Nodes. The postgres volume keeps a replica
// on the flaky node: it degrades when the node goes (healthy replicas 2 → 1), rebuilds when the
// node returns and is healthy again a minute later. Shapes follow fixtures/k8s/longhorn.

import { isoSeconds } from './clock';
import { DISK_PATH, diskUuid, renderLonghornNode } from './objects-longhorn-nodes';
import { lastAt } from './objects-nodes';
import { hashString, hexString, uuidFor } from './prng';
import { created, meta, obj, type RenderContext } from './render-context';
import { type ClaimModel, claims, sizeBytes } from './storage-model';
import { AT } from './timeline';
import type { KubeObject } from './types';

const NS = 'longhorn-system';
const ENGINE_IMAGE = 'longhornio/longhorn-engine:v1.10.1';

type ReplicaState = 'running' | 'failed' | 'rebuilding' | 'stopped';

function replicaName(seed: number, volume: string, node: string): string {
  return `${volume}-r-${hexString(hashString(`${volume}/${node}`, seed), 8)}`;
}

function replicaStates(ctx: RenderContext, c: ClaimModel): ReplicaState[] {
  const lh = c.longhorn;
  if (!lh) return [];
  return lh.replicaNodes.map((node) => {
    if (lh.role === 'faulted') return 'failed';
    if (lh.role === 'detached') return 'stopped';
    if (lh.role === 'flaky' && ctx.model.nodeByName.get(node)?.flaky) {
      if (ctx.phase.longhorn === 'degraded') return 'failed';
      if (ctx.phase.longhorn === 'rebuilding') return 'rebuilding';
    }
    return 'running';
  });
}

export function renderLonghorn(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  const out: KubeObject[] = [];
  const scheduled = new Map<string, Record<string, number>>();
  for (const c of claims(ctx)) {
    const lh = c.longhorn;
    if (!lh) continue;
    const states = replicaStates(ctx, c);
    const healthy = states.filter((s) => s === 'running').length;
    const attached = lh.role === 'healthy' || lh.role === 'flaky';
    const robustness = !attached
      ? lh.role === 'faulted'
        ? 'faulted'
        : 'unknown'
      : healthy >= lh.replicaNodes.length
        ? 'healthy'
        : healthy > 0
          ? 'degraded'
          : 'faulted';
    const bytes = sizeBytes(c.size);
    const podNode = c.pod?.node.name ?? '';
    const degradedAt =
      lh.role === 'flaky'
        ? isoSeconds(lastAt(ctx, AT.longhornDegraded))
        : lh.role === 'faulted'
          ? isoSeconds(ctx.model.epochMs + 36 * 86_400_000)
          : '';
    const workloads = c.pod
      ? [
          {
            podName: c.pod.name,
            podStatus: c.pod.phase,
            workloadName: c.pod.owner.name,
            workloadType: c.pod.owner.kind,
          },
        ]
      : [
          {
            podName: c.historicPod,
            podStatus: 'Running',
            workloadName: c.workloadKey.split('/')[1] ?? '',
            workloadType: 'StatefulSet',
          },
        ];
    const lastPodRefAt = c.pod ? '' : isoSeconds(ctx.model.epochMs + 30 * 86_400_000);
    const cond = (type: string, status: string) => ({
      lastProbeTime: '',
      lastTransitionTime: isoSeconds(ctx.model.epochMs + 4 * 86_400_000),
      message: '',
      reason: '',
      status,
      type,
    });
    out.push(
      obj(
        'longhorn.io/v1beta2',
        'Volume',
        meta({
          name: c.pvName,
          namespace: NS,
          uid: uuidFor(seed, `lhv/${c.pvName}`),
          generation: 3,
          creationTimestamp: created(ctx, 4),
          labels: { longhornvolume: c.pvName, 'recurring-job-group.longhorn.io/default': 'enabled' },
          finalizers: ['longhorn.io'],
        }),
        {
          spec: {
            Standby: false,
            accessMode: 'rwo',
            dataEngine: 'v1',
            dataLocality: 'disabled',
            frontend: 'blockdev',
            image: ENGINE_IMAGE,
            migratable: false,
            nodeID: attached ? podNode : '',
            numberOfReplicas: lh.replicaNodes.length,
            size: String(bytes),
            snapshotMaxCount: 250,
            snapshotMaxSize: '0',
            staleReplicaTimeout: 30,
          },
          status: {
            actualSize: attached ? Math.floor(bytes * 0.37) + (hashString(c.pvName, seed) % 1_000_000) : 0,
            conditions: [
              cond('WaitForBackingImage', 'False'),
              cond('Scheduled', 'True'),
              cond('TooManySnapshots', 'False'),
              cond('Restore', 'False'),
            ],
            currentImage: ENGINE_IMAGE,
            currentMigrationNodeID: '',
            currentNodeID: attached ? podNode : '',
            expansionRequired: false,
            frontendDisabled: false,
            isStandby: false,
            kubernetesStatus: {
              lastPVCRefAt: '',
              lastPodRefAt,
              namespace: c.ns,
              pvName: c.pvName,
              pvStatus: 'Bound',
              pvcName: c.name,
              workloadsStatus: workloads,
            },
            lastBackup: '',
            lastBackupAt: '',
            lastDegradedAt: degradedAt,
            ownerID: podNode || (lh.replicaNodes[0] ?? ''),
            restoreRequired: false,
            robustness,
            shareEndpoint: '',
            shareState: '',
            state: attached ? 'attached' : 'detached',
          },
        },
      ),
    );
    lh.replicaNodes.forEach((node, i) => {
      const state = states[i] ?? 'running';
      const name = replicaName(seed, c.pvName, node);
      const perNode = scheduled.get(node) ?? {};
      perNode[name] = bytes;
      scheduled.set(node, perNode);
      out.push(renderReplica(ctx, c, node, name, state, bytes));
    });
  }
  for (const node of ctx.model.nodes.filter((n) => n.spec.longhornStorage))
    out.push(renderLonghornNode(ctx, node, scheduled.get(node.name) ?? {}));
  return out;
}

function renderReplica(
  ctx: RenderContext,
  c: ClaimModel,
  node: string,
  name: string,
  state: ReplicaState,
  bytes: number,
): KubeObject {
  const seed = ctx.model.seed;
  const since = isoSeconds(ctx.model.epochMs + 4 * 86_400_000);
  const failedAt =
    state === 'failed'
      ? isoSeconds(
          c.longhorn?.role === 'flaky'
            ? lastAt(ctx, AT.longhornDegraded)
            : ctx.model.epochMs + 36 * 86_400_000,
        )
      : '';
  const healthyAt =
    state === 'running'
      ? c.longhorn?.role === 'flaky' && ctx.model.nodeByName.get(node)?.flaky
        ? isoSeconds(lastAt(ctx, AT.longhornHealthy))
        : since
      : '';
  const live = state === 'running' || state === 'rebuilding';
  const im = `instance-manager-${hexString(hashString(`im/${node}`, seed), 32)}`;
  const ip = ctx.model.nodeByName.get(node)?.cidrBase;
  return obj(
    'longhorn.io/v1beta2',
    'Replica',
    meta({
      name,
      namespace: NS,
      uid: uuidFor(seed, `lhr/${name}`),
      generation: 2,
      creationTimestamp: created(ctx, 4),
      labels: { longhorndiskuuid: diskUuid(seed, node), longhornnode: node, longhornvolume: c.pvName },
      finalizers: ['longhorn.io'],
    }),
    {
      spec: {
        active: true,
        dataDirectoryName: `${c.pvName}-${hexString(hashString(name, seed), 8)}`,
        dataEngine: 'v1',
        desireState: live ? 'running' : 'stopped',
        diskID: diskUuid(seed, node),
        diskPath: DISK_PATH,
        engineName: `${c.pvName}-e-0`,
        failedAt,
        healthyAt,
        image: ENGINE_IMAGE,
        lastFailedAt:
          failedAt ||
          (c.longhorn?.role === 'flaky' && ctx.model.nodeByName.get(node)?.flaky
            ? isoSeconds(lastAt(ctx, AT.longhornDegraded))
            : ''),
        lastHealthyAt: healthyAt || since,
        nodeID: node,
        rebuildRetryCount: 0,
        volumeName: c.pvName,
        volumeSize: String(bytes),
      },
      status: {
        currentImage: ENGINE_IMAGE,
        currentState: live ? 'running' : state === 'failed' ? 'error' : 'stopped',
        instanceManagerName: live ? im : '',
        ip: live && ip ? `${ip}.9` : '',
        ownerID: node,
        port: live ? 10000 + (hashString(name, seed) % 30) * 15 : 0,
        started: live,
        storageIP: live && ip ? `${ip}.9` : '',
      },
    },
  );
}
