// Ingresses and Gateway API objects; their TLS secrets are the names of cert-manager Certificates.
import { isoSeconds } from './clock';
import { uuidFor } from './prng';
import { created, meta, obj, type RenderContext } from './render-context';
import type { KubeObject } from './types';

export const GATEWAY_IP = '192.168.10.241';
const NGINX_LB = [{ ip: '192.168.10.240' }];

interface IngressDef {
  ns: string;
  name: string;
  hosts: string[];
  secret: string;
  service: string;
  port: number;
  issuer: { kind: 'ClusterIssuer' | 'Issuer'; name: string };
  annotations?: Record<string, string>;
}

/** Ingress → TLS secret (= Certificate name) → backend Service. */
export const INGRESSES: readonly IngressDef[] = [
  {
    ns: 'shop',
    name: 'storefront',
    hosts: ['shop.example.com', 'www.shop.example.com'],
    secret: 'shop-example-com-tls',
    service: 'frontend',
    port: 80,
    issuer: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
    annotations: { 'cert-manager.io/renew-before': '144h' },
  },
  {
    ns: 'monitoring',
    name: 'grafana',
    hosts: ['grafana.example.com'],
    secret: 'grafana-example-com-tls',
    service: 'grafana',
    port: 80,
    issuer: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
  },
  {
    ns: 'payments',
    name: 'payments-webhooks',
    hosts: ['hooks.pay.example.com'],
    secret: 'hooks-pay-example-com-tls',
    service: 'payments',
    port: 8080,
    issuer: { kind: 'Issuer', name: 'vault-issuer' },
  },
];

/** Gateway listeners with TLS → Certificate; HTTPRoutes send them to shop backends. */
export const GATEWAY_LISTENERS = [
  {
    name: 'https-api',
    hostname: 'api.shop.example.com',
    secret: 'api-shop-tls',
    route: 'api',
    service: 'checkout',
  },
  {
    name: 'https-partners',
    hostname: 'partners.shop.example.com',
    secret: 'partners-shop-tls',
    route: 'partners',
    service: 'catalog',
  },
] as const;

export function renderIngressAndGateway(
  ctx: RenderContext,
  secretsIssued: ReadonlySet<string>,
): KubeObject[] {
  const seed = ctx.model.seed;
  const out: KubeObject[] = [];
  out.push(
    obj(
      'networking.k8s.io/v1',
      'IngressClass',
      meta({
        name: 'nginx',
        uid: uuidFor(seed, 'IngressClass/nginx'),
        creationTimestamp: created(ctx, 1),
        labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      }),
      { spec: { controller: 'k8s.io/ingress-nginx' } },
    ),
  );
  for (const ing of INGRESSES) {
    const issuerAnnotation =
      ing.issuer.kind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer';
    out.push(
      obj(
        'networking.k8s.io/v1',
        'Ingress',
        meta({
          name: ing.name,
          namespace: ing.ns,
          uid: uuidFor(seed, `Ingress/${ing.ns}/${ing.name}`),
          generation: 1,
          creationTimestamp: created(ctx, 2),
          annotations: {
            [issuerAnnotation]: ing.issuer.name,
            ...ing.annotations,
            'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
          },
        }),
        {
          spec: {
            ingressClassName: 'nginx',
            tls: [{ hosts: ing.hosts, secretName: ing.secret }],
            rules: ing.hosts.map((host) => ({
              host,
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: ing.service, port: { number: ing.port } } },
                  },
                ],
              },
            })),
          },
          status: { loadBalancer: { ingress: NGINX_LB } },
        },
      ),
    );
  }
  const since = isoSeconds(ctx.model.epochMs + 2 * 86_400_000);
  const ok = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    reason,
    message,
    observedGeneration: 1,
    lastTransitionTime: since,
  });
  out.push(
    obj(
      'gateway.networking.k8s.io/v1',
      'GatewayClass',
      meta({
        name: 'cilium',
        uid: uuidFor(seed, 'GatewayClass/cilium'),
        generation: 1,
        creationTimestamp: created(ctx, 1),
      }),
      {
        spec: {
          controllerName: 'io.cilium/gateway-controller',
          description: 'The default Cilium GatewayClass',
        },
        status: { conditions: [ok('Accepted', 'Accepted', 'Valid GatewayClass')] },
      },
    ),
  );
  const gwUid = uuidFor(seed, 'Gateway/shop/shop-gateway');
  out.push(
    obj(
      'gateway.networking.k8s.io/v1',
      'Gateway',
      meta({
        name: 'shop-gateway',
        namespace: 'shop',
        uid: gwUid,
        generation: 1,
        creationTimestamp: created(ctx, 2),
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
      }),
      {
        spec: {
          gatewayClassName: 'cilium',
          listeners: GATEWAY_LISTENERS.map((l) => ({
            name: l.name,
            hostname: l.hostname,
            port: 443,
            protocol: 'HTTPS',
            allowedRoutes: { namespaces: { from: 'Same' } },
            tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: l.secret }] },
          })),
        },
        status: {
          addresses: [{ type: 'IPAddress', value: GATEWAY_IP }],
          conditions: [
            ok('Accepted', 'Accepted', 'Gateway successfully scheduled'),
            ok('Programmed', 'Programmed', 'Gateway successfully reconciled'),
          ],
          listeners: GATEWAY_LISTENERS.map((l) => {
            const issued = secretsIssued.has(`shop/${l.secret}`);
            return {
              name: l.name,
              attachedRoutes: 1,
              supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
              conditions: issued
                ? [
                    ok('Programmed', 'Programmed', 'Listener Programmed'),
                    ok('Accepted', 'Accepted', 'Listener Accepted'),
                    ok('ResolvedRefs', 'ResolvedRefs', 'Resolved Refs'),
                  ]
                : [
                    {
                      type: 'ResolvedRefs',
                      status: 'False',
                      reason: 'InvalidCertificateRef',
                      message: `Invalid CertificateRef: secret "${l.secret}" not found`,
                      observedGeneration: 1,
                      lastTransitionTime: since,
                    },
                  ],
            };
          }),
        },
      },
    ),
  );
  for (const l of GATEWAY_LISTENERS) {
    const parentRef = {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'shop-gateway',
      sectionName: l.name,
    };
    out.push(
      obj(
        'gateway.networking.k8s.io/v1',
        'HTTPRoute',
        meta({
          name: l.route,
          namespace: 'shop',
          uid: uuidFor(seed, `HTTPRoute/shop/${l.route}`),
          generation: 1,
          creationTimestamp: created(ctx, 2),
        }),
        {
          spec: {
            parentRefs: [parentRef],
            hostnames: [l.hostname],
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                backendRefs: [{ group: '', kind: 'Service', name: l.service, port: 8080, weight: 1 }],
              },
            ],
          },
          status: {
            parents: [
              {
                parentRef,
                controllerName: 'io.cilium/gateway-controller',
                conditions: [
                  ok('Accepted', 'Accepted', 'Accepted HTTPRoute'),
                  ok('ResolvedRefs', 'ResolvedRefs', 'Service reference is valid'),
                ],
              },
            ],
          },
        },
      ),
    );
  }
  return out;
}
