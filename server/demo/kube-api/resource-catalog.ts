// Resource definitions the demo cluster can serve, with the names, scopes and short names the real
// APIs/CRDs use (see shared/k8s/objects-facts.md), so kubectl and Skymap's informers see a familiar API.

import type { ApiResourceSpec, PrinterColumn } from './types';

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

function resource(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<Pick<ApiResourceSpec, 'shortNames' | 'categories' | 'printerColumns'>> = {},
): ApiResourceSpec {
  return {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    listKind: `${kind}List`,
    ...extra,
  };
}

const str = (name: string, jsonPath: string, priority = 0): PrinterColumn => ({
  name,
  type: 'string',
  jsonPath,
  priority,
});

export const CORE_RESOURCES: readonly ApiResourceSpec[] = [
  resource('', 'v1', 'Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    printerColumns: [str('Status', '.status.phase'), AGE],
  }),
  resource('', 'v1', 'Node', 'nodes', false, { shortNames: ['no'] }),
  resource('', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], categories: ['all'] }),
  resource('', 'v1', 'Service', 'services', true, {
    shortNames: ['svc'],
    categories: ['all'],
    printerColumns: [str('Type', '.spec.type'), str('Cluster-IP', '.spec.clusterIP'), AGE],
  }),
  resource('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, {
    shortNames: ['pvc'],
    printerColumns: [
      str('Status', '.status.phase'),
      str('Volume', '.spec.volumeName'),
      str('Capacity', '.status.capacity.storage'),
      str('StorageClass', '.spec.storageClassName'),
      AGE,
    ],
  }),
  resource('', 'v1', 'PersistentVolume', 'persistentvolumes', false, {
    shortNames: ['pv'],
    printerColumns: [
      str('Capacity', '.spec.capacity.storage'),
      str('Reclaim Policy', '.spec.persistentVolumeReclaimPolicy'),
      str('Status', '.status.phase'),
      str('StorageClass', '.spec.storageClassName'),
      AGE,
    ],
  }),
  resource('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  resource('apps', 'v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: ['all'] }),
  resource('apps', 'v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: ['all'] }),
  resource('apps', 'v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: ['all'] }),
  resource('apps', 'v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: ['all'] }),
  resource('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
  resource('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, {
    shortNames: ['ing'],
    printerColumns: [str('Class', '.spec.ingressClassName'), AGE],
  }),
  resource('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  resource('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'] }),
  resource('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, {
    shortNames: ['sc'],
    printerColumns: [str('Provisioner', '.provisioner'), str('ReclaimPolicy', '.reclaimPolicy'), AGE],
  }),
  resource('storage.k8s.io', 'v1', 'VolumeAttachment', 'volumeattachments', false),
  resource('storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', false),
];

export const GATEWAY_API_RESOURCES: readonly ApiResourceSpec[] = [
  resource('gateway.networking.k8s.io', 'v1', 'GatewayClass', 'gatewayclasses', false, {
    shortNames: ['gc'],
  }),
  resource('gateway.networking.k8s.io', 'v1', 'Gateway', 'gateways', true, { shortNames: ['gtw'] }),
  resource('gateway.networking.k8s.io', 'v1', 'HTTPRoute', 'httproutes', true),
  resource('gateway.networking.k8s.io', 'v1', 'GRPCRoute', 'grpcroutes', true),
];

const READY = '.status.conditions[?(@.type=="Ready")]';

export const CERT_MANAGER_RESOURCES: readonly ApiResourceSpec[] = [
  resource('cert-manager.io', 'v1', 'Certificate', 'certificates', true, {
    shortNames: ['cert', 'certs'],
    categories: ['cert-manager'],
    printerColumns: [
      str('Ready', `${READY}.status`),
      str('Secret', '.spec.secretName'),
      str('Issuer', '.spec.issuerRef.name', 1),
      str('Status', `${READY}.message`, 1),
      AGE,
      { name: 'Expiration', type: 'string', jsonPath: '.status.notAfter', priority: 1 },
    ],
  }),
  resource('cert-manager.io', 'v1', 'CertificateRequest', 'certificaterequests', true, {
    shortNames: ['cr', 'crs'],
    categories: ['cert-manager'],
    printerColumns: [str('Ready', `${READY}.status`), str('Issuer', '.spec.issuerRef.name'), AGE],
  }),
  resource('cert-manager.io', 'v1', 'Issuer', 'issuers', true, {
    shortNames: ['iss'],
    categories: ['cert-manager'],
    printerColumns: [str('Ready', `${READY}.status`), str('Status', `${READY}.message`, 1), AGE],
  }),
  resource('cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', false, {
    shortNames: ['ciss'],
    categories: ['cert-manager'],
    printerColumns: [str('Ready', `${READY}.status`), str('Status', `${READY}.message`, 1), AGE],
  }),
];

export const LONGHORN_RESOURCES: readonly ApiResourceSpec[] = [
  resource('longhorn.io', 'v1beta2', 'Volume', 'volumes', true, {
    shortNames: ['lhv'],
    categories: ['longhorn'],
    printerColumns: [
      str('State', '.status.state'),
      str('Robustness', '.status.robustness'),
      str('Size', '.spec.size'),
      str('Node', '.status.currentNodeID'),
      AGE,
    ],
  }),
  resource('longhorn.io', 'v1beta2', 'Replica', 'replicas', true, {
    shortNames: ['lhr'],
    categories: ['longhorn'],
    printerColumns: [str('State', '.status.currentState'), str('Node', '.spec.nodeID'), AGE],
  }),
  resource('longhorn.io', 'v1beta2', 'Engine', 'engines', true, {
    shortNames: ['lhe'],
    categories: ['longhorn'],
  }),
  resource('longhorn.io', 'v1beta2', 'Node', 'nodes', true, {
    shortNames: ['lhn'],
    categories: ['longhorn'],
  }),
];

export const ROOK_CEPH_RESOURCES: readonly ApiResourceSpec[] = [
  resource('ceph.rook.io', 'v1', 'CephCluster', 'cephclusters', true, {
    shortNames: ['ceph'],
    printerColumns: [
      str('DataDirHostPath', '.spec.dataDirHostPath'),
      { name: 'MonCount', type: 'string', jsonPath: '.spec.mon.count' },
      AGE,
      str('Phase', '.status.phase'),
      str('Message', '.status.message'),
      str('Health', '.status.ceph.health'),
      str('FSID', '.status.ceph.fsid', 1),
    ],
  }),
  resource('ceph.rook.io', 'v1', 'CephBlockPool', 'cephblockpools', true, {
    shortNames: ['cephbp'],
    printerColumns: [str('Phase', '.status.phase'), str('Type', '.status.info.type'), AGE],
  }),
  resource('ceph.rook.io', 'v1', 'CephFilesystem', 'cephfilesystems', true, {
    shortNames: ['cephfs'],
    printerColumns: [str('Phase', '.status.phase'), AGE],
  }),
];

const VALID = str('Valid', '.status.conditions[?(@.type=="Valid")].status');

export const CILIUM_RESOURCES: readonly ApiResourceSpec[] = [
  resource('cilium.io', 'v2', 'CiliumNetworkPolicy', 'ciliumnetworkpolicies', true, {
    shortNames: ['cnp', 'ciliumnp'],
    categories: ['cilium', 'ciliumpolicy'],
    printerColumns: [AGE, VALID],
  }),
  resource('cilium.io', 'v2', 'CiliumClusterwideNetworkPolicy', 'ciliumclusterwidenetworkpolicies', false, {
    shortNames: ['ccnp'],
    categories: ['cilium', 'ciliumpolicy'],
    printerColumns: [AGE, VALID],
  }),
  resource('cilium.io', 'v2', 'CiliumEndpoint', 'ciliumendpoints', true, {
    shortNames: ['cep', 'ciliumep'],
    categories: ['cilium'],
    printerColumns: [
      { name: 'Security Identity', type: 'integer', jsonPath: '.status.identity.id' },
      str('Endpoint State', '.status.state'),
      str('IPv4', '.status.networking.addressing[0].ipv4'),
    ],
  }),
  resource('cilium.io', 'v2', 'CiliumIdentity', 'ciliumidentities', false, {
    shortNames: ['ciliumid'],
    categories: ['cilium'],
  }),
  resource('cilium.io', 'v2', 'CiliumNode', 'ciliumnodes', false, {
    shortNames: ['cn', 'ciliumn'],
    categories: ['cilium'],
  }),
];

export const DEMO_RESOURCES: readonly ApiResourceSpec[] = [
  ...CORE_RESOURCES,
  ...GATEWAY_API_RESOURCES,
  ...CERT_MANAGER_RESOURCES,
  ...LONGHORN_RESOURCES,
  ...ROOK_CEPH_RESOURCES,
  ...CILIUM_RESOURCES,
];
