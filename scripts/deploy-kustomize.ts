// Renders the kustomizations under deploy/kubernetes with the real `kubectl kustomize` and gives tests
// typed views of the result. Compositions of components are rendered from a temporary kustomization.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const DEPLOY_DIR = path.resolve(__dirname, '../deploy/kubernetes');

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string; readonly optional?: boolean };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
    readonly fieldRef?: { readonly fieldPath: string };
  };
}

export interface Probe {
  readonly httpGet?: { readonly path: string; readonly port: string | number };
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly args?: readonly string[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readonly ports?: readonly { name?: string; containerPort: number }[];
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly startupProbe?: Probe;
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string>>;
    readonly limits?: Readonly<Record<string, string>>;
  };
  readonly securityContext?: {
    readonly runAsNonRoot?: boolean;
    readonly allowPrivilegeEscalation?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
    readonly privileged?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
    readonly seccompProfile?: { readonly type: string };
  };
  readonly volumeMounts?: readonly { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface KeyToPath {
  readonly key: string;
  readonly path: string;
}

export interface Volume {
  readonly name: string;
  readonly emptyDir?: Readonly<Record<string, unknown>>;
  readonly secret?: {
    readonly secretName: string;
    readonly optional?: boolean;
    readonly items?: KeyToPath[];
  };
  readonly projected?: {
    readonly sources: readonly { secret?: { name: string; items?: KeyToPath[] } }[];
  };
}

export interface PodSpec {
  readonly serviceAccountName?: string;
  readonly enableServiceLinks?: boolean;
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: {
    readonly runAsNonRoot?: boolean;
    readonly runAsUser?: number;
    readonly runAsGroup?: number;
    readonly seccompProfile?: { readonly type: string };
  };
  readonly containers: readonly Container[];
  readonly volumes?: readonly Volume[];
}

export interface Deployment extends K8sObject {
  readonly spec: {
    readonly replicas?: number;
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly template: {
      readonly metadata: { readonly labels: Readonly<Record<string, string>> };
      readonly spec: PodSpec;
    };
  };
}

export interface Service extends K8sObject {
  readonly spec: {
    readonly selector: Readonly<Record<string, string>>;
    readonly ports: readonly { name?: string; port: number; targetPort?: string | number }[];
  };
}

export interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface RoleObject extends K8sObject {
  readonly rules: readonly PolicyRule[];
}

export interface BindingObject extends K8sObject {
  readonly roleRef: { readonly apiGroup: string; readonly kind: string; readonly name: string };
  readonly subjects: readonly { kind: string; name: string; namespace?: string }[];
}

/** `kubectl` (which embeds kustomize) if it runs here; undefined otherwise. */
export function findKubectl(): string | undefined {
  const bin = process.env.KUBECTL ?? 'kubectl';
  const probe = spawnSync(bin, ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
  return probe.status === 0 ? bin : undefined;
}

function isObject(value: unknown): value is K8sObject {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const meta = v.metadata as Record<string, unknown> | undefined;
  return typeof v.apiVersion === 'string' && typeof v.kind === 'string' && typeof meta?.name === 'string';
}

/** Runs `kubectl kustomize <dir>` and parses every document; any error names the directory. */
export function renderKustomization(kubectl: string, dir: string): K8sObject[] {
  const run = spawnSync(kubectl, ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0)
    throw new Error(`kubectl kustomize ${dir} failed: ${run.stderr || run.error?.message}`);
  return parseAllDocuments(run.stdout).map((doc, index) => {
    if (doc.errors.length > 0) throw new Error(`${dir}: document ${index}: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (!isObject(value))
      throw new Error(`${dir}: document ${index} lacks apiVersion, kind or metadata.name`);
    return value;
  });
}

/**
 * Renders a kustomization assembled on the fly (base + components + namespace), as a user combining
 * components would write it. `body` is YAML placed after the generated `resources`/`components`.
 */
export function renderComposition(
  kubectl: string,
  composition: { namespace: string; components: readonly string[]; body?: string },
): K8sObject[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skymap-kustomize-'));
  try {
    const rel = (p: string) => path.relative(dir, path.join(DEPLOY_DIR, p));
    const lines = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namespace: ${composition.namespace}`,
      'resources:',
      `  - ${rel('base')}`,
      'components:',
      ...composition.components.map((c) => `  - ${rel(`components/${c}`)}`),
      composition.body ?? '',
    ];
    writeFileSync(path.join(dir, 'kustomization.yaml'), `${lines.join('\n')}\n`);
    return renderKustomization(kubectl, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ofKind<T extends K8sObject>(objects: readonly K8sObject[], kind: string): T[] {
  return objects.filter((o) => o.kind === kind) as T[];
}

export function envOf(container: Container, name: string): EnvVar | undefined {
  return container.env?.find((e) => e.name === name);
}
