import { describe, expect, it } from 'vitest';
import { parseGatewayRecord, parseHttpRouteRecord, toGatewayRecord, toHttpRouteRecord } from './gateways';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

const objects = loadFixtureObjects('cert-manager/certificates.reconstructed.yaml');

describe('parseGatewayRecord', () => {
  it('parses the fixture Gateway and its HTTPS listener certificateRefs', () => {
    expect(toGatewayRecord(ofKind(objects, 'Gateway')[0])).toEqual({
      namespace: 'shop',
      name: 'shop-gw',
      className: 'cilium',
      listeners: [
        {
          name: 'https-api',
          protocol: 'HTTPS',
          port: 443,
          hostname: 'api.shop.example.com',
          tlsMode: 'Terminate',
          certificateRefs: [{ namespace: 'shop', name: 'api-shop-tls' }],
        },
      ],
    });
  });

  it('keeps cross-namespace Secret refs and drops non-Secret refs', () => {
    const r = parseGatewayRecord({
      metadata: { name: 'g', namespace: 'infra' },
      spec: {
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            tls: {
              certificateRefs: [
                { name: 'wild', namespace: 'certs' },
                { name: 'cm', kind: 'ConfigMap', group: '' },
                { name: 'other', kind: 'Secret', group: 'example.io' },
              ],
            },
          },
          { protocol: 'HTTPS' },
        ],
      },
    });
    expect(r.ok && r.record.listeners).toEqual([
      { name: 'http', protocol: 'HTTP', port: 80, hostname: null, tlsMode: null, certificateRefs: [] },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: null,
        tlsMode: 'Terminate',
        certificateRefs: [{ namespace: 'certs', name: 'wild' }],
      },
    ]);
  });
});

describe('parseHttpRouteRecord', () => {
  it('parses the fixture HTTPRoute (parent with sectionName, Service backend)', () => {
    expect(toHttpRouteRecord(ofKind(objects, 'HTTPRoute')[0])).toEqual({
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'api',
      hostnames: ['api.shop.example.com'],
      parentRefs: [{ namespace: 'shop', name: 'shop-gw', sectionName: 'https-api' }],
      backendRefs: [{ namespace: 'shop', name: 'api', port: 8080 }],
    });
  });

  it('drops non-Gateway parents and non-Service backends, dedupes backends, accepts GRPCRoute', () => {
    const r = parseHttpRouteRecord({
      kind: 'GRPCRoute',
      metadata: { name: 'r', namespace: 'n' },
      spec: {
        parentRefs: [
          { name: 'gw', namespace: 'infra' },
          { name: 'svc', kind: 'Service', group: '' },
        ],
        rules: [
          {
            backendRefs: [
              { name: 'a', port: 9000 },
              { name: 'b', kind: 'Backend', group: 'x.io' },
            ],
          },
          {
            backendRefs: [
              { name: 'a', port: 9000 },
              { name: 'c', namespace: 'other', port: 80 },
            ],
          },
        ],
      },
    });
    expect(r.ok && r.record).toMatchObject({
      kind: 'GRPCRoute',
      parentRefs: [{ namespace: 'infra', name: 'gw', sectionName: null }],
      backendRefs: [
        { namespace: 'n', name: 'a', port: 9000 },
        { namespace: 'other', name: 'c', port: 80 },
      ],
    });
  });

  it('rejects unrelated kinds', () => {
    expect(parseHttpRouteRecord({ kind: 'Pod', metadata: { name: 'x', namespace: 'n' } }).ok).toBe(false);
  });
});
