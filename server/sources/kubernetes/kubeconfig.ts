import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export type KubeConfigSource =
  /** `setting` names where the path came from, for the error message (default `KUBECONFIG`). */
  { kind: 'file'; path: string; setting?: string } | { kind: 'in-cluster' } | { kind: 'default' };

/** A configuration problem, worded for an operator: `<setting>: <what is wrong>`; never a stack trace. */
export class KubeConfigError extends Error {
  override readonly name = 'KubeConfigError';

  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`${setting}: ${detail}`);
    this.stack = `${this.name}: ${this.message}`;
  }
}

export type LoadKubeConfigResult =
  | { ok: true; kubeConfig: KubeConfig; server: string; context: string }
  | { ok: false; error: KubeConfigError };

export interface LoadKubeConfigDeps {
  env?: Readonly<Record<string, string | undefined>>;
  /** Directory holding the projected `token`, `ca.crt` and `namespace`. */
  serviceAccountDir?: string;
  homeDir?: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function errorCode(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return firstLine(error);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() || 'unknown error';
}

function readable(path: string): string | undefined {
  try {
    readFileSync(path);
    return undefined;
  } catch (error) {
    return errorCode(error);
  }
}

function fail(setting: string, detail: string): LoadKubeConfigResult {
  return { ok: false, error: new KubeConfigError(setting, detail) };
}

function validate(kc: KubeConfig, setting: string, origin: string): LoadKubeConfigResult {
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    return fail(setting, `${origin} has no usable current-context${context ? ` ("${context}")` : ''}`);
  }
  if (!cluster.server) return fail(setting, `${origin}: cluster "${cluster.name}" has no server URL`);
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    // client-node 1.x refuses plain http unless the cluster says insecure-skip-tls-verify.
    return fail(
      setting,
      `${origin}: cluster "${cluster.name}" uses http:// without insecure-skip-tls-verify: true`,
    );
  }
  return { ok: true, kubeConfig: kc, server: cluster.server, context };
}

function fromFiles(paths: readonly string[], setting: string): LoadKubeConfigResult {
  const kc = new KubeConfig();
  for (const [index, path] of paths.entries()) {
    const problem = readable(path);
    if (problem) return fail(setting, `cannot read ${path}: ${problem}`);
    try {
      if (index === 0) {
        kc.loadFromFile(path);
      } else {
        const more = new KubeConfig();
        more.loadFromFile(path);
        kc.mergeConfig(more, true);
      }
    } catch (error) {
      return fail(setting, `${path} is not a valid kubeconfig: ${firstLine(error)}`);
    }
  }
  return validate(kc, setting, paths.join(':'));
}

function inCluster(deps: LoadKubeConfigDeps): LoadKubeConfigResult {
  const env = deps.env ?? process.env;
  const dir = deps.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    return fail(
      'in-cluster',
      'KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not set (not running in a pod?)',
    );
  }
  const tokenFile = join(dir, 'token');
  const tokenProblem = readable(tokenFile);
  if (tokenProblem)
    return fail('in-cluster', `cannot read service account token ${tokenFile}: ${tokenProblem}`);
  const caFile = join(dir, 'ca.crt');
  const caProblem = readable(caFile);
  if (caProblem) return fail('in-cluster', `cannot read cluster CA ${caFile}: ${caProblem}`);
  let namespace: string | undefined;
  try {
    namespace = readFileSync(join(dir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
  const scheme = ['80', '8080', '8001'].includes(port) ? 'http' : 'https';
  const server = `${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}`;
  const kc = new KubeConfig();
  // Same shape as client-node's loadFromCluster, but from injectable env/paths. The token is read
  // through the tokenFile auth provider on every request, so projected-token rotation keeps working.
  kc.loadFromOptions({
    clusters: [{ name: 'inCluster', server, caFile, skipTLSVerify: false }],
    users: [{ name: 'inClusterUser', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser', namespace }],
    currentContext: 'inClusterContext',
  });
  return { ok: true, kubeConfig: kc, server, context: 'inClusterContext' };
}

function fromDefault(deps: LoadKubeConfigDeps): LoadKubeConfigResult {
  const env = deps.env ?? process.env;
  const fromEnv = (env.KUBECONFIG ?? '').split(':').filter((path) => path !== '');
  if (fromEnv.length > 0) return fromFiles(fromEnv, 'KUBECONFIG');
  const home = deps.homeDir ?? env.HOME ?? env.USERPROFILE;
  if (home) {
    const path = join(home, '.kube', 'config');
    if (readable(path) === undefined) return fromFiles([path], '~/.kube/config');
  }
  if (env.KUBERNETES_SERVICE_HOST) return inCluster(deps);
  return fail(
    'kubeconfig',
    'none found (KUBECONFIG is unset, ~/.kube/config does not exist and KUBERNETES_SERVICE_HOST is not set)',
  );
}

/** Resolves a KubeConfig without throwing; every failure names the setting to fix. */
export function loadKubeConfig(
  source: KubeConfigSource,
  deps: LoadKubeConfigDeps = {},
): LoadKubeConfigResult {
  switch (source.kind) {
    case 'file':
      return fromFiles([source.path], source.setting ?? 'KUBECONFIG');
    case 'in-cluster':
      return inCluster(deps);
    case 'default':
      return fromDefault(deps);
  }
  return fail('kubeconfig', `unknown source ${JSON.stringify(source)}`);
}
