// Drops that are not policy decisions: a full conntrack table, stale pod IPs after the rollout,
// IPv6 router solicitations while IPv6 is off.
import { type ConvContext, podConv, svc } from './conversations-shared';
import { DROP } from './drop-reasons';
import { podPeer, unknownPeer, worldPeer } from './flow-peers';

export function addOtherDrops(ctx: ConvContext): void {
  const { pool, up, phase } = ctx;
  const frontend = up('shop/frontend');
  const catalog = up('shop/catalog');
  pool.addPairs(frontend, catalog, 0.15, (c, s, w) =>
    podConv(c, s, 8080, w, {
      service: svc('shop/catalog'),
      deny: { at: 'client', code: DROP.CT_MAP_INSERTION_FAILED, verdictEvent: false, attempts: 1 },
    }),
  );
  if (phase.staleCatalogIps) {
    // The previous ReplicaSet's pods used the other address of each reserved pair.
    pool.addPairs(frontend, catalog, 3, (c, s, w) => ({
      client: podPeer(c),
      server: worldPeer(s.ip?.replace(/\.(\d+)$/, (_, last: string) => `.${Number(last) ^ 1}`) ?? ''),
      proto: 'TCP',
      dport: 8080,
      rounds: 1,
      weight: w,
      deny: { at: 'client', code: DROP.STALE_OR_UNROUTABLE_IP, verdictEvent: false, attempts: 2 },
    }));
  }
  pool.addPairs(up('rook-ceph/rook-ceph-operator'), [0], 0.2, (c, _, w) => ({
    client: { ...podPeer(c), ip: `fe80::${(c.endpointId & 0xffff).toString(16)}:ff:fe12:3456` },
    server: unknownPeer('ff02::2'),
    proto: 'ICMPv6',
    dport: 0,
    rounds: 1,
    weight: w,
    deny: { at: 'client', code: DROP.UNSUPPORTED_L3_PROTOCOL, verdictEvent: false, attempts: 1 },
  }));
}
