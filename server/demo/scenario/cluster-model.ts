// The in-memory model every output is rendered from: nodes, workloads with their identities, and
// the pods that exist in a given phase (rollouts rename pods; the flaky node takes its pods down).
import type { Endpoint, Workload } from '../../domain/flow';
import { DAY_MS } from './clock';
import { EndpointIdAllocator, IdentityRegistry, podEndpointLabels } from './identity';
import { makeNodeModel, type NodeModel } from './node-model';
import { catalogImage, claimNameOf, deploymentTemplateHash, isDynamic, withNodeState } from './pod-lifecycle';
import { hashString, k8sSuffix, mix, uuidFor } from './prng';
import { AT, CYCLE_MS } from './timeline';
import { BASE_NODES } from './topology-nodes';
import { BASE_NAMESPACES, BASE_WORKLOADS, type WorkloadSpec } from './topology-workloads';
import type { ScenarioPhase } from './types';

export { makeNodeModel, type NodeModel } from './node-model';
export { catalogImage, deploymentTemplateHash, workloadApiVersion } from './pod-lifecycle';

export interface WorkloadModel {
  readonly spec: WorkloadSpec;
  readonly key: string;
  readonly uid: string;
  readonly endpointLabels: readonly string[];
  readonly identity: number;
  readonly hubbleWorkloads: readonly Workload[];
}

export interface PodOwner {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

export interface PodModel {
  readonly name: string;
  readonly namespace: string;
  readonly workload: WorkloadModel;
  readonly node: NodeModel;
  /** Unset while Pending (no sandbox yet). */
  readonly ip?: string;
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly owner: PodOwner;
  readonly phase: 'Running' | 'Pending';
  /** What the API server says (stale while the node is unreachable but not yet marked). */
  readonly ready: boolean;
  /** Whether the pod actually sends and receives traffic. */
  readonly up: boolean;
  readonly endpointId: number;
  readonly startedMs: number;
  readonly ordinal: number;
  readonly templateHash: string;
  readonly image: string;
  readonly endpoint: Endpoint;
  readonly claimName?: string;
  /** Containers restart when their node reboots; unset = never restarted. */
  readonly restartCount?: number;
  readonly containerStartedMs?: number;
  readonly readyTransitionMs?: number;
}

export interface PodSet {
  readonly pods: readonly PodModel[];
  readonly byWorkload: ReadonlyMap<string, readonly PodModel[]>;
}

export class ClusterModel {
  readonly nodes: readonly NodeModel[];
  readonly nodeByName: ReadonlyMap<string, NodeModel>;
  readonly workloads: readonly WorkloadModel[];
  readonly workloadByKey: ReadonlyMap<string, WorkloadModel>;
  readonly identities: IdentityRegistry;
  readonly endpointIds: EndpointIdAllocator;
  /** When the cluster was created; object creationTimestamps are relative to it. */
  readonly epochMs: number;
  private readonly stablePods: PodModel[] = [];
  private readonly podSetCache = new Map<string, PodSet>();
  private readonly nsLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;

  constructor(
    readonly seed: number,
    readonly clusterName: string,
    readonly startMs: number,
  ) {
    this.epochMs = Math.floor((startMs - 120 * DAY_MS) / 1000) * 1000;
    this.identities = new IdentityRegistry(seed);
    this.endpointIds = new EndpointIdAllocator(seed);
    this.nodes = BASE_NODES.map((n) => makeNodeModel(n, seed, clusterName, false));
    this.nodeByName = new Map(this.nodes.map((n) => [n.name, n]));
    this.nsLabels = new Map(BASE_NAMESPACES.map((n) => [n.name, n.labels]));
    this.workloads = BASE_WORKLOADS.map((spec) => this.makeWorkload(spec));
    this.workloadByKey = new Map(this.workloads.map((w) => [w.key, w]));
    for (const w of this.workloads) {
      if (isDynamic(w.spec)) continue;
      for (const [ordinal, node] of this.placementOf(w.spec).entries()) {
        this.stablePods.push(this.makePod(w, node, ordinal, undefined));
      }
    }
  }

