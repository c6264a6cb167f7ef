// Renders every kustomize variant with the real kubectl and checks what an API server and a
// demanding reviewer would: kinds and API versions, namespaces, references that resolve, the pod's
// security settings, probes, authentication, and each overlay's specific promise.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuthSettings } from '../server/auth/settings';
import { parseHostPort } from '../server/runtime/config';
import {
  type BindingObject,
  type Container,
  envOf,
  findKubectl,
  type K8sObject,
  ofKind,
  type Service,
  type Volume,
} from './deploy-kustomize';
import { skymapWorkload, VARIANTS, type Variant } from './deploy-variants';

const kubectl = findKubectl();
if (!kubectl) console.warn('deploy-manifests: kubectl not found; skipping the kustomize render tests');

const INSTALL_DOC = readFileSync(path.resolve(__dirname, '../docs/install.md'), 'utf8');
const VERSION = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string }
).version;

const API_VERSIONS: Record<string, { apiVersion: string; namespaced: boolean }> = {
  Namespace: { apiVersion: 'v1', namespaced: false },
  ServiceAccount: { apiVersion: 'v1', namespaced: true },
  Service: { apiVersion: 'v1', namespaced: true },
  ConfigMap: { apiVersion: 'v1', namespaced: true },
  Deployment: { apiVersion: 'apps/v1', namespaced: true },
  ClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true },
};
// Talos' own ServiceAccount kind (talos-api-access component) shares a kind name with core's.
const TALOS_SA = 'talos.dev/v1alpha1';

function checkContainerHardening(c: Container, pod: string): void {
  const sc = c.securityContext;
  expect(sc?.allowPrivilegeEscalation, `${pod}/${c.name} allowPrivilegeEscalation`).toBe(false);
  expect(sc?.readOnlyRootFilesystem, `${pod}/${c.name} readOnlyRootFilesystem`).toBe(true);
  expect(sc?.runAsNonRoot, `${pod}/${c.name} runAsNonRoot`).toBe(true);
  expect(sc?.privileged ?? false).toBe(false);
  expect(sc?.capabilities?.drop, `${pod}/${c.name} drops capabilities`).toContain('ALL');
  expect(sc?.capabilities?.add ?? []).toEqual([]);
  expect(sc?.seccompProfile?.type).toBe('RuntimeDefault');
  expect(c.image, `${c.name} image`).toMatch(/\S/);
  expect(c.resources?.requests?.cpu, `${c.name} cpu request`).toBeDefined();
  expect(c.resources?.requests?.memory, `${c.name} memory request`).toBeDefined();
  expect(c.resources?.limits?.memory, `${c.name} memory limit`).toBeDefined();
  const envNames = (c.env ?? []).map((e) => e.name);
  expect(new Set(envNames).size, `${c.name} has duplicate env names`).toBe(envNames.length);
  const portNames = new Set((c.ports ?? []).map((p) => p.name));
  for (const probe of [c.livenessProbe, c.readinessProbe]) {
    expect(probe?.httpGet, `${c.name} liveness and readiness probes`).toBeDefined();
    expect(portNames.has(String(probe?.httpGet?.port)), `${c.name} probe port`).toBe(true);
  }
}

function secretNames(volumes: readonly Volume[], containers: readonly Container[]): string[] {
  const names = new Set<string>();
  for (const v of volumes) {
    if (v.secret) names.add(v.secret.secretName);
    for (const source of v.projected?.sources ?? []) if (source.secret) names.add(source.secret.name);
  }
  for (const c of containers) {
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) names.add(e.valueFrom.secretKeyRef.name);
    for (const e of c.envFrom ?? []) if (e.secretRef) names.add(e.secretRef.name);
  }
  return [...names].sort();
}

/** The container's environment as the kubelet would resolve it (Secret values are stand-ins). */
function resolvedEnv(c: Container, objects: readonly K8sObject[], namespace: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (e.value !== undefined) env[e.name] = e.value;
    else if (from?.secretKeyRef)
      env[e.name] = `secret-${from.secretKeyRef.name}-${from.secretKeyRef.key}-0123456789`;
    else if (from?.fieldRef?.fieldPath === 'metadata.namespace') env[e.name] = namespace;
    else if (from?.configMapKeyRef) {
      const cm = objects.find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name === from.configMapKeyRef?.name,
      );
      env[e.name] = String(
        (cm as { data?: Record<string, string> } | undefined)?.data?.[from.configMapKeyRef.key],
      );
    } else throw new Error(`env ${e.name}: no value this test can resolve`);
  }
  return env;
}

/** The file a projected or secret volume puts at `file` (mounted at `mountPath`), if any. */
function projectedFile(volume: Volume, mountPath: string, file: string): string | undefined {
  const rel = path.posix.relative(mountPath, file);
  const items = [
    ...(volume.secret?.items ?? []),
    ...(volume.projected?.sources ?? []).flatMap((s) => s.secret?.items ?? []),
  ];
  return items.find((i) => i.path === rel)?.key;
}

