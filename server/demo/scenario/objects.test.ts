import { describe, expect, it } from 'vitest';
import { apiVersionOf, RESOURCES } from './resources';
import { byKind, conditionOf, find, get, ipInCidr24, scenario, T0 } from './test-support';
import type { KubeObject } from './types';

const s = scenario();
// One sample per interesting phase of the cycle.
const SAMPLES = [10_000, 60_000, 200_000, 295_000, 310_000, 400_000, 500_000].map((t) => s.objectsAt(T0 + t));

const key = (o: KubeObject) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

describe('object set', () => {
  it('is valid Kubernetes JSON: apiVersion, kind, name, uid, namespace exactly for namespaced kinds', () => {
    const scopes = new Map(RESOURCES.map((r) => [`${apiVersionOf(r)}/${r.kind}`, r.namespaced]));
    for (const objects of SAMPLES) {
      const problems: string[] = [];
      for (const o of objects) {
        const namespaced = scopes.get(`${o.apiVersion}/${o.kind}`);
        if (namespaced === undefined) problems.push(`no resource descriptor for ${o.apiVersion} ${o.kind}`);
        if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(o.metadata.name)) problems.push(`bad name ${key(o)}`);
        if (namespaced && !o.metadata.namespace) problems.push(`missing namespace ${key(o)}`);
        if (namespaced === false && o.metadata.namespace !== undefined)
          problems.push(`cluster-scoped with namespace ${key(o)}`);
        if (!/^[0-9a-f-]{36}$/.test(o.metadata.uid ?? '')) problems.push(`uid ${key(o)}`);
        if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(o.metadata.creationTimestamp ?? ''))
          problems.push(`creationTimestamp ${key(o)}`);
      }
      expect(problems).toEqual([]);
      expect(new Set(objects.map(key)).size).toBe(objects.length);
      expect(new Set(objects.map((o) => o.metadata.uid)).size).toBe(objects.length);
    }
  });

  it('is sorted by apiVersion, kind, namespace, name', () => {
    const objects = SAMPLES[0] ?? [];
    const keys = objects.map((o) =>
      [o.apiVersion, o.kind, o.metadata.namespace ?? '', o.metadata.name].join('\u0000'),
    );
    expect(keys).toEqual([...keys].sort());
  });

  it('describes every kind it emits and emits every kind it describes', () => {
    const emitted = new Set(SAMPLES.flat().map((o) => `${o.apiVersion}/${o.kind}`));
    const described = new Set(RESOURCES.map((r) => `${apiVersionOf(r)}/${r.kind}`));
    expect(emitted).toEqual(described);
    for (const r of RESOURCES) {
      expect(r.listKind).toBe(`${r.kind}List`);
      expect(r.singular).toBe(r.kind.toLowerCase());
      expect(r.plural).toMatch(/^[a-z]+$/);
    }
  });

  it('resolves every ownerReference to an existing object with the same uid', () => {
    for (const objects of SAMPLES) {
      const byName = new Map(
        objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]),
      );
      const problems: string[] = [];
      for (const o of objects) {
        for (const ref of o.metadata.ownerReferences ?? []) {
          const owner = byName.get(`${ref.kind}/${o.metadata.namespace ?? ''}/${ref.name}`);
          if (owner?.metadata.uid !== ref.uid) problems.push(`${key(o)} → ${ref.kind}/${ref.name}`);
        }
      }
      expect(problems).toEqual([]);
    }
  });

  it('gives pods addresses from their node pod CIDR and labels Services select', () => {
    for (const objects of SAMPLES) {
      const cidrs = new Map(
        byKind(objects, 'Node', 'v1').map((n) => [n.metadata.name, String(get(n, 'spec', 'podCIDR'))]),
      );
      const pods = byKind(objects, 'Pod');
      for (const p of pods) {
        const ip = get(p, 'status', 'podIP');
        if (ip === undefined || get(p, 'spec', 'hostNetwork') === true) continue;
        expect(
          ipInCidr24(String(ip), cidrs.get(String(get(p, 'spec', 'nodeName'))) ?? ''),
          p.metadata.name,
        ).toBe(true);
      }
      const ips = pods
        .filter((p) => get(p, 'spec', 'hostNetwork') !== true)
        .map((p) => get(p, 'status', 'podIP'));
      expect(new Set(ips.filter(Boolean)).size).toBe(ips.filter(Boolean).length);
      for (const svc of byKind(objects, 'Service')) {
        const selector = get(svc, 'spec', 'selector') as Record<string, string> | undefined;
        if (!selector) continue;
        const matching = pods.filter(
          (p) =>
            p.metadata.namespace === svc.metadata.namespace &&
            Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v),
        );
        expect(matching.length, `${svc.metadata.namespace}/${svc.metadata.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('points Longhorn kubernetesStatus at pods and PVCs that exist', () => {
    for (const objects of SAMPLES) {
      const pods = new Map(
        byKind(objects, 'Pod').map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]),
      );
      const pvcs = new Set(
        byKind(objects, 'PersistentVolumeClaim').map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
      );
      const volumes = byKind(objects, 'Volume', 'longhorn.io/v1beta2');
      expect(volumes.length).toBeGreaterThanOrEqual(4);
      for (const v of volumes) {
        const ks = get(v, 'status', 'kubernetesStatus');
        expect(pvcs).toContain(`${get(ks, 'namespace')}/${get(ks, 'pvcName')}`);
        if (get(ks, 'lastPodRefAt') !== '') continue; // history, not live references
        const workloads = get(ks, 'workloadsStatus');
        expect(Array.isArray(workloads) && workloads.length > 0).toBe(true);
        for (const w of workloads as unknown[]) {
          const pod = pods.get(`${get(ks, 'namespace')}/${get(w, 'podName')}`);
          expect(pod, String(get(w, 'podName'))).toBeDefined();
          expect(get(w, 'podStatus')).toBe(get(pod, 'status', 'phase'));
          expect(get(w, 'workloadType')).toBe(pod?.metadata.ownerReferences?.[0]?.kind);
          expect(get(w, 'workloadName')).toBe(pod?.metadata.ownerReferences?.[0]?.name);
        }
      }
    }
  });

  it('backs every Ingress and Gateway TLS secret with a Certificate in front of a Service with pods', () => {
    const objects = SAMPLES[0] ?? [];
    const certs = new Map(
      byKind(objects, 'Certificate').map((c) => [
        `${c.metadata.namespace}/${get(c, 'spec', 'secretName')}`,
        c,
      ]),
    );
    const secrets: string[] = [];
    for (const ing of byKind(objects, 'Ingress')) {
      for (const tls of (get(ing, 'spec', 'tls') as unknown[]) ?? [])
        secrets.push(`${ing.metadata.namespace}/${get(tls, 'secretName')}`);
      const backend = String(get(ing, 'spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'name'));
      find(objects, 'Service', backend, ing.metadata.namespace);
    }
    for (const gw of byKind(objects, 'Gateway')) {
      for (const l of (get(gw, 'spec', 'listeners') as unknown[]) ?? []) {
        for (const ref of (get(l, 'tls', 'certificateRefs') as unknown[]) ?? [])
          secrets.push(`${gw.metadata.namespace}/${get(ref, 'name')}`);
      }
    }
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    for (const secret of secrets) expect(certs.has(secret), secret).toBe(true);
    for (const route of byKind(objects, 'HTTPRoute'))
      find(
        objects,
        'Service',
        String(get(route, 'spec', 'rules', 0, 'backendRefs', 0, 'name')),
        route.metadata.namespace,
      );
  });

  it('contains a believable small production cluster', () => {
    const objects = SAMPLES[0] ?? [];
    const nodes = byKind(objects, 'Node', 'v1');
    const info = (n: KubeObject, f: string) => String(get(n, 'status', 'nodeInfo', f));
    expect(nodes.length).toBeGreaterThanOrEqual(4);
    expect(nodes.filter((n) => /^Talos \(v[\d.]+\)$/.test(info(n, 'osImage'))).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(
      nodes.filter((n) => /^NixOS \d\d\.\d\d \(\w+\)$/.test(info(n, 'osImage'))).length,
    ).toBeGreaterThanOrEqual(2);
    expect(nodes.some((n) => info(n, 'architecture') === 'arm64')).toBe(true);
    expect(new Set(nodes.map((n) => info(n, 'kubeletVersion'))).size).toBeGreaterThan(1);
    const cp = nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === '');
    expect(get(cp, 'spec', 'taints', 0, 'key')).toBe('node-role.kubernetes.io/control-plane');
    for (const n of nodes)
      for (const t of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'])
        expect(conditionOf(n, t)).toBeDefined();
    expect(byKind(objects, 'Namespace').length).toBeGreaterThanOrEqual(4);
    const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind));
    expect(workloads.length).toBeGreaterThanOrEqual(12);
    expect(
      byKind(objects, 'Pod').some((p) => get(p, 'spec', 'volumes', 0, 'persistentVolumeClaim', 'claimName')),
    ).toBe(true);
    const provisioners = new Set(byKind(objects, 'StorageClass').map((sc) => sc.provisioner));
    expect(provisioners).toContain('driver.longhorn.io');
    expect(provisioners).toContain('rook-ceph.rbd.csi.ceph.com');
    const cnps = byKind(objects, 'CiliumNetworkPolicy');
    expect(cnps.some((p) => get(p, 'spec', 'egressDeny') !== undefined)).toBe(true);
    expect(byKind(objects, 'CiliumClusterwideNetworkPolicy')).toHaveLength(1);
    expect(byKind(objects, 'NetworkPolicy')).toHaveLength(1);
    const identities = byKind(objects, 'CiliumIdentity');
    for (const id of identities)
      expect(strings(Object.keys(get(id, 'security-labels') as object))).toContain(
        'k8s:io.kubernetes.pod.namespace',
      );
  });

  it('binds every PVC to a PV of the same storage class and claim', () => {
    const objects = SAMPLES[0] ?? [];
    for (const pvc of byKind(objects, 'PersistentVolumeClaim')) {
      const pv = find(objects, 'PersistentVolume', String(get(pvc, 'spec', 'volumeName')));
      expect(get(pv, 'spec', 'claimRef', 'name')).toBe(pvc.metadata.name);
      expect(get(pv, 'spec', 'claimRef', 'uid')).toBe(pvc.metadata.uid);
      expect(get(pv, 'spec', 'storageClassName')).toBe(get(pvc, 'spec', 'storageClassName'));
    }
  });
});

describe('timestamps', () => {
  /** Fields that legitimately lie in the future. */
  const FUTURE_OK = new Set(['notAfter', 'renewalTime']);

  function walk(value: unknown, keyName: string, out: [string, string][]): void {
    if (typeof value === 'string') {
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value)) out.push([keyName, value]);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, keyName, out);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k, out);
    }
  }

  it('never puts a timestamp in the future (except certificate expiry and renewal)', () => {
    const sc = scenario();
    const instants = [
      0, 1_000, 45_000, 46_000, 150_500, 190_500, 270_000, 270_500, 285_500, 300_500, 345_500, 360_500,
      599_000,
    ];
    const problems: string[] = [];
    for (const t of instants) {
      const now = T0 + t;
      for (const o of sc.objectsAt(now)) {
        const stamps: [string, string][] = [];
        walk(o, '', stamps);
        for (const [k, v] of stamps)
          if (!FUTURE_OK.has(k) && Date.parse(v) > now)
            problems.push(`t=${t / 1000}s ${o.kind} ${o.metadata.name} ${k}=${v}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
