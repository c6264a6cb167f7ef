// Infrastructure traffic: Prometheus scrapes, kubelet probes from the host, Cilium health checks
// (ICMP + TCP 4240 from remote nodes), controllers watching the API server, admission webhooks,
// Hubble Relay's peer streams, Ceph and Longhorn replication.
import { type ConvContext, podConv } from './conversations-shared';
import {
  apiserverPeer,
  healthPeer,
  hostPeer,
  KUBERNETES_SERVICE,
  nodePeer,
  podPeer,
  remoteHealthSource,
} from './flow-peers';
import { POLICY } from './policies';

const BACKENDS = new Set(['shop/cart', 'shop/catalog', 'shop/checkout']);

export function addInfrastructure(ctx: ConvContext): void {
  const { pool, up, allow, liveNodes } = ctx;
  const live = ctx.set.pods.filter((p) => p.up && p.ip !== undefined && !p.workload.spec.hostNetwork);
  const prometheus = up('monitoring/prometheus');

  const targets = live.filter((p) => p.workload.spec.metricsPort !== undefined);
  pool.addPairs(prometheus, targets, 6, (c, s, w) => {
    const key = s.workload.key;
    const ingressAllow =
      key === 'payments/payments'
        ? allow('FORWARDED', 2, POLICY.paymentsIngress)
        : BACKENDS.has(key)
          ? allow('FORWARDED', 2, POLICY.backendIngress)
          : undefined;
    return podConv(c, s, s.workload.spec.metricsPort ?? 9090, w, { established: true, ingressAllow });
  });
  // node-exporter runs in the host network namespace.
  pool.addPairs(prometheus, liveNodes, 1.2, (c, n, w) => ({
    client: podPeer(c),
    server: nodePeer(n, c.node),
    proto: 'TCP',
    dport: 9100,
    established: true,
    rounds: 1,
    weight: w,
  }));

  const probed = live.filter((p) => p.workload.spec.probePort !== undefined);
  pool.addPairs([0], probed, 8, (_, s, w) => ({
    client: hostPeer(s.node),
    server: podPeer(s),
    proto: 'TCP',
    dport: s.workload.spec.probePort ?? 8080,
    rounds: 1,
    weight: w,
  }));

  pool.addPairs(liveNodes, liveNodes, 3, (from, to, w) => ({
    client: from === to ? hostPeer(to) : remoteHealthSource(from),
    server: healthPeer(to),
    proto: 'ICMPv4',
    dport: 0,
    rounds: 1,
    weight: w,
  }));
  pool.addPairs(liveNodes, liveNodes, 1.5, (from, to, w) => ({
    client: from === to ? hostPeer(to) : remoteHealthSource(from),
    server: healthPeer(to),
    proto: 'TCP',
    dport: 4240,
    rounds: 1,
    weight: w,
  }));

  const cp = ctx.controlPlane;
  if (cp) {
    const watchers = [
      ...up('cert-manager/cert-manager'),
      ...up('rook-ceph/rook-ceph-operator'),
      ...up('longhorn-system/longhorn-manager'),
      ...up('kube-system/coredns'),
      ...up('ingress-nginx/ingress-nginx-controller'),
      ...prometheus,
    ];
    pool.addPairs(watchers, [cp], 4, (c, n, w) => ({
      client: podPeer(c),
      server: apiserverPeer(n, c.node),
      proto: 'TCP',
      dport: 6443,
      service: KUBERNETES_SERVICE,
      established: true,
      rounds: 2,
      weight: w,
    }));
    pool.addPairs(up('cert-manager/cert-manager-webhook'), [cp], 0.6, (s, n, w) => ({
      client: apiserverPeer(n, s.node),
      server: podPeer(s),
      proto: 'TCP',
      dport: 10250,
      service: { name: 'cert-manager-webhook', namespace: 'cert-manager' },
      rounds: 1,
      weight: w,
    }));
  }

  pool.addPairs(up('kube-system/hubble-relay'), liveNodes, 2, (c, n, w) => ({
    client: podPeer(c),
    server: nodePeer(n, c.node),
    proto: 'TCP',
    dport: 4244,
    established: true,
    rounds: 1,
    weight: w,
  }));
  pool.addPairs(up('monitoring/grafana'), prometheus, 1, (c, s, w) =>
    podConv(c, s, 9090, w, {
      service: { name: 'prometheus', namespace: 'monitoring' },
      established: true,
      rounds: 2,
    }),
  );

  const osds = live.filter((p) => p.labels.app === 'rook-ceph-osd');
  const mons = live.filter((p) => p.labels.app === 'rook-ceph-mon');
  pool.addPairs(osds, osds, 2, (c, s, w) =>
    c === s ? undefined : podConv(c, s, 6800, w, { established: true, rounds: 2 }),
  );
  pool.addPairs(mons, mons, 0.8, (c, s, w) =>
    c === s ? undefined : podConv(c, s, 3300, w, { established: true }),
  );
  pool.addPairs(up('rook-ceph/rook-ceph-operator'), mons, 0.4, (c, s, w) => podConv(c, s, 3300, w));
  // The kernel RBD client on the node that mounts Prometheus' Ceph volume.
  const rbdClient = prometheus[0]?.node;
  if (rbdClient) {
    pool.addPairs(osds, [rbdClient], 1.5, (s, n, w) => ({
      client: nodePeer(n, s.node),
      server: podPeer(s),
      proto: 'TCP',
      dport: 6800,
      established: true,
      rounds: 2,
      weight: w,
    }));
  }
  const managers = up('longhorn-system/longhorn-manager');
  pool.addPairs(managers, managers, 0.6, (c, s, w) => (c === s ? undefined : podConv(c, s, 9500, w)));
}
