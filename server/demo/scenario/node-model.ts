// A node as the scenario uses it: its spec plus derived addresses, labels and Hubble naming.
import { hashString, uuidFor } from './prng';
import { FLAKY_NODE } from './timeline';
import { type NodeSpec, podCidrBase } from './topology-nodes';

export interface NodeModel {
  readonly spec: NodeSpec;
  readonly name: string;
  /** Node name as Hubble reports it: prefixed with the cluster name unless it is `default`. */
  readonly hubbleName: string;
  readonly cidrBase: string;
  readonly podCidr: string;
  /** cilium_host address: the source of kubelet probes. */
  readonly routerIp: string;
  readonly healthIp: string;
  readonly ingressIp: string;
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly hubbleNodeLabels: readonly string[];
  readonly flaky: boolean;
  readonly scale: boolean;
  readonly healthEndpointId: number;
}

export function makeNodeModel(spec: NodeSpec, seed: number, clusterName: string, scale: boolean): NodeModel {
  const base = podCidrBase(spec.cidrIndex);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': spec.architecture,
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': spec.architecture,
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/zone': spec.cidrIndex % 2 === 0 ? 'rack-a' : 'rack-b',
    ...spec.extensions,
  };
  if (spec.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return {
    spec,
    name: spec.name,
    hubbleName: clusterName === 'default' ? spec.name : `${clusterName}/${spec.name}`,
    cidrBase: base,
    podCidr: `${base}.0/24`,
    routerIp: `${base}.1`,
    healthIp: `${base}.2`,
    ingressIp: `${base}.3`,
    uid: uuidFor(seed, `node/${spec.name}`),
    labels,
    hubbleNodeLabels: Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .sort(),
    flaky: spec.name === FLAKY_NODE,
    scale,
    healthEndpointId: 100 + (hashString(spec.name, seed) % 3000),
  };
}
