// Cilium objects: network policies (plus the one Kubernetes NetworkPolicy), CiliumEndpoints and
// CiliumIdentities, consistent with the identities and endpoint IDs the flows carry.

import { isoSeconds } from './clock';
import type { PodModel } from './cluster-model';
import { POLICIES, policyUid } from './policies';
import { uuidFor } from './prng';
import { created, meta, obj, type RenderContext } from './render-context';
import { AT } from './timeline';
import type { KubeObject } from './types';

export function renderPolicies(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  const out: KubeObject[] = [];
  for (const p of POLICIES) {
    if (p.appearsWith && !p.appearsWith(ctx.phase)) continue;
    const since = p.appearsWith ? ctx.phase.cycleStartMs + AT.denyPolicy : ctx.model.epochMs + 3 * 86_400_000;
    const m = meta({
      name: p.name,
      namespace: p.namespace,
      uid: policyUid(seed, p),
      generation: 1,
      creationTimestamp: isoSeconds(since),
      annotations: { 'policy.example.com/description': p.description },
    });
    if (p.kind === 'NetworkPolicy') {
      out.push(obj('networking.k8s.io/v1', 'NetworkPolicy', m, { spec: p.spec }));
    } else {
      out.push(
        obj('cilium.io/v2', p.kind, m, {
          spec: p.spec,
          status: {
            conditions: [
              {
                type: 'Valid',
                status: 'True',
                message: 'Policy validation succeeded',
                lastTransitionTime: isoSeconds(since),
              },
            ],
          },
        }),
      );
    }
  }
  return out;
}

const INGRESS_ENFORCED = new Set([
  'payments/payments',
  'shop/cart',
  'shop/catalog',
  'shop/checkout',
  'shop/redis',
]);

export function renderCiliumEndpoints(ctx: RenderContext, pods: readonly PodModel[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const p of pods) {
    if (p.workload.spec.hostNetwork || p.ip === undefined) continue;
    const ingress =
      INGRESS_ENFORCED.has(p.workload.key) ||
      (p.workload.key === 'payments/postgres' && ctx.phase.denyPolicyActive);
    const egress = p.workload.key === 'payments/payments';
    const state = (on: boolean) => ({ enforcing: on, state: on ? 'enforcing' : 'non-enforcing' });
    out.push(
      obj(
        'cilium.io/v2',
        'CiliumEndpoint',
        meta({
          name: p.name,
          namespace: p.namespace,
          uid: uuidFor(ctx.model.seed, `CiliumEndpoint/${p.namespace}/${p.name}`),
          generation: 1,
          creationTimestamp: isoSeconds(p.startedMs),
          labels: p.labels,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: p.name, uid: p.uid }],
        }),
        {
          status: {
            id: p.endpointId,
            identity: { id: p.workload.identity, labels: p.workload.endpointLabels },
            networking: { addressing: [{ ipv4: p.ip }], node: p.node.spec.internalIp },
            policy: { ingress: state(ingress), egress: state(egress) },
            'service-account': p.workload.spec.serviceAccount,
            state: p.up ? 'ready' : 'disconnected',
            'named-ports': p.workload.spec.ports.map((pt) => ({
              name: pt.name,
              port: pt.port,
              protocol: pt.protocol,
            })),
          },
        },
      ),
    );
  }
  return out;
}

export function renderCiliumIdentities(ctx: RenderContext): KubeObject[] {
  return ctx.model.identities.entries().map(({ id, labels }) => {
    const security: Record<string, string> = {};
    const k8sLabels: Record<string, string> = {};
    for (const l of labels) {
      const eq = l.indexOf('=');
      const key = l.slice(0, eq);
      const value = l.slice(eq + 1);
      security[key] = value;
      if (key.startsWith('k8s:') && !key.startsWith('k8s:io.cilium.k8s.namespace.labels.'))
        k8sLabels[key.slice(4)] = value;
    }
    return obj(
      'cilium.io/v2',
      'CiliumIdentity',
      meta({
        name: String(id),
        uid: uuidFor(ctx.model.seed, `CiliumIdentity/${id}`),
        creationTimestamp: created(ctx, 3),
        labels: k8sLabels,
      }),
      { 'security-labels': security },
    );
  });
}
