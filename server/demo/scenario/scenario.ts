// createDemoScenario: the demo cluster's data source. Pure and deterministic: the same seed,
// start and query time give the same objects and flows; nothing reads a clock or does I/O.
import type { FlowEvent } from '../../domain/flow';
import { ClusterModel, type NodeModel } from './cluster-model';
import { FlowGenerator } from './flow-generator';
import { hubbleNodes, serverStatus, streamStartEvents } from './hubble-status';
import { renderCeph } from './objects-ceph';
import { issuedSecrets, renderCertManager } from './objects-certs';
import { renderCiliumEndpoints, renderCiliumIdentities, renderPolicies } from './objects-cilium';
import { renderIngressAndGateway } from './objects-ingress';
import { renderLonghorn } from './objects-longhorn';
import { renderNamespaces, renderNodes } from './objects-nodes';
import { renderPod } from './objects-pods';
import { renderBaseServices, renderServices } from './objects-services';
import { renderStorage } from './objects-storage';
import { renderWorkloads } from './objects-workloads';
import type { RenderContext } from './render-context';
import { RESOURCES } from './resources';
import { ScaleModel } from './scale';
import { CYCLE_MS, FLAKY_NODE, phaseAt } from './timeline';
import type { DemoScenario, DemoScenarioOptions, KubeObject } from './types';

const DEFAULT_SEED = 0x5c1a7;

export function createDemoScenario(opts: DemoScenarioOptions): DemoScenario {
  const seed = Number.isFinite(opts.seed) ? (opts.seed as number) >>> 0 : DEFAULT_SEED;
  const startMs = Number.isFinite(opts.startMs) ? Math.floor(opts.startMs) : 0;
  const clusterName =
    opts.clusterName && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(opts.clusterName)
      ? opts.clusterName
      : 'default';
  const model = new ClusterModel(seed, clusterName, startMs);
  const extraPods = opts.scale?.extraPods ?? 0;
  const externalIps = opts.scale?.externalIps ?? 0;
  const hasScale = extraPods > 0 || externalIps > 0;
  let scaleModel: ScaleModel | undefined;
  const scale = (): ScaleModel => {
    scaleModel ??= new ScaleModel(model, extraPods, externalIps);
    return scaleModel;
  };
  const allNodes = (): readonly NodeModel[] => (hasScale ? [...model.nodes, ...scale().nodes] : model.nodes);
  const byName = (name: string): NodeModel => {
    const node = model.nodeByName.get(name);
    if (!node) throw new Error(`scenario topology lacks node ${name}`);
    return node;
  };
  const relayNode = byName('talos-cp-1');
  const generator = new FlowGenerator(model, scale, hasScale, relayNode, byName(FLAKY_NODE));
  // Scale pods never change; render them once.
  let scaleObjects: KubeObject[] | undefined;

  const objectsAt = (nowMs: number): readonly KubeObject[] => {
    const now = Number.isFinite(nowMs) ? nowMs : startMs;
    const phase = phaseAt(startMs, now);
    const pods = model.podsAt(phase);
    const sm = hasScale ? scale() : undefined;
    const ctx: RenderContext = { model, phase, pods, nowMs: now, scale: sm, nodes: allNodes() };
    scaleObjects ??= sm ? renderScaleObjects(ctx, sm) : [];
    const objects: KubeObject[] = [
      ...renderNamespaces(ctx),
      ...renderNodes(ctx),
      ...pods.pods.map(renderPod),
      ...scaleObjects,
      ...renderWorkloads(ctx, model.workloads, pods.pods),
      ...renderBaseServices(ctx),
      ...renderStorage(ctx),
      ...renderIngressAndGateway(ctx, issuedSecrets()),
      ...renderPolicies(ctx),
      ...renderCiliumEndpoints(ctx, pods.pods),
      ...renderCiliumIdentities(ctx),
      ...renderCertManager(ctx),
      ...renderLonghorn(ctx),
      ...renderCeph(ctx),
    ];
    return objects.sort(compareObjects);
  };

  return {
    clusterName,
    cycleMs: CYCLE_MS,
    resources: RESOURCES,
    objectsAt,
    flowsBetween: (fromMs: number, toMs: number, count: number): readonly FlowEvent[] =>
      generator.flowsBetween(fromMs, toMs, count),
    hubbleNodesAt: (nowMs: number) => hubbleNodes(startMs, allNodes(), nowMs),
    serverStatusAt: (nowMs: number) => serverStatus(startMs, allNodes(), nowMs),
    streamStartEventsAt: (nowMs: number) => streamStartEvents(startMs, allNodes(), relayNode, nowMs),
    namespacesAt: (nowMs: number) => {
      const phase = phaseAt(startMs, nowMs);
      const names = new Set<string>();
      for (const p of model.podsAt(phase).pods)
        if (p.ip !== undefined && !p.workload.spec.hostNetwork) names.add(p.namespace);
      if (hasScale) for (const ns of scale().namespaces) names.add(ns);
      return [...names].sort();
    },
    phaseAt: (nowMs: number) => phaseAt(startMs, nowMs),
  };
}

/** Objects of the synthetic scale pods: they never change, so they are rendered once. */
function renderScaleObjects(ctx: RenderContext, sm: ScaleModel): KubeObject[] {
  const workloads = sm.deployments.map((d) => d.workload);
  return [
    ...sm.pods.map(renderPod),
    ...renderWorkloads(ctx, workloads, sm.pods),
    ...renderServices(
      ctx,
      sm.deployments.map((d) => d.service),
      sm.pods,
      new Map(workloads.map((w) => [w.key, w])),
    ),
    ...renderCiliumEndpoints(ctx, sm.pods),
  ];
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  return (
    cmp(a.apiVersion, b.apiVersion) ||
    cmp(a.kind, b.kind) ||
    cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    cmp(a.metadata.name, b.metadata.name)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
