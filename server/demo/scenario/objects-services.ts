// Services and their EndpointSlices (ready endpoints follow pod readiness), the join from flow IPs
// back to Services.
import type { PodModel, WorkloadModel } from './cluster-model';
import { hashString, k8sSuffix, uuidFor } from './prng';
import { created, meta, obj, ownerRef, type RenderContext } from './render-context';
import { BASE_SERVICES, type ServiceSpec } from './topology-workloads';
import type { KubeObject } from './types';

export function renderBaseServices(ctx: RenderContext): KubeObject[] {
  return renderServices(ctx, BASE_SERVICES, ctx.pods.pods, ctx.model.workloadByKey);
}

export function renderServices(
  ctx: RenderContext,
  specs: readonly ServiceSpec[],
  allPods: readonly PodModel[],
  workloads: ReadonlyMap<string, WorkloadModel>,
): KubeObject[] {
  const seed = ctx.model.seed;
  const out: KubeObject[] = [];
  const podsByWorkload = new Map<string, PodModel[]>();
  for (const p of allPods) {
    const list = podsByWorkload.get(p.workload.key) ?? [];
    list.push(p);
    podsByWorkload.set(p.workload.key, list);
  }
  const cp = ctx.model.nodes.find((n) => n.spec.controlPlane);
  for (const s of specs) {
    const workload = s.workload ? workloads.get(`${s.ns}/${s.workload}`) : undefined;
    const selector = workload
      ? Object.fromEntries(workload.spec.selectorKeys.map((k) => [k, workload.spec.labels[k] ?? '']))
      : undefined;
    const uid = uuidFor(seed, `Service/${s.ns}/${s.name}`);
    const spec: Record<string, unknown> = {
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: s.ports.map((p) => ({
        name: p.name,
        port: p.port,
        protocol: p.protocol,
        targetPort: p.targetPort,
      })),
    };
    if (selector) spec.selector = selector;
    spec.sessionAffinity = 'None';
    spec.type = s.type ?? 'ClusterIP';
    if (s.type === 'LoadBalancer') {
      spec.externalTrafficPolicy = 'Local';
      spec.allocateLoadBalancerNodePorts = true;
    }
    const labels =
      s.name === 'kubernetes'
        ? { component: 'apiserver', provider: 'kubernetes' }
        : workload
          ? pickNameLabels(workload.spec.labels)
          : undefined;
    out.push(
      obj(
        'v1',
        'Service',
        meta({
          name: s.name,
          namespace: s.ns,
          uid,
          creationTimestamp: created(ctx, s.ns.startsWith('scale-') ? 35 : 1),
          labels,
        }),
        {
          spec,
          status: {
            loadBalancer: s.loadBalancerIp ? { ingress: [{ ip: s.loadBalancerIp, ipMode: 'VIP' }] } : {},
          },
        },
      ),
    );
    const sliceName =
      s.name === 'kubernetes'
        ? 'kubernetes'
        : `${s.name}-${k8sSuffix(hashString(`${s.ns}/${s.name}`, seed), 5)}`;
    const pods = workload ? (podsByWorkload.get(workload.key) ?? []).filter((p) => p.ip !== undefined) : [];
    const endpoints =
      s.name === 'kubernetes' && cp
        ? [{ addresses: [cp.spec.internalIp], conditions: { ready: true } }]
        : pods.map((p) => ({
            addresses: [p.ip],
            conditions: { ready: p.ready, serving: p.ready, terminating: false },
            nodeName: p.node.name,
            targetRef: { kind: 'Pod', name: p.name, namespace: p.namespace, uid: p.uid },
          }));
    out.push(
      obj(
        'discovery.k8s.io/v1',
        'EndpointSlice',
        meta({
          name: sliceName,
          namespace: s.ns,
          uid: uuidFor(seed, `EndpointSlice/${s.ns}/${sliceName}`),
          creationTimestamp: created(ctx, s.ns.startsWith('scale-') ? 35 : 1),
          labels: {
            'endpointslice.kubernetes.io/managed-by':
              s.name === 'kubernetes'
                ? 'endpointslicemirroring-controller.k8s.io'
                : 'endpointslice-controller.k8s.io',
            'kubernetes.io/service-name': s.name,
          },
          ownerReferences: [ownerRef({ apiVersion: 'v1', kind: 'Service', name: s.name, uid })],
        }),
        {
          addressType: 'IPv4',
          endpoints,
          ports: s.ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })),
        },
      ),
    );
  }
  return out;
}

function pickNameLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['app', 'app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'k8s-app']) {
    const v = labels[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
