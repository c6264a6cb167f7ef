// API discovery data for every kind the scenario emits (built-in kinds and CRDs).
import type { ResourceDescriptor } from './types';

const r = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames: string[] = [],
): ResourceDescriptor => ({
  group,
  version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  shortNames,
  listKind: `${kind}List`,
});

export const RESOURCES: readonly ResourceDescriptor[] = [
  r('', 'v1', 'Namespace', 'namespaces', false, ['ns']),
  r('', 'v1', 'Node', 'nodes', false, ['no']),
  r('', 'v1', 'Pod', 'pods', true, ['po']),
  r('', 'v1', 'Service', 'services', true, ['svc']),
  r('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc']),
  r('', 'v1', 'PersistentVolume', 'persistentvolumes', false, ['pv']),
  r('apps', 'v1', 'Deployment', 'deployments', true, ['deploy']),
  r('apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs']),
  r('apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts']),
  r('apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds']),
  r('batch', 'v1', 'CronJob', 'cronjobs', true, ['cj']),
  r('batch', 'v1', 'Job', 'jobs', true),
  r('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
  r('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing']),
  r('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  r('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, ['netpol']),
  r('gateway.networking.k8s.io', 'v1', 'GatewayClass', 'gatewayclasses', false, ['gc']),
  r('gateway.networking.k8s.io', 'v1', 'Gateway', 'gateways', true, ['gtw']),
  r('gateway.networking.k8s.io', 'v1', 'HTTPRoute', 'httproutes', true),
  r('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, ['sc']),
  r('cert-manager.io', 'v1', 'Certificate', 'certificates', true, ['cert', 'certs']),
  r('cert-manager.io', 'v1', 'CertificateRequest', 'certificaterequests', true, ['cr', 'crs']),
  r('cert-manager.io', 'v1', 'Issuer', 'issuers', true, ['iss']),
  r('cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', false, ['ciss']),
  r('longhorn.io', 'v1beta2', 'Volume', 'volumes', true, ['lhv']),
  r('longhorn.io', 'v1beta2', 'Replica', 'replicas', true, ['lhr']),
  r('longhorn.io', 'v1beta2', 'Node', 'nodes', true, ['lhn']),
  r('ceph.rook.io', 'v1', 'CephCluster', 'cephclusters', true, ['ceph']),
  r('ceph.rook.io', 'v1', 'CephBlockPool', 'cephblockpools', true, ['cephbp']),
  r('ceph.rook.io', 'v1', 'CephFilesystem', 'cephfilesystems', true, ['cephfs']),
  r('cilium.io', 'v2', 'CiliumNetworkPolicy', 'ciliumnetworkpolicies', true, ['cnp', 'ciliumnp']),
  r('cilium.io', 'v2', 'CiliumClusterwideNetworkPolicy', 'ciliumclusterwidenetworkpolicies', false, ['ccnp']),
  r('cilium.io', 'v2', 'CiliumEndpoint', 'ciliumendpoints', true, ['cep', 'ciliumep']),
  r('cilium.io', 'v2', 'CiliumIdentity', 'ciliumidentities', false, ['ciliumid']),
];

export function apiVersionOf(d: ResourceDescriptor): string {
  return d.group === '' ? d.version : `${d.group}/${d.version}`;
}
