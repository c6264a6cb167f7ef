import { describe, expect, it } from 'vitest';
import { parseIngressRecord, toIngressRecord } from './ingresses';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

describe('parseIngressRecord', () => {
  it('parses the cert-manager fixture Ingress (tls secret, default backend)', () => {
    const raw = ofKind(loadFixtureObjects('cert-manager/certificates.reconstructed.yaml'), 'Ingress')[0];
    expect(toIngressRecord(raw)).toEqual({
      namespace: 'default',
      name: 'web-ingress',
      className: 'gce',
      tls: [{ secretName: 'web-ssl', hosts: ['www.example.com'] }],
      backendServices: ['web'],
    });
  });

  it('collects rule backends, skips tls blocks without secretName and resource backends', () => {
    const r = parseIngressRecord({
      kind: 'Ingress',
      metadata: { name: 'i', namespace: 'n' },
      spec: {
        ingressClassName: 'cilium',
        tls: [{ hosts: ['a.example'] }, { secretName: 's1', hosts: ['b.example'] }],
        rules: [
          {
            host: 'b.example',
            http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] },
          },
          {
            http: {
              paths: [
                { backend: { resource: { kind: 'StorageBucket', name: 'x' } } },
                { backend: { service: { name: 'api' } } },
              ],
            },
          },
          { http: { paths: [{ backend: { service: { name: 'web', port: { name: 'http' } } } }] } },
        ],
      },
    });
    expect(r.ok && r.record).toMatchObject({
      className: 'cilium',
      tls: [{ secretName: 's1', hosts: ['b.example'] }],
      backendServices: ['api', 'web'],
    });
  });

  it('rejects a non-object', () => {
    expect(parseIngressRecord(42)).toEqual({ ok: false, error: 'Ingress: not an object' });
  });
});