describe.skipIf(!kubectl)('kustomize renders', () => {
  describe.each(VARIANTS)('$name', (variant: Variant) => {
    const objects = kubectl ? variant.render(kubectl) : [];
    const find = (kind: string, name: string) =>
      objects.find((o) => o.kind === kind && o.metadata.name === name);

    it('renders known kinds with the right apiVersion and namespace, each once', () => {
      const ids = new Set<string>();
      for (const o of objects) {
        const id = `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        expect(ids.has(id), `duplicate ${id}`).toBe(false);
        ids.add(id);
        if (o.kind === 'ServiceAccount' && o.apiVersion === TALOS_SA) {
          expect(o.metadata.namespace).toBe(variant.namespace);
          continue;
        }
        const known = API_VERSIONS[o.kind];
        expect(known, `unexpected kind ${o.kind}`).toBeDefined();
        expect(o.apiVersion, `${o.kind} ${o.metadata.name}`).toBe(known?.apiVersion);
        expect(o.metadata.namespace, `${o.kind} ${o.metadata.name} namespace`).toBe(
          known?.namespaced ? variant.namespace : undefined,
        );
      }
      expect(ofKind(objects, 'Namespace').map((n) => n.metadata.name)).toEqual(
        variant.ownsNamespace ? [variant.namespace] : [],
      );
    });

    it('runs a hardened pod: non-root, read-only root, no capabilities, RuntimeDefault seccomp', () => {
      const { deployment } = skymapWorkload(objects);
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser ?? 0).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod.enableServiceLinks).toBe(false);
      for (const c of pod.containers) checkContainerHardening(c, deployment.metadata.name);
      const selector = deployment.spec.selector.matchLabels;
      expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
      expect(deployment.spec.replicas).toBe(1);
    });

    it("deploys this release's image tag", () => {
      expect(skymapWorkload(objects).skymap.image).toBe(`skymap:${VERSION}`);
    });

    it('probes /healthz for liveness and /readyz for readiness, on the port it listens on', () => {
      const { skymap } = skymapWorkload(objects);
      expect(skymap.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(skymap.readinessProbe?.httpGet?.path).toBe('/readyz?latched');
      const http = skymap.ports?.find((p) => p.name === 'http');
      expect(http?.containerPort).toBe(Number(envOf(skymap, 'PORT')?.value));
      // server.js binds HOSTNAME; unset, the runtime's pod-name value would bind only the pod IP.
      expect(envOf(skymap, 'HOSTNAME')?.value).toBe('0.0.0.0');
    });

    it('writes only to an emptyDir at /tmp and mounts every volume it declares', () => {
      const { deployment, skymap } = skymapWorkload(objects);
      const pod = deployment.spec.template.spec;
      const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
      const tmp = skymap.volumeMounts?.find((m) => m.mountPath === '/tmp');
      expect(tmp && volumes.get(tmp.name)?.emptyDir, '/tmp is an emptyDir').toBeDefined();
      const mounted = new Set(pod.containers.flatMap((c) => (c.volumeMounts ?? []).map((m) => m.name)));
      for (const c of pod.containers) {
        for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name), `volume ${m.name}`).toBe(true);
      }
      for (const name of volumes.keys()) expect(mounted.has(name), `unused volume ${name}`).toBe(true);
    });

    it('requires authentication when it listens beyond loopback', () => {
      const { skymap } = skymapWorkload(objects);
      expect(envOf(skymap, 'SKYMAP_HOST')?.value).toBe('0.0.0.0');
      const token = envOf(skymap, 'SKYMAP_AUTH_TOKEN');
      const header = envOf(skymap, 'SKYMAP_AUTH_PROXY_HEADER');
      if (variant.oauth2Proxy) {
        expect(token, 'the bearer token is removed behind oauth2-proxy').toBeUndefined();
        expect(header?.value).toBe('X-Forwarded-User');
        expect(envOf(skymap, 'SKYMAP_AUTH_PROXY_ADDRESSES')?.value).toBe('127.0.0.1/32');
      } else {
        expect(token?.valueFrom?.secretKeyRef).toEqual({ name: 'skymap-auth', key: 'token' });
        expect(header).toBeUndefined();
      }
    });

    it("passes Skymap's own start-up checks for binding and sign-in", () => {
      const { skymap } = skymapWorkload(objects);
      const env = resolvedEnv(skymap, objects, variant.namespace);
      const auth = parseAuthSettings(env);
      expect(auth.bindHost).toBe('0.0.0.0');
      expect(auth.token !== undefined || auth.proxy !== undefined).toBe(true);
      if (variant.oauth2Proxy) expect(auth.proxy?.userHeader).toBe('x-forwarded-user');
    });

    it('references only ConfigMaps it renders and Secrets that docs/install.md explains', () => {
      const { deployment } = skymapWorkload(objects);
      const pod = deployment.spec.template.spec;
      const configMaps = new Set(ofKind(objects, 'ConfigMap').map((c) => c.metadata.name));
      for (const c of pod.containers) {
        for (const e of c.envFrom ?? [])
          if (e.configMapRef) expect(configMaps).toContain(e.configMapRef.name);
        for (const e of c.env ?? []) {
          if (e.valueFrom?.configMapKeyRef) expect(configMaps).toContain(e.valueFrom.configMapKeyRef.name);
        }
      }
      for (const secret of secretNames(pod.volumes ?? [], pod.containers)) {
        expect(INSTALL_DOC, `docs/install.md explains Secret ${secret}`).toContain(`\`${secret}\``);
      }
    });

    it('routes its Service to a named container port of the pod', () => {
      const { deployment } = skymapWorkload(objects);
      const [service, ...others] = ofKind<Service>(objects, 'Service');
      expect(others).toEqual([]);
      expect(deployment.spec.template.metadata.labels).toMatchObject(
        service?.spec.selector ?? { missing: 'selector' },
      );
      const ports = deployment.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
      for (const p of service?.spec.ports ?? []) {
        expect(ports.map((cp) => cp.name)).toContain(p.targetPort);
      }
      expect(service?.spec.ports[0]?.targetPort).toBe(variant.oauth2Proxy ? 'proxy' : 'http');
    });

    it('binds its roles to its own ServiceAccount', () => {
      const bindings = [
        ...ofKind<BindingObject>(objects, 'ClusterRoleBinding'),
        ...ofKind<BindingObject>(objects, 'RoleBinding'),
      ];
      expect(bindings.length).toBeGreaterThan(0);
      const { deployment } = skymapWorkload(objects);
      const saName = deployment.spec.template.spec.serviceAccountName;
      expect(find('ServiceAccount', saName ?? '')?.metadata.namespace).toBe(variant.namespace);
      for (const b of bindings) {
        expect(find(b.roleRef.kind, b.roleRef.name), `${b.kind} ${b.metadata.name} role`).toBeDefined();
        expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: saName, namespace: variant.namespace }]);
      }
    });

    it('reaches Hubble Relay the way the variant promises', () => {
      const { deployment, skymap } = skymapWorkload(objects);
      const address = envOf(skymap, 'HUBBLE_RELAY_ADDR')?.value ?? '';
      expect(() => parseHostPort('HUBBLE_RELAY_ADDR', address)).not.toThrow();
      if (!variant.relayTls) {
        expect(address).toBe('hubble-relay.kube-system.svc.cluster.local:80');
        expect(envOf(skymap, 'HUBBLE_TLS_CA')).toBeUndefined();
        return;
      }
      expect(address).toBe('hubble-relay.kube-system.svc.cluster.local:443');
      expect(envOf(skymap, 'HUBBLE_TLS_SERVER_NAME')?.value).toMatch(
        /^[a-z0-9-]+\.hubble-relay\.cilium\.io$/,
      );
      const volumes = deployment.spec.template.spec.volumes ?? [];
      const expected = { HUBBLE_TLS_CA: 'ca.crt', HUBBLE_TLS_CERT: 'tls.crt', HUBBLE_TLS_KEY: 'tls.key' };
      for (const [setting, key] of Object.entries(expected)) {
        const file = envOf(skymap, setting)?.value ?? '';
        const mount = skymap.volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
        const volume = volumes.find((v) => v.name === mount?.name);
        expect(volume && mount && projectedFile(volume, mount.mountPath, file), `${setting} → ${file}`).toBe(
          key,
        );
        expect(mount?.readOnly).toBe(true);
      }
      expect(secretNames(volumes, [])).toContain('hubble-relay-client-certs');
    });

    it.runIf(variant.oauth2Proxy)('puts oauth2-proxy in front, talking to Skymap over loopback', () => {
      const { deployment, skymap } = skymapWorkload(objects);
      const proxy = deployment.spec.template.spec.containers.find((c) => c.name === 'oauth2-proxy');
      const port = envOf(skymap, 'PORT')?.value;
      expect(proxy?.args).toContain(`--upstream=http://127.0.0.1:${port}/`);
      const listen = proxy?.args
        ?.find((a) => a.startsWith('--http-address='))
        ?.split(':')
        .at(-1);
      expect(proxy?.ports?.find((p) => p.name === 'proxy')?.containerPort).toBe(Number(listen));
      const config = ofKind(objects, 'ConfigMap').find((c) =>
        c.metadata.name.startsWith('skymap-oauth2-proxy'),
      );
      expect((config as K8sObject & { data?: Record<string, string> }).data).toHaveProperty(
        'OAUTH2_PROXY_OIDC_ISSUER_URL',
      );
    });

    it.runIf(variant.rbac === 'namespaced')('limits itself to its namespace without cluster roles', () => {
      const { skymap } = skymapWorkload(objects);
      expect(ofKind(objects, 'ClusterRole')).toEqual([]);
      expect(ofKind(objects, 'ClusterRoleBinding')).toEqual([]);
      expect(envOf(skymap, 'SKYMAP_NAMESPACES')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.namespace');
    });
  });
});