  namespaceLabels(ns: string): Readonly<Record<string, string>> {
    return this.nsLabels.get(ns) ?? {};
  }

  makeWorkload(spec: WorkloadSpec, nsLabels?: Readonly<Record<string, string>>): WorkloadModel {
    const endpointLabels = podEndpointLabels({
      podLabels: spec.labels,
      namespace: spec.ns,
      namespaceLabels: nsLabels ?? this.namespaceLabels(spec.ns),
      serviceAccount: spec.serviceAccount,
      clusterName: this.clusterName,
    });
    return {
      spec,
      key: `${spec.ns}/${spec.name}`,
      uid: uuidFor(this.seed, `${spec.kind}/${spec.ns}/${spec.name}`),
      endpointLabels,
      identity: spec.hostNetwork ? 1 : this.identities.identityFor(endpointLabels),
      hubbleWorkloads: [{ name: spec.name, kind: spec.kind }],
    };
  }

  placementOf(spec: WorkloadSpec): NodeModel[] {
    if (spec.kind === 'DaemonSet') {
      return this.nodes.filter(
        (n) => spec.daemonOn === 'all' || (!n.spec.controlPlane && n.spec.longhornStorage),
      );
    }
    return spec.placement.slice(0, spec.replicas).map((name) => {
      const node = this.nodeByName.get(name);
      if (!node) throw new Error(`workload ${spec.ns}/${spec.name} placed on unknown node ${name}`);
      return node;
    });
  }

  /** Pods at a phase; cached because flows ask for the same phase many times. */
  podsAt(phase: ScenarioPhase): PodSet {
    const key = `${phase.catalogRevision}|${phase.cycleIndex}|${phase.nodeDown}|${phase.nodeNotReady}|${phase.offsetMs >= AT.nodeUp}`;
    const cached = this.podSetCache.get(key);
    if (cached) return cached;
    const dynamic: PodModel[] = [];
    const reservedByNode = new Map<string, Set<number>>();
    for (const w of this.workloads) {
      if (!isDynamic(w.spec)) continue;
      for (const [ordinal, node] of this.placementOf(w.spec).entries()) {
        let reserved = reservedByNode.get(node.name);
        if (!reserved) {
          reserved = this.endpointIds.snapshot(node.name);
          reservedByNode.set(node.name, reserved);
        }
        dynamic.push(this.makePod(w, node, ordinal, { phase, reserved }));
      }
    }
    const pods = [...this.stablePods, ...dynamic].map((p) => withNodeState(p, phase));
    const byWorkload = new Map<string, PodModel[]>();
    for (const p of pods) {
      const list = byWorkload.get(p.workload.key) ?? [];
      list.push(p);
      byWorkload.set(p.workload.key, list);
    }
    const set: PodSet = { pods, byWorkload };
    if (this.podSetCache.size > 16) this.podSetCache.clear();
    this.podSetCache.set(key, set);
    return set;
  }

