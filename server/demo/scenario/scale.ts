// Synthetic load for cardinality benchmarks: `extraPods` pods in scale namespaces on extra nodes
// (100 pods per node, 10 per Deployment, 20 Deployments per namespace) and `externalIps` distinct
// internet addresses. Built once, lazily; the pods never change, so their objects are cached.
import type { Endpoint } from '../../domain/flow';
import {
  type ClusterModel,
  makeNodeModel,
  type NodeModel,
  type PodModel,
  type WorkloadModel,
} from './cluster-model';
import { externalIp, serviceLookup } from './external-hosts';
import { compileConv } from './flow-compile';
import { podPeer, worldPeer } from './flow-peers';
import type { Attribution, CompiledConv, Conv, DnsQuery } from './flow-spec';
import { hashString, k8sSuffix, mix, type Rng, uuidFor } from './prng';
import { scaleNodeSpec } from './topology-nodes';
import type { ServiceSpec, WorkloadSpec } from './topology-workloads';

const KUBE_DNS = Object.freeze({ name: 'kube-dns', namespace: 'kube-system' });

export const PODS_PER_NODE = 100;
export const PODS_PER_DEPLOYMENT = 10;
export const DEPLOYMENTS_PER_NAMESPACE = 20;
/** Bounds keep bad input from exhausting memory or the 10.0.0.0/8 pod CIDR plan. */
export const MAX_EXTRA_PODS = 200_000;
export const MAX_EXTERNAL_IPS = 5_000_000;

export interface ScaleDeployment {
  readonly workload: WorkloadModel;
  readonly pods: readonly PodModel[];
  readonly service: ServiceSpec;
  readonly templateHash: string;
  readonly lookup: readonly DnsQuery[];
}

export class ScaleModel {
  readonly nodes: readonly NodeModel[];
  readonly namespaces: readonly string[];
  readonly deployments: readonly ScaleDeployment[];
  readonly pods: readonly PodModel[];
  readonly externalIpCount: number;
  private ipCache: string[] = [];

