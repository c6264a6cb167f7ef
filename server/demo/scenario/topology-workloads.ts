// All workloads of the base cluster, in a stable order (identities and IPs depend on it).
import { APP_WORKLOADS } from './topology-apps';
import { SYSTEM_WORKLOADS } from './topology-system';
import type { WorkloadSpec } from './topology-types';

export { BASE_SERVICES, type ServicePortSpec, type ServiceSpec } from './topology-services';
export {
  BASE_NAMESPACES,
  type NamespaceSpec,
  type PortSpec,
  type VolumeSpec,
  type WorkloadKind,
  type WorkloadSpec,
} from './topology-types';

export const BASE_WORKLOADS: readonly WorkloadSpec[] = [...APP_WORKLOADS, ...SYSTEM_WORKLOADS];
