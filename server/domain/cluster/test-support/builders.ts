// Test-only builders for small hand-written Kubernetes objects (raw JSON, as the API serves them).

export function rawPod(opts: {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  owner?: { kind: string; name: string; controller?: boolean };
  nodeName?: string;
  phase?: string;
  claims?: string[];
}): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: opts.name,
      namespace: opts.namespace,
      labels: opts.labels ?? {},
      ownerReferences:
        opts.owner === undefined
          ? undefined
          : [
              {
                apiVersion: 'apps/v1',
                kind: opts.owner.kind,
                name: opts.owner.name,
                controller: opts.owner.controller ?? true,
              },
            ],
    },
    spec: {
      nodeName: opts.nodeName,
      volumes: (opts.claims ?? []).map((claimName, i) => ({
        name: `v${i}`,
        persistentVolumeClaim: { claimName },
      })),
    },
    status: { phase: opts.phase ?? 'Running' },
  };
}

export function rawService(namespace: string, name: string, selector?: Record<string, string>): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
  };
}

/** A Deployment-owned pod as the API serves it (ReplicaSet owner + pod-template-hash label). */
export function deploymentPod(
  namespace: string,
  deployment: string,
  labels: Record<string, string>,
  extra: { nodeName?: string; claims?: string[]; suffix?: string } = {},
): unknown {
  const hash = '5d4f8c7b9';
  return rawPod({
    namespace,
    name: `${deployment}-${hash}-${extra.suffix ?? 'abcde'}`,
    labels: { ...labels, 'pod-template-hash': hash },
    owner: { kind: 'ReplicaSet', name: `${deployment}-${hash}` },
    nodeName: extra.nodeName,
    claims: extra.claims,
  });
}
