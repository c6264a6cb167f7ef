// The deployment variants the tests render: every overlay, plus compositions of components the way
// docs/install.md tells people to combine them.
import path from 'node:path';
import {
  type Container,
  DEPLOY_DIR,
  type Deployment,
  type K8sObject,
  ofKind,
  renderComposition,
  renderKustomization,
} from './deploy-kustomize';

export interface Variant {
  readonly name: string;
  readonly namespace: string;
  readonly rbac: 'cluster' | 'namespaced';
  readonly relayTls: boolean;
  readonly oauth2Proxy: boolean;
  /** Creates its Namespace object (only when installing into a namespace of its own). */
  readonly ownsNamespace: boolean;
  readonly render: (kubectl: string) => K8sObject[];
}

const DELETE_NAMESPACE = [
  'patches:',
  '  - patch: |-',
  '      $patch: delete',
  '      apiVersion: v1',
  '      kind: Namespace',
  '      metadata:',
  '        name: skymap',
].join('\n');

const overlay = (dir: string) => (kubectl: string) =>
  renderKustomization(kubectl, path.join(DEPLOY_DIR, dir));

export const VARIANTS: readonly Variant[] = [
  {
    name: 'base',
    namespace: 'skymap',
    rbac: 'cluster',
    relayTls: false,
    oauth2Proxy: false,
    ownsNamespace: true,
    render: overlay('base'),
  },
  {
    name: 'overlays/relay-tls',
    namespace: 'kube-system',
    rbac: 'cluster',
    relayTls: true,
    oauth2Proxy: false,
    ownsNamespace: false,
    render: overlay('overlays/relay-tls'),
  },
  {
    name: 'overlays/oauth2-proxy',
    namespace: 'skymap',
    rbac: 'cluster',
    relayTls: false,
    oauth2Proxy: true,
    ownsNamespace: true,
    render: overlay('overlays/oauth2-proxy'),
  },
  {
    name: 'overlays/namespaced',
    namespace: 'skymap',
    rbac: 'namespaced',
    relayTls: false,
    oauth2Proxy: false,
    ownsNamespace: false,
    render: overlay('overlays/namespaced'),
  },
  {
    name: 'components relay-tls + oauth2-proxy + talos-api-access in kube-system',
    namespace: 'kube-system',
    rbac: 'cluster',
    relayTls: true,
    oauth2Proxy: true,
    ownsNamespace: false,
    render: (kubectl) =>
      renderComposition(kubectl, {
        namespace: 'kube-system',
        components: ['relay-tls', 'oauth2-proxy', 'talos-api-access'],
        body: DELETE_NAMESPACE,
      }),
  },
  {
    name: 'components namespaced + oauth2-proxy in team-a',
    namespace: 'team-a',
    rbac: 'namespaced',
    relayTls: false,
    oauth2Proxy: true,
    ownsNamespace: false,
    render: (kubectl) =>
      renderComposition(kubectl, {
        namespace: 'team-a',
        components: ['namespaced', 'oauth2-proxy'],
        body: DELETE_NAMESPACE,
      }),
  },
];

/** The one Skymap Deployment of a render and its `skymap` container (throws if either is missing). */
export function skymapWorkload(objects: readonly K8sObject[]): { deployment: Deployment; skymap: Container } {
  const deployments = ofKind<Deployment>(objects, 'Deployment');
  const deployment = deployments.find((d) => d.metadata.name === 'skymap');
  if (deployments.length !== 1 || deployment === undefined) {
    throw new Error(`expected exactly one Deployment "skymap", found ${deployments.length}`);
  }
  const skymap = deployment.spec.template.spec.containers.find((c) => c.name === 'skymap');
  if (skymap === undefined) throw new Error('Deployment "skymap" has no container "skymap"');
  return { deployment, skymap };
}
