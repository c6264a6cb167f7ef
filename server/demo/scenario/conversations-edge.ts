// Traffic at the cluster's edges: DNS through the proxy (with search-path NXDOMAINs), egress to
// internet APIs, internet clients through ingress-nginx, and Cilium's Gateway.
import type { PodModel } from './cluster-model';
import { type ConvContext, clusterIp, http, podConv, svc } from './conversations-shared';
import {
  EXTERNAL,
  type ExternalHost,
  externalLookup,
  SHOP_CLIENT_IPS,
  serviceLookup,
} from './external-hosts';
import { ingressProxyPeer, podPeer, worldPeer } from './flow-peers';
import type { Attribution, DnsQuery } from './flow-spec';
import { POLICY } from './policies';

export function addEdgeTraffic(ctx: ConvContext): void {
  const { pool, up, allow } = ctx;
  const frontend = up('shop/frontend');
  const catalog = up('shop/catalog');
  const checkout = up('shop/checkout');
  const payments = up('payments/payments');
  const reportJob = up('batch/report-job');
  const grafana = up('monitoring/grafana');
  const certManager = up('cert-manager/cert-manager');

  const dnsAllow = allow('REDIRECTED', 2, POLICY.dnsVisibility);
  const dnsAllowPayments = allow('REDIRECTED', 2, POLICY.dnsVisibility, POLICY.paymentsEgress);
  const lookups: [PodModel[], DnsQuery[], number][] = [
    [frontend, serviceLookup('cart', 'shop', clusterIp('shop/cart')), 2],
    [frontend, serviceLookup('catalog', 'shop', clusterIp('shop/catalog')), 2],
    [checkout, serviceLookup('payments', 'payments', clusterIp('payments/payments')), 1.5],
    [checkout, externalLookup('shop', EXTERNAL.stripe), 1],
    [payments, externalLookup('payments', EXTERNAL.stripe), 1.5],
    [payments, serviceLookup('postgres', 'payments', clusterIp('payments/postgres')), 0.5],
    [catalog, externalLookup('shop', EXTERNAL.s3), 1],
    [reportJob, externalLookup('batch', EXTERNAL.s3), 0.5],
    [reportJob, serviceLookup('postgres', 'payments', clusterIp('payments/postgres')), 0.3],
    [grafana, externalLookup('monitoring', EXTERNAL.github), 0.3],
    [grafana, serviceLookup('prometheus', 'monitoring', clusterIp('monitoring/prometheus')), 0.5],
    [certManager, externalLookup('cert-manager', EXTERNAL.letsencrypt), 0.3],
  ];
  const coredns = up('kube-system/coredns');
  for (const [clients, queries, weight] of lookups) {
    pool.addPairs(clients, coredns, weight, (c, s, w) =>
      podConv(c, s, 53, w, {
        proto: 'UDP',
        service: svc('kube-system/kube-dns'),
        dns: queries,
        egressAllow: c.workload.spec.name === 'payments' ? dnsAllowPayments : dnsAllow,
      }),
    );
  }

  // Egress to internet APIs: world identity, with the names Cilium learnt from DNS.
  const egress: [PodModel[], ExternalHost, number, Attribution | undefined][] = [
    [payments, EXTERNAL.stripe, 2, allow('FORWARDED', 2, POLICY.paymentsEgress)],
    [checkout, EXTERNAL.stripe, 1, undefined],
    [catalog, EXTERNAL.s3, 1.5, undefined],
    [reportJob, EXTERNAL.s3, 0.8, undefined],
    [grafana, EXTERNAL.github, 0.3, undefined],
    [certManager, EXTERNAL.letsencrypt, 0.3, undefined],
  ];
  for (const [clients, host, weight, egressAllow] of egress) {
    pool.addPairs(clients, host.ips, weight, (c, ip, w) => ({
      client: podPeer(c),
      server: worldPeer(ip, [host.fqdn]),
      proto: 'TCP',
      dport: 443,
      rounds: 2,
      weight: w,
      egressAllow,
    }));
  }

  // Internet → ingress-nginx (client IPs preserved: externalTrafficPolicy Local) → frontend.
  const nginx = up('ingress-nginx/ingress-nginx-controller');
  pool.addPairs(SHOP_CLIENT_IPS, nginx, 6, (ip, s, w) => ({
    client: worldPeer(ip),
    server: podPeer(s),
    proto: 'TCP',
    dport: 443,
    service: svc('ingress-nginx/ingress-nginx-controller'),
    rounds: 2,
    weight: w,
  }));
  pool.addPairs(nginx, frontend, 6, (c, s, w) =>
    podConv(c, s, 8080, w, { service: svc('shop/frontend'), established: true, rounds: 2 }),
  );
  pool.addPairs(nginx, payments, 0.5, (c, s, w) =>
    podConv(c, s, 8080, w, {
      service: svc('payments/payments'),
      ingressAllow: allow('FORWARDED', 2, POLICY.paymentsIngress),
    }),
  );

  // Cilium's Gateway proxy (reserved:ingress) in front of checkout (api.shop) and catalog (partners).
  const backendL7 = allow('REDIRECTED', 2, POLICY.backendIngress);
  const gwNodes = ctx.liveNodes.filter((n) => !n.spec.controlPlane);
  pool.addPairs(gwNodes, checkout, 2, (n, s, w) => ({
    client: ingressProxyPeer(n),
    server: podPeer(s),
    proto: 'TCP',
    dport: 8080,
    service: svc('shop/checkout'),
    ingressAllow: backendL7,
    rounds: 1,
    weight: w,
    http: http(
      'api.shop.example.com',
      [
        { method: 'POST', path: '/v1/orders', weight: 2 },
        { method: 'GET', path: '/v1/orders/{id}', weight: 3 },
      ],
      150,
      'rare',
      'okhttp/4.12.0',
    ),
  }));
  pool.addPairs(gwNodes, catalog, 1, (n, s, w) => ({
    client: ingressProxyPeer(n),
    server: podPeer(s),
    proto: 'TCP',
    dport: 8080,
    service: svc('shop/catalog'),
    ingressAllow: backendL7,
    rounds: 1,
    weight: w,
    http: http(
      'partners.shop.example.com',
      [{ method: 'GET', path: '/v1/feed', weight: 1 }],
      40,
      'catalog',
      'PartnerSync/3.1',
    ),
  }));
}