  constructor(model: ClusterModel, extraPods: number, externalIps: number) {
    const podCount = clampInt(extraPods, MAX_EXTRA_PODS);
    this.externalIpCount = clampInt(externalIps, MAX_EXTERNAL_IPS);
    const nodeCount = Math.ceil(podCount / PODS_PER_NODE);
    this.nodes = Array.from({ length: nodeCount }, (_, i) =>
      makeNodeModel(scaleNodeSpec(i), model.seed, model.clusterName, true),
    );
    const depCount = Math.ceil(podCount / PODS_PER_DEPLOYMENT);
    const namespaces: string[] = [];
    const deployments: ScaleDeployment[] = [];
    const pods: PodModel[] = [];
    for (let d = 0; d < depCount; d++) {
      const nsIndex = Math.floor(d / DEPLOYMENTS_PER_NAMESPACE);
      const ns = `scale-${String(nsIndex).padStart(3, '0')}`;
      if (namespaces[namespaces.length - 1] !== ns) namespaces.push(ns);
      const name = `svc-${String(d).padStart(5, '0')}`;
      const spec: WorkloadSpec = {
        ns,
        name,
        kind: 'Deployment',
        replicas: Math.min(PODS_PER_DEPLOYMENT, podCount - d * PODS_PER_DEPLOYMENT),
        placement: [],
        labels: { app: name, 'app.kubernetes.io/part-of': 'load' },
        selectorKeys: ['app'],
        serviceAccount: 'default',
        image: 'ghcr.io/acme-shop/echo-server:1.6.0',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        probePort: 8080,
      };
      const workload = model.makeWorkload(spec, { purpose: 'load-test' });
      const templateHash = k8sSuffix(hashString(`${ns}/${name}@1`, model.seed), 10);
      const rsName = `${name}-${templateHash}`;
      const owner = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: rsName,
        uid: uuidFor(model.seed, `ReplicaSet/${ns}/${rsName}`),
      };
      const depPods: PodModel[] = [];
      for (let r = 0; r < spec.replicas; r++) {
        const index = d * PODS_PER_DEPLOYMENT + r;
        const node = this.nodes[Math.floor(index / PODS_PER_NODE)];
        if (!node) break;
        const slot = index % PODS_PER_NODE;
        const podName = `${rsName}-${k8sSuffix(mix(hashString(rsName, model.seed), r), 5)}`;
        const endpoint: Endpoint = {
          ID: 1 + slot * 37,
          identity: workload.identity,
          cluster_name: model.clusterName,
          namespace: ns,
          labels: workload.endpointLabels,
          pod_name: podName,
          workloads: workload.hubbleWorkloads,
        };
        const pod: PodModel = {
          name: podName,
          namespace: ns,
          workload,
          node,
          ip: `${node.cidrBase}.${10 + slot}`,
          uid: uuidFor(model.seed, `Pod/${ns}/${podName}`),
          labels: { ...spec.labels, 'pod-template-hash': templateHash },
          owner,
          phase: 'Running',
          ready: true,
          up: true,
          endpointId: endpoint.ID ?? 0,
          startedMs: model.epochMs + 35 * 86_400_000,
          ordinal: r,
          templateHash,
          image: spec.image,
          endpoint,
        };
        depPods.push(pod);
        pods.push(pod);
      }
      const clusterIP = `10.${100 + (d >> 16)}.${(d >> 8) & 255}.${d & 255}`;
      deployments.push({
        workload,
        pods: depPods,
        templateHash,
        service: {
          ns,
          name,
          workload: name,
          clusterIP,
          ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }],
        },
        lookup: serviceLookup(name, ns, clusterIP),
      });
    }
    this.namespaces = namespaces;
    this.deployments = deployments;
    this.pods = pods;
  }

  externalIp(index: number): string {
    if (index < 65_536) {
      const cached = this.ipCache[index];
      if (cached) return cached;
      const ip = externalIp(index);
      this.ipCache[index] = ip;
      return ip;
    }
    return externalIp(index);
  }

  /** One random conversation of a scale pod (or of `fallbackClients` when there are none). */
  randomConversation(
    rng: Rng,
    dnsServers: readonly PodModel[],
    dnsAllow: Attribution | undefined,
    fallbackClients: readonly PodModel[],
  ): CompiledConv | undefined {
    const fromScale = this.pods.length > 0;
    const clientIndex = rng.int(fromScale ? this.pods.length : fallbackClients.length);
    const client = fromScale ? this.pods[clientIndex] : fallbackClients[clientIndex];
    if (!client) return undefined;
    const r = rng.float();
    let conv: Conv | undefined;
    if (this.externalIpCount > 0 && (!fromScale || r < 0.4)) {
      const ip = this.externalIp(rng.int(this.externalIpCount));
      conv = {
        client: podPeer(client),
        server: worldPeer(ip),
        proto: 'TCP',
        dport: 443,
        rounds: 1,
        weight: 1,
      };
    } else if (fromScale) {
      const dIndex = Math.floor(clientIndex / PODS_PER_DEPLOYMENT);
      const next = this.deployments[(dIndex + 1 + rng.int(3)) % this.deployments.length];
      const server = next?.pods[rng.int(next.pods.length)];
      const dns = dnsServers[rng.int(dnsServers.length)];
      if (next && dns && r > 0.75) {
        conv = {
          client: podPeer(client),
          server: podPeer(dns),
          proto: 'UDP',
          dport: 53,
          service: KUBE_DNS,
          egressAllow: dnsAllow,
          rounds: 1,
          weight: 1,
          dns: next.lookup,
        };
      } else if (next && server) {
        conv = {
          client: podPeer(client),
          server: podPeer(server),
          proto: 'TCP',
          dport: 8080,
          service: { name: next.service.name, namespace: next.service.ns },
          rounds: 1,
          weight: 1,
        };
      }
    }
    return conv ? compileConv(conv, true) : undefined;
  }
}

function clampInt(value: number | undefined, max: number): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(max, Math.floor(value));
}