  private makePod(
    w: WorkloadModel,
    node: NodeModel,
    ordinal: number,
    dyn: { phase: ScenarioPhase; reserved: Set<number> } | undefined,
  ): PodModel {
    const spec = w.spec;
    const seed = this.seed;
    let name: string;
    let templateHash: string;
    let owner: PodOwner;
    let startedMs = this.epochMs + DAY_MS * (1 + (hashString(w.key, seed) % 30));
    let image = spec.image;
    let readyAtMs: number | undefined;
    let ipHost = 10 + this.stablePods.filter((p) => p.node === node).length;
    const labels: Record<string, string> = { ...spec.labels };
    if (spec.kind === 'Deployment') {
      const revision = spec.name === 'catalog' && dyn ? dyn.phase.catalogRevision : 1;
      if (spec.name === 'catalog') image = catalogImage(spec, revision);
      templateHash = deploymentTemplateHash(seed, w.key, revision);
      const rsName = `${spec.name}-${templateHash}`;
      name = `${rsName}-${k8sSuffix(mix(hashString(rsName, seed), ordinal), 5)}`;
      labels['pod-template-hash'] = templateHash;
      owner = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: rsName,
        uid: uuidFor(seed, `ReplicaSet/${spec.ns}/${rsName}`),
      };
      if (dyn) {
        const deployedAt =
          dyn.phase.offsetMs >= AT.deploy
            ? dyn.phase.cycleStartMs + AT.deploy
            : dyn.phase.cycleStartMs - CYCLE_MS + AT.deploy;
        startedMs = deployedAt - 2_000 + ordinal * 500;
        readyAtMs = deployedAt;
        // New pods get fresh addresses: alternate between two reserved blocks per revision.
        ipHost = 200 + ordinal * 2 + (revision % 2);
      }
    } else if (spec.kind === 'StatefulSet') {
      templateHash = `${spec.name}-${k8sSuffix(hashString(w.key, seed), 10)}`;
      name = `${spec.name}-${ordinal}`;
      labels['controller-revision-hash'] = templateHash;
      labels['statefulset.kubernetes.io/pod-name'] = name;
      labels['apps.kubernetes.io/pod-index'] = String(ordinal);
      owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: spec.name, uid: w.uid };
    } else if (spec.kind === 'DaemonSet') {
      templateHash = k8sSuffix(hashString(`${w.key}@rev`, seed), 10);
      name = `${spec.name}-${k8sSuffix(hashString(`${w.key}/${node.name}`, seed), 5)}`;
      labels['controller-revision-hash'] = templateHash;
      labels['pod-template-generation'] = '1';
      owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: spec.name, uid: w.uid };
    } else {
      // CronJob: one Job per schedule slot; the scenario's cycle matches the */10 schedule.
      const cycleStart = dyn ? dyn.phase.cycleStartMs : this.startMs;
      const jobName = `${spec.name}-${Math.floor(cycleStart / 60_000)}`;
      const jobUid = uuidFor(seed, `Job/${spec.ns}/${jobName}`);
      templateHash = jobName;
      name = `${jobName}-${k8sSuffix(hashString(jobName, seed), 5)}`;
      labels['batch.kubernetes.io/controller-uid'] = jobUid;
      labels['batch.kubernetes.io/job-name'] = jobName;
      labels['controller-uid'] = jobUid;
      labels['job-name'] = jobName;
      owner = { apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: jobUid };
      // Scheduled just before the cycle starts, so the pod exists for the whole cycle.
      startedMs = cycleStart - 8_000;
      ipHost = 240 + ((dyn?.phase.cycleIndex ?? 0) & 1);
    }
    const endpointId = spec.hostNetwork
      ? 0
      : dyn
        ? this.endpointIds.allocate(node.name, `${spec.ns}/${name}`, dyn.reserved)
        : this.endpointIds.allocate(node.name, `${spec.ns}/${name}`);
    const ip = spec.pending
      ? undefined
      : spec.hostNetwork
        ? node.spec.internalIp
        : `${node.cidrBase}.${ipHost}`;
    const endpoint: Endpoint = {
      ID: endpointId,
      identity: w.identity,
      cluster_name: this.clusterName,
      namespace: spec.ns,
      labels: w.endpointLabels,
      pod_name: name,
      workloads: w.hubbleWorkloads,
    };
    return {
      name,
      namespace: spec.ns,
      workload: w,
      node,
      ip,
      uid: uuidFor(seed, `Pod/${spec.ns}/${name}`),
      labels,
      owner,
      phase: spec.pending ? 'Pending' : 'Running',
      ready: !spec.pending,
      up: !spec.pending,
      endpointId,
      startedMs,
      ordinal,
      templateHash,
      image,
      endpoint,
      claimName: claimNameOf(spec, name),
      ...(readyAtMs === undefined
        ? {}
        : { readyTransitionMs: readyAtMs, containerStartedMs: readyAtMs - 1_000 }),
    };
  }
}
