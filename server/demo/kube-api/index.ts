export { humanDuration } from './age';
export type { VersionInfo } from './discovery';
export { DEMO_CONTEXT, demoKubeconfig, writeKubeconfig } from './kubeconfig';
export {
  CERT_MANAGER_RESOURCES,
  CILIUM_RESOURCES,
  CORE_RESOURCES,
  DEMO_RESOURCES,
  GATEWAY_API_RESOURCES,
  LONGHORN_RESOURCES,
  ROOK_CEPH_RESOURCES,
} from './resource-catalog';
export { createKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from './server';
export type { ApiResourceSpec, KubeObject, ObjectMeta, PrinterColumn } from './types';
