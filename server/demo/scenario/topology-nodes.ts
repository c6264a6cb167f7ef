// The four real nodes of the demo cluster: two Talos (control plane + worker) and two NixOS workers,
// one of them arm64 and one running an older kubelet (version skew). Values follow
// fixtures/k8s/nodes (Talos v1.11.2 release defaults; NixOS PRETTY_NAME strings).

export interface NodeSpec {
  readonly name: string;
  readonly os: 'talos' | 'nixos';
  readonly osImage: string;
  readonly kernelVersion: string;
  readonly containerRuntimeVersion: string;
  readonly kubeletVersion: string;
  readonly architecture: 'amd64' | 'arm64';
  readonly controlPlane: boolean;
  readonly internalIp: string;
  /** Index into the 10.0.<i>.0/24 pod CIDR plan. */
  readonly cidrIndex: number;
  readonly cpu: string;
  readonly memoryKi: number;
  readonly extensions: Readonly<Record<string, string>>;
  readonly longhornStorage: boolean;
  /** Days before the scenario start the node booted. */
  readonly bootAgeDays: number;
}

export const BASE_NODES: readonly NodeSpec[] = [
  {
    name: 'talos-cp-1',
    os: 'talos',
    osImage: 'Talos (v1.11.2)',
    kernelVersion: '6.12.48-talos',
    containerRuntimeVersion: 'containerd://2.1.4',
    kubeletVersion: 'v1.34.1',
    architecture: 'amd64',
    controlPlane: true,
    internalIp: '192.168.10.11',
    cidrIndex: 0,
    cpu: '4',
    memoryKi: 8_148_024,
    extensions: { 'extensions.talos.dev/qemu-guest-agent': '10.0.2' },
    longhornStorage: false,
    bootAgeDays: 21,
  },
  {
    name: 'talos-worker-1',
    os: 'talos',
    osImage: 'Talos (v1.11.2)',
    kernelVersion: '6.12.48-talos',
    containerRuntimeVersion: 'containerd://2.1.4',
    kubeletVersion: 'v1.34.1',
    architecture: 'amd64',
    controlPlane: false,
    internalIp: '192.168.10.12',
    cidrIndex: 1,
    cpu: '8',
    memoryKi: 32_855_412,
    extensions: {
      'extensions.talos.dev/iscsi-tools': 'v0.2.0',
      'extensions.talos.dev/util-linux-tools': '2.41.1',
    },
    longhornStorage: true,
    bootAgeDays: 21,
  },
  {
    name: 'nixos-worker-1',
    os: 'nixos',
    osImage: 'NixOS 24.11 (Vicuna)',
    kernelVersion: '6.6.63',
    containerRuntimeVersion: 'containerd://1.7.23',
    // One minor behind the control plane: the version skew the dashboard should flag.
    kubeletVersion: 'v1.33.5',
    architecture: 'amd64',
    controlPlane: false,
    internalIp: '192.168.10.21',
    cidrIndex: 2,
    cpu: '8',
    memoryKi: 32_853_200,
    extensions: {},
    longhornStorage: true,
    bootAgeDays: 34,
  },
  {
    name: 'nixos-worker-2',
    os: 'nixos',
    osImage: 'NixOS 25.05 (Warbler)',
    kernelVersion: '6.12.30',
    containerRuntimeVersion: 'containerd://2.0.5',
    kubeletVersion: 'v1.34.1',
    architecture: 'arm64',
    controlPlane: false,
    internalIp: '192.168.10.22',
    cidrIndex: 3,
    cpu: '4',
    memoryKi: 16_318_772,
    extensions: {},
    longhornStorage: true,
    bootAgeDays: 9,
  },
];

/** Synthetic workers that host `scale.extraPods`; NixOS like the real workers. */
export function scaleNodeSpec(index: number): NodeSpec {
  const n = String(index + 1).padStart(3, '0');
  const cidrIndex = BASE_NODES.length + index;
  return {
    name: `scale-worker-${n}`,
    os: 'nixos',
    osImage: 'NixOS 25.05 (Warbler)',
    kernelVersion: '6.12.30',
    containerRuntimeVersion: 'containerd://2.0.5',
    kubeletVersion: 'v1.34.1',
    architecture: 'amd64',
    controlPlane: false,
    internalIp: scaleNodeIp(cidrIndex),
    cidrIndex,
    cpu: '16',
    memoryKi: 65_842_220,
    extensions: {},
    longhornStorage: false,
    bootAgeDays: 5,
  };
}

function scaleNodeIp(cidrIndex: number): string {
  const h = cidrIndex + 10;
  return `172.${16 + (h >> 16)}.${(h >> 8) & 255}.${h & 255}`;
}

/** Pod CIDR of a node: 10.0.0.0/24, 10.0.1.0/24 … then 10.1.0.0/24 after 256 nodes. */
export function podCidrBase(cidrIndex: number): string {
  return `10.${cidrIndex >> 8}.${cidrIndex & 255}`;
}
