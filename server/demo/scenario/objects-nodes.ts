// Namespaces and Nodes. The flaky NixOS node reboots every cycle: while it is gone its conditions
// turn Unknown (NodeStatusUnknown) with unreachable taints, and it comes back with a new bootID.

import { isoSeconds } from './clock';
import type { NodeModel } from './cluster-model';
import { hashString, hexString, uuidFor } from './prng';
import { created, meta, obj, type RenderContext } from './render-context';
import { AT, CYCLE_MS } from './timeline';
import { BASE_NAMESPACES } from './topology-workloads';
import type { KubeObject } from './types';

export function renderNamespaces(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  const list = [
    ...BASE_NAMESPACES.map((n) => ({ name: n.name, labels: n.labels })),
    ...(ctx.scale?.namespaces ?? []).map((name) => ({ name, labels: { purpose: 'load-test' } })),
  ];
  return list.map((n, i) =>
    obj(
      'v1',
      'Namespace',
      meta({
        name: n.name,
        uid: uuidFor(seed, `Namespace/${n.name}`),
        creationTimestamp: created(ctx, i < BASE_NAMESPACES.length ? 0.01 * i : 30),
        labels: { 'kubernetes.io/metadata.name': n.name, ...n.labels },
      }),
      { spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
    ),
  );
}

/** Most recent instant (≤ now) at which something happens at `offset` into the cycle. */
export function lastAt(ctx: RenderContext, offset: number): number {
  const p = ctx.phase;
  return p.offsetMs >= offset ? p.cycleStartMs + offset : p.cycleStartMs - CYCLE_MS + offset;
}

const HEARTBEAT_MS = 300_000;

function condition(
  type: string,
  status: string,
  reason: string,
  message: string,
  heartbeat: number,
  transition: number,
) {
  return {
    type,
    status,
    lastHeartbeatTime: isoSeconds(heartbeat),
    lastTransitionTime: isoSeconds(transition),
    reason,
    message,
  };
}

function nodeConditions(ctx: RenderContext, node: NodeModel) {
  const boot = bootMs(ctx, node);
  // The flaky node turns Ready again the moment it comes back.
  const ready = node.flaky ? lastAt(ctx, AT.nodeUp) : boot + 45_000;
  let heartbeat = Math.max(ready, Math.floor(ctx.nowMs / HEARTBEAT_MS) * HEARTBEAT_MS);
  if (node.flaky && ctx.phase.nodeDown) heartbeat = Math.min(heartbeat, lastAt(ctx, AT.nodeDown));
  if (node.flaky && ctx.phase.nodeNotReady) {
    const since = lastAt(ctx, AT.nodeNotReady);
    const unknown = (type: string) =>
      condition(
        type,
        'Unknown',
        'NodeStatusUnknown',
        'Kubelet stopped posting node status.',
        heartbeat,
        since,
      );
    return [
      condition('NetworkUnavailable', 'False', 'CiliumIsUp', 'Cilium is running on this node', ready, ready),
      unknown('MemoryPressure'),
      unknown('DiskPressure'),
      unknown('PIDPressure'),
      unknown('Ready'),
    ];
  }
  return [
    condition('NetworkUnavailable', 'False', 'CiliumIsUp', 'Cilium is running on this node', ready, ready),
    condition(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
      heartbeat,
      boot + 20_000,
    ),
    condition(
      'DiskPressure',
      'False',
      'KubeletHasNoDiskPressure',
      'kubelet has no disk pressure',
      heartbeat,
      boot + 20_000,
    ),
    condition(
      'PIDPressure',
      'False',
      'KubeletHasSufficientPID',
      'kubelet has sufficient PID available',
      heartbeat,
      boot + 20_000,
    ),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', heartbeat, ready),
  ];
}

/** Boot time: fixed for stable nodes; the flaky node last booted when it came back. */
export function bootMs(ctx: RenderContext, node: NodeModel): number {
  if (node.flaky) return lastAt(ctx, AT.nodeUp) - 60_000;
  return ctx.model.startMs - node.spec.bootAgeDays * 86_400_000;
}

export function renderNodes(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  return ctx.nodes.map((node) => {
    const s = node.spec;
    const annotations: Record<string, string> = {
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    };
    if (s.os === 'talos') {
      const owned = Object.keys(node.labels).filter(
        (k) =>
          k.startsWith('extensions.talos.dev/') ||
          k.startsWith('node-role') ||
          k.startsWith('node.kubernetes.io/'),
      );
      annotations['talos.dev/owned-labels'] = JSON.stringify(owned.sort());
      if (s.controlPlane)
        annotations['talos.dev/owned-taints'] = JSON.stringify(['node-role.kubernetes.io/control-plane']);
    }
    const taints: Record<string, unknown>[] = [];
    if (s.controlPlane) taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    if (node.flaky && ctx.phase.nodeNotReady) {
      const since = isoSeconds(lastAt(ctx, AT.nodeNotReady));
      taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: since });
      taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: since });
    }
    const spec: Record<string, unknown> = { podCIDR: node.podCidr, podCIDRs: [node.podCidr] };
    if (taints.length > 0) spec.taints = taints;
    const memKi = `${s.memoryKi}Ki`;
    const allocMemKi = `${s.memoryKi - 262_144}Ki`;
    const bootId = uuidFor(seed, `boot/${node.name}/${bootMs(ctx, node)}`);
    return obj(
      'v1',
      'Node',
      meta({
        name: node.name,
        uid: node.uid,
        creationTimestamp: created(ctx, node.scale ? 35 : 0.001 * s.cidrIndex),
        labels: node.labels,
        annotations,
      }),
      {
        spec,
        status: {
          addresses: [
            { type: 'InternalIP', address: s.internalIp },
            { type: 'Hostname', address: node.name },
          ],
          allocatable: {
            cpu: `${Number(s.cpu) * 1000 - 100}m`,
            'ephemeral-storage': '95551679124',
            memory: allocMemKi,
            pods: '110',
          },
          capacity: { cpu: s.cpu, 'ephemeral-storage': '103677836Ki', memory: memKi, pods: '110' },
          conditions: nodeConditions(ctx, node),
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
          nodeInfo: {
            architecture: s.architecture,
            bootID: bootId,
            containerRuntimeVersion: s.containerRuntimeVersion,
            kernelVersion: s.kernelVersion,
            kubeProxyVersion: '',
            kubeletVersion: s.kubeletVersion,
            machineID: hexString(hashString(`machine/${node.name}`, seed), 32),
            operatingSystem: 'linux',
            osImage: s.osImage,
            systemUUID: uuidFor(seed, `system/${node.name}`),
          },
        },
      },
    );
  });
}
