// Both ends of a conversation as Hubble sees them: pod endpoints, and the reserved identities
// (host, remote-node, world, kube-apiserver, health, ingress) with the labels Hubble prints.
import type { Endpoint, ServiceRef } from '../../domain/flow';
import type { NodeModel, PodModel } from './cluster-model';
import { LOCAL_IDENTITY_BASE, RESERVED } from './identity';

export type PeerKind =
  | 'pod'
  | 'host'
  | 'remote-node'
  | 'world'
  | 'kube-apiserver'
  | 'health'
  | 'ingress'
  | 'unknown';

export interface Peer {
  readonly kind: PeerKind;
  readonly ep: Endpoint;
  readonly ip: string;
  /** Set when the peer is a local Cilium endpoint whose packets Hubble traces on that node. */
  readonly node?: NodeModel;
  /** FQDNs Cilium learnt from DNS for this IP (world peers). */
  readonly names?: readonly string[];
}

const frozen = <T>(v: T): T => Object.freeze(v);

const HOST_EP: Endpoint = frozen({ identity: RESERVED.host, labels: frozen(['reserved:host']) });
const REMOTE_NODE_EP: Endpoint = frozen({
  identity: RESERVED.remoteNode,
  labels: frozen(['reserved:remote-node']),
});
const WORLD_EP: Endpoint = frozen({ identity: RESERVED.world, labels: frozen(['reserved:world']) });
const INGRESS_EP: Endpoint = frozen({ identity: RESERVED.ingress, labels: frozen(['reserved:ingress']) });
const UNKNOWN_EP: Endpoint = frozen({ labels: frozen(['reserved:unknown']) });
const APISERVER_LOCAL_EP: Endpoint = frozen({
  identity: RESERVED.host,
  labels: frozen(['reserved:host', 'reserved:kube-apiserver']),
});
const APISERVER_REMOTE_EP: Endpoint = frozen({
  identity: RESERVED.kubeApiserver,
  labels: frozen(['reserved:kube-apiserver', 'reserved:remote-node']),
});
/** A CIDR selected by a policy gets a node-local identity (scope bit set). */
const METADATA_EP: Endpoint = frozen({
  identity: LOCAL_IDENTITY_BASE + 1,
  labels: frozen(['cidr:169.254.169.254/32', 'reserved:world']),
});

export const KUBERNETES_SERVICE: ServiceRef = frozen({ name: 'kubernetes', namespace: 'default' });

export function podPeer(pod: PodModel): Peer {
  return { kind: 'pod', ep: pod.endpoint, ip: pod.ip ?? '0.0.0.0', node: pod.node };
}

export function hostPeer(node: NodeModel): Peer {
  return { kind: 'host', ep: HOST_EP, ip: node.routerIp };
}

/** Another node as seen from `node`: its own host identity if it is the same node. */
export function nodePeer(target: NodeModel, seenFrom: NodeModel): Peer {
  return target === seenFrom
    ? { kind: 'host', ep: HOST_EP, ip: target.spec.internalIp }
    : { kind: 'remote-node', ep: REMOTE_NODE_EP, ip: target.spec.internalIp };
}

/** Health-checker traffic from another node's health endpoint arrives as remote-node. */
export function remoteHealthSource(from: NodeModel): Peer {
  return { kind: 'remote-node', ep: REMOTE_NODE_EP, ip: from.healthIp };
}

export function healthPeer(node: NodeModel): Peer {
  return {
    kind: 'health',
    ep: { ID: node.healthEndpointId, identity: RESERVED.health, labels: ['reserved:health'] },
    ip: node.healthIp,
    node,
  };
}

export function worldPeer(ip: string, names?: readonly string[]): Peer {
  return names ? { kind: 'world', ep: WORLD_EP, ip, names } : { kind: 'world', ep: WORLD_EP, ip };
}

export function metadataPeer(): Peer {
  return { kind: 'world', ep: METADATA_EP, ip: '169.254.169.254' };
}

export function unknownPeer(ip: string): Peer {
  return { kind: 'unknown', ep: UNKNOWN_EP, ip };
}

/** Cilium's Gateway API/Ingress proxy: traffic from it carries the reserved ingress identity. */
export function ingressProxyPeer(node: NodeModel): Peer {
  return { kind: 'ingress', ep: INGRESS_EP, ip: node.ingressIp };
}

export function apiserverPeer(controlPlane: NodeModel, seenFrom: NodeModel): Peer {
  return {
    kind: 'kube-apiserver',
    ep: controlPlane === seenFrom ? APISERVER_LOCAL_EP : APISERVER_REMOTE_EP,
    ip: controlPlane.spec.internalIp,
  };
}
