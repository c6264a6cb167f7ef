// Application traffic: the storefront's HTTP calls (L7-visible on the backends), gRPC to payments,
// the data stores, and the policy denials (default deny, deny rules, the mid-cycle new policy).

import { type ConvContext, http, podConv, svc } from './conversations-shared';
import { DROP } from './drop-reasons';
import { metadataPeer, podPeer } from './flow-peers';
import { POLICY } from './policies';

const FRONTEND_UA = 'frontend/2.14.0 (node-fetch)';

export function addAppTraffic(ctx: ConvContext): void {
  const { pool, up, allow, by, phase } = ctx;
  const frontend = up('shop/frontend');
  const cart = up('shop/cart');
  const catalog = up('shop/catalog');
  const checkout = up('shop/checkout');
  const payments = up('payments/payments');
  const postgres = up('payments/postgres');
  const backendL7 = allow('REDIRECTED', 2, POLICY.backendIngress);

  pool.addPairs(frontend, cart, 10, (c, s, w) =>
    podConv(c, s, 8080, w, {
      service: svc('shop/cart'),
      ingressAllow: backendL7,
      http: http(
        'cart:8080',
        [
          { method: 'GET', path: '/api/cart', weight: 6 },
          { method: 'POST', path: '/api/cart/items', weight: 3 },
          { method: 'DELETE', path: '/api/cart/items/{id}', weight: 1 },
        ],
        6,
        'rare',
        FRONTEND_UA,
      ),
    }),
  );
  pool.addPairs(frontend, catalog, 14, (c, s, w) =>
    podConv(c, s, 8080, w, {
      service: svc('shop/catalog'),
      ingressAllow: backendL7,
      http: http(
        'catalog:8080',
        [
          { method: 'GET', path: '/api/products?page=1', weight: 4 },
          { method: 'GET', path: '/api/products/{id}', weight: 6 },
          { method: 'GET', path: '/api/categories', weight: 1 },
        ],
        14,
        'catalog',
        FRONTEND_UA,
      ),
    }),
  );
  pool.addPairs(frontend, checkout, 4, (c, s, w) =>
    podConv(c, s, 8080, w, {
      service: svc('shop/checkout'),
      ingressAllow: backendL7,
      http: http(
        'checkout:8080',
        [
          { method: 'POST', path: '/api/checkout', weight: 3 },
          { method: 'GET', path: '/api/orders/{id}', weight: 2 },
        ],
        180,
        'rare',
        FRONTEND_UA,
      ),
    }),
  );
  pool.addPairs(checkout, cart, 3, (c, s, w) =>
    podConv(c, s, 8080, w, {
      service: svc('shop/cart'),
      ingressAllow: backendL7,
      http: http(
        'cart.shop:8080',
        [{ method: 'GET', path: '/api/cart', weight: 1 }],
        5,
        'rare',
        'checkout/1.22.1 (go-http-client)',
      ),
    }),
  );
  // gRPC over HTTP/2; the payments API's L7 rule only lets checkout in.
  pool.addPairs(checkout, payments, 4, (c, s, w) =>
    podConv(c, s, 50051, w, {
      service: svc('payments/payments'),
      ingressAllow: allow('REDIRECTED', 2, POLICY.paymentsIngress),
      http: {
        protocol: 'HTTP/2',
        authority: 'payments.payments.svc.cluster.local:50051',
        routes: [
          { method: 'POST', path: '/payments.v1.Payments/Charge', weight: 9 },
          { method: 'POST', path: '/payments.v1.Payments/Refund', weight: 1 },
        ],
        medianMs: 240,
        errors: 'none',
        userAgent: 'grpc-go/1.68.1',
        grpc: true,
      },
    }),
  );
  // Pooled connections to the data stores.
  const redisAllow = allow('FORWARDED', 2, POLICY.redisAllowCart);
  pool.addPairs(cart, up('shop/redis'), 7, (c, s, w) =>
    podConv(c, s, 6379, w, {
      service: svc('shop/redis'),
      established: true,
      rounds: 3,
      ingressAllow: redisAllow,
    }),
  );
  // Pool churn: now and then a new connection, whose SYN gets a policy verdict.
  pool.addPairs(cart, up('shop/redis'), 1, (c, s, w) =>
    podConv(c, s, 6379, w, { service: svc('shop/redis'), rounds: 2, ingressAllow: redisAllow }),
  );
  pool.addPairs(payments, postgres, 5, (c, s, w) =>
    podConv(c, s, 5432, w, {
      service: svc('payments/postgres'),
      established: true,
      rounds: 2,
      egressAllow: allow('FORWARDED', 2, POLICY.paymentsEgress),
    }),
  );
  // The batch job reads the payments primary until the new deny policy lands mid-cycle.
  pool.addPairs(up('batch/report-job'), postgres, 2, (c, s, w) =>
    podConv(c, s, 5432, w, {
      service: svc('payments/postgres'),
      rounds: 2,
      deny: phase.denyPolicyActive
        ? {
            at: 'server',
            code: DROP.POLICY_DENY,
            by: by(POLICY.denyBatchToPostgres),
            verdictEvent: true,
            attempts: 3,
          }
        : undefined,
    }),
  );
  // Default deny: recommender matches no rule of payments-ingress, so the drop names no policy.
  pool.addPairs(up('shop/recommender'), payments, 1.5, (c, s, w) =>
    podConv(c, s, 50051, w, {
      service: svc('payments/payments'),
      deny: { at: 'server', code: DROP.POLICY_DENIED, verdictEvent: true, attempts: 3 },
    }),
  );
  // A cloud SDK in catalog probes the metadata endpoint; the egressDeny rule stops it.
  pool.addPairs(catalog, [metadataPeer()], 1, (c, s, w) => ({
    client: podPeer(c),
    server: s,
    proto: 'TCP',
    dport: 80,
    rounds: 1,
    weight: w,
    deny: {
      at: 'client',
      code: DROP.POLICY_DENY,
      by: by(POLICY.denyMetadata),
      verdictEvent: true,
      attempts: 2,
    },
  }));
}
