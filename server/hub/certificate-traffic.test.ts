import { describe, expect, it } from 'vitest';
import type { CertificatesResponse, CertificateView } from '../domain/cluster';
import type { MapEdge, MapView } from '../domain/service-map';
import { withCertificateTraffic } from './certificate-traffic';

function edge(
  source: string,
  target: string,
  flows: number,
  rate: number,
  requests = 0,
  errors5xx = 0,
): MapEdge {
  return {
    source,
    target,
    protocol: 'TCP',
    port: 8080,
    flows,
    verdicts: { FORWARDED: flows },
    forwarded: flows,
    dropped: 0,
    dropReasons: {},
    http: { requests, errors4xx: 0, errors5xx, p50Ms: null, p95Ms: null },
    dns: { queries: 0, errors: 0 },
    lastSeen: '2026-01-12T09:00:00.000Z',
    rate,
  };
}

function cert(name: string, services: string[]): CertificateView {
  return {
    namespace: 'shop',
    name,
    secretName: name,
    dnsNames: [],
    issuer: { kind: 'ClusterIssuer', name: 'le' },
    notAfter: null,
    renewalTime: null,
    daysLeft: null,
    ready: true,
    status: 'ok',
    reason: null,
    message: null,
    usedBy: [],
    services,
    failedIssuanceAttempts: 0,
    lastFailureTime: null,
  };
}

describe('withCertificateTraffic', () => {
  it('sums only edges into the backend nodes, per service and in total', () => {
    const view: MapView = {
      window: '5m',
      nodes: [],
      edges: [
        edge('ingress-nginx/controller', 'shop/frontend', 600, 2, 500, 5),
        edge('shop/loadgen', 'shop/frontend', 300, 1),
        // Outbound from the backend: not traffic through the certificate.
        edge('shop/frontend', 'shop/catalog', 900, 3, 900),
        edge('shop/frontend', 'shop/cart', 30, 0.1),
      ],
    };
    const response: CertificatesResponse = {
      installed: true,
      certificates: [cert('web', ['shop/frontend', 'shop/cart']), cert('unused', [])],
    };
    const body = withCertificateTraffic(response, view);
    const web = body.certificates[0]!;
    expect(web.traffic).toEqual({
      window: '5m',
      flowsPerSecond: 3.1,
      flows: 930,
      httpRequests: 500,
      http5xx: 5,
      services: [
        { id: 'shop/frontend', flowsPerSecond: 3, flows: 900, httpRequests: 500, http5xx: 5 },
        { id: 'shop/cart', flowsPerSecond: 0.1, flows: 30, httpRequests: 0, http5xx: 0 },
      ],
    });
    expect(body.certificates[1]!.traffic).toMatchObject({ flows: 0, flowsPerSecond: 0, services: [] });
    expect(body.installed).toBe(true);
  });
});
