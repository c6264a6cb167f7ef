import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../../demo/kube-api/index';
import { KubeConfigError, loadKubeConfig } from './kubeconfig';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skymap-kubeconfig-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function errorOf(result: ReturnType<typeof loadKubeConfig>): KubeConfigError {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('loadKubeConfig', () => {
  it('loads the demo kubeconfig written by writeKubeconfig', async () => {
    const path = join(dir, 'demo.yaml');
    await writeKubeconfig(path, 'http://127.0.0.1:1234');
    const result = loadKubeConfig({ kind: 'file', path });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.server).toBe('http://127.0.0.1:1234');
    expect(result.context).toBe('skymap-demo');
    expect(result.kubeConfig.getCurrentCluster()?.skipTLSVerify).toBe(true);
  });

  it('names the setting and the errno for a missing file, without a stack trace', () => {
    const error = errorOf(loadKubeConfig({ kind: 'file', path: '/x/missing' }));
    expect(error).toBeInstanceOf(KubeConfigError);
    expect(error.message).toBe('KUBECONFIG: cannot read /x/missing: ENOENT');
    expect(error.setting).toBe('KUBECONFIG');
    expect(error.stack).toBe('KubeConfigError: KUBECONFIG: cannot read /x/missing: ENOENT');
    const custom = errorOf(
      loadKubeConfig({ kind: 'file', path: '/x/missing', setting: 'SKYMAP_KUBECONFIG' }),
    );
    expect(custom.message).toMatch(/^SKYMAP_KUBECONFIG: cannot read/);
  });

  it('rejects invalid YAML and configs without a usable context', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'clusters: [\n  - : : :');
    expect(errorOf(loadKubeConfig({ kind: 'file', path: broken })).message).toMatch(
      /^KUBECONFIG: .*broken\.yaml is not a valid kubeconfig: /,
    );
    const empty = join(dir, 'empty.yaml');
    await writeFile(empty, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    expect(errorOf(loadKubeConfig({ kind: 'file', path: empty })).message).toMatch(
      /has no usable current-context/,
    );
  });

  it('explains that plain http needs insecure-skip-tls-verify', async () => {
    const path = join(dir, 'http.yaml');
    await writeFile(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "http://127.0.0.1:8080"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: x, context: {cluster: c, user: u}}]',
        'current-context: x',
      ].join('\n'),
    );
    expect(errorOf(loadKubeConfig({ kind: 'file', path })).message).toBe(
      `KUBECONFIG: ${path}: cluster "c" uses http:// without insecure-skip-tls-verify: true`,
    );
  });

  it('in-cluster: reports the missing environment or files, and builds a token-file config', async () => {
    expect(errorOf(loadKubeConfig({ kind: 'in-cluster' }, { env: {} })).message).toMatch(
      /^in-cluster: KUBERNETES_SERVICE_HOST\/KUBERNETES_SERVICE_PORT are not set/,
    );
    const sa = join(dir, 'sa');
    await mkdir(sa, { recursive: true });
    const env = { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' };
    expect(errorOf(loadKubeConfig({ kind: 'in-cluster' }, { env, serviceAccountDir: sa })).message).toBe(
      `in-cluster: cannot read service account token ${join(sa, 'token')}: ENOENT`,
    );
    await writeFile(join(sa, 'token'), 'token');
    await writeFile(join(sa, 'ca.crt'), 'ca');
    await writeFile(join(sa, 'namespace'), 'skymap\n');
    const result = loadKubeConfig({ kind: 'in-cluster' }, { env, serviceAccountDir: sa });
    expect(result.ok && result.server).toBe('https://[fd00::1]:443');
    if (result.ok) {
      expect(result.kubeConfig.getContextObject('inClusterContext')?.namespace).toBe('skymap');
      expect(result.kubeConfig.getCurrentUser()?.authProvider?.config?.tokenFile).toBe(join(sa, 'token'));
    }
  });

  it('default: honours KUBECONFIG, then ~/.kube/config, and says when nothing is found', async () => {
    const path = join(dir, 'from-env.yaml');
    await writeKubeconfig(path, 'http://127.0.0.1:4321');
    const fromEnv = loadKubeConfig({ kind: 'default' }, { env: { KUBECONFIG: path } });
    expect(fromEnv.ok && fromEnv.server).toBe('http://127.0.0.1:4321');
    expect(errorOf(loadKubeConfig({ kind: 'default' }, { env: { KUBECONFIG: '/nope' } })).message).toBe(
      'KUBECONFIG: cannot read /nope: ENOENT',
    );
    const home = join(dir, 'home');
    await writeKubeconfig(join(home, '.kube', 'config'), 'http://127.0.0.1:5555');
    const fromHome = loadKubeConfig({ kind: 'default' }, { env: {}, homeDir: home });
    expect(fromHome.ok && fromHome.server).toBe('http://127.0.0.1:5555');
    expect(
      errorOf(loadKubeConfig({ kind: 'default' }, { env: {}, homeDir: join(dir, 'nobody') })).message,
    ).toMatch(/^kubeconfig: none found/);
  });
});
