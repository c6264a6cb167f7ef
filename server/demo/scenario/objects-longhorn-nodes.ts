// Longhorn Node CRs: one per storage node, Ready=False while the flaky node is down
// (ManagerPodDown, then KubernetesNodeNotReady), with the replicas scheduled on its disk.

import { isoSeconds } from './clock';
import type { NodeModel } from './cluster-model';
import { lastAt } from './objects-nodes';
import { hashString, hexString, uuidFor } from './prng';
import { created, meta, obj, type RenderContext } from './render-context';
import { AT } from './timeline';
import type { KubeObject } from './types';

const NS = 'longhorn-system';
export const DISK_PATH = '/var/lib/longhorn/';

export function diskUuid(seed: number, node: string): string {
  return uuidFor(seed, `longhorn-disk/${node}`);
}

export function renderLonghornNode(
  ctx: RenderContext,
  node: NodeModel,
  scheduled: Record<string, number>,
): KubeObject {
  const seed = ctx.model.seed;
  const since = isoSeconds(ctx.model.epochMs + 2 * 86_400_000);
  const disk = `default-disk-${hexString(hashString(`disk/${node.name}`, seed), 16)}`;
  const flakyDown = node.flaky && ctx.phase.nodeDown;
  const ready = flakyDown
    ? ctx.phase.nodeNotReady
      ? {
          status: 'False',
          reason: 'KubernetesNodeNotReady',
          message: `Kubernetes node ${node.name} not ready: NodeStatusUnknown`,
          at: lastAt(ctx, AT.nodeNotReady),
        }
      : {
          status: 'False',
          reason: 'ManagerPodDown',
          message: `Node ${node.name} is down: the manager pod longhorn-manager is not running`,
          at: lastAt(ctx, AT.nodeDown),
        }
    : {
        status: 'True',
        reason: '',
        message: `Node ${node.name} is ready`,
        at: node.flaky ? lastAt(ctx, AT.nodeUp) : ctx.model.epochMs + 2 * 86_400_000,
      };
  const used = Object.values(scheduled).reduce((a, b) => a + b, 0);
  const max = 483_183_820_800;
  return obj(
    'longhorn.io/v1beta2',
    'Node',
    meta({
      name: node.name,
      namespace: NS,
      uid: uuidFor(seed, `lhn/${node.name}`),
      generation: 1,
      creationTimestamp: created(ctx, 2),
      finalizers: ['longhorn.io'],
    }),
    {
      spec: {
        allowScheduling: true,
        disks: {
          [disk]: {
            allowScheduling: true,
            diskDriver: '',
            diskType: 'filesystem',
            evictionRequested: false,
            path: DISK_PATH,
            storageReserved: 144_955_146_240,
            tags: [],
          },
        },
        evictionRequested: false,
        instanceManagerCPURequest: 0,
        name: node.name,
        tags: [],
      },
      status: {
        autoEvicting: false,
        conditions: [
          {
            lastProbeTime: '',
            lastTransitionTime: isoSeconds(ready.at),
            message: ready.message,
            reason: ready.reason,
            status: ready.status,
            type: 'Ready',
          },
          {
            lastProbeTime: '',
            lastTransitionTime: since,
            message: '',
            reason: '',
            status: 'True',
            type: 'Schedulable',
          },
          {
            lastProbeTime: '',
            lastTransitionTime: since,
            message: '',
            reason: '',
            status: 'True',
            type: 'MountPropagation',
          },
        ],
        diskStatus: {
          [disk]: {
            conditions: [
              {
                lastProbeTime: '',
                lastTransitionTime: since,
                message: `Disk ${disk}(${DISK_PATH}) on node ${node.name} is ready`,
                reason: '',
                status: 'True',
                type: 'Ready',
              },
              {
                lastProbeTime: '',
                lastTransitionTime: since,
                message: `Disk ${disk}(${DISK_PATH}) on node ${node.name} is schedulable`,
                reason: '',
                status: 'True',
                type: 'Schedulable',
              },
            ],
            diskDriver: '',
            diskName: disk,
            diskPath: DISK_PATH,
            diskType: 'filesystem',
            diskUUID: diskUuid(seed, node.name),
            filesystemType: 'ext2/ext3',
            scheduledReplica: scheduled,
            storageAvailable: max - used - 61_000_000_000,
            storageMaximum: max,
            storageScheduled: used,
          },
        },
        region: '',
        zone: node.labels['topology.kubernetes.io/zone'] ?? '',
      },
    },
  );
}
