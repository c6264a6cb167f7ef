import { describe, expect, it } from 'vitest';
import { createBadgeMap, finalizeBadges } from './badges';
import { appendCertificateBadges, joinCertificates } from './join-certificates';
import { snapshotFromObjects } from './snapshot-from-objects';
import { deploymentPod, rawPod, rawService } from './test-support/builders';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

const fixture = loadFixtureObjects('cert-manager/certificates.reconstructed.yaml');
const certs = ofKind(fixture, 'Certificate');
// The fixture holds several states of `web-ssl`; a cluster has one at a time (index 0 = Ready).
const [webReady, , webExpired, pcaFailed, , apiShop] = certs;

const workloads = [
  rawService('default', 'web', { app: 'web' }),
  rawService('shop', 'api', { app: 'api' }),
  deploymentPod('default', 'web', { app: 'web' }, { suffix: 'aaaaa' }),
  deploymentPod('default', 'web', { app: 'web' }, { suffix: 'bbbbb' }),
  deploymentPod('shop', 'api', { app: 'api' }),
  rawPod({
    namespace: 'shop',
    name: 'worker-0',
    labels: { app: 'worker' },
    owner: { kind: 'StatefulSet', name: 'worker' },
  }),
  // A finished pod that still matches the selector is not a backend.
  rawPod({
    namespace: 'shop',
    name: 'api-once',
    labels: { app: 'api', 'app.kubernetes.io/name': 'api-once' },
    phase: 'Succeeded',
  }),
];

function consumers(): unknown[] {
  return [...ofKind(fixture, 'Ingress'), ...ofKind(fixture, 'Gateway'), ...ofKind(fixture, 'HTTPRoute')];
}

describe('joinCertificates on the cert-manager fixtures', () => {
  const { snapshot, errors } = snapshotFromObjects([
    webReady,
    apiShop,
    pcaFailed,
    ...consumers(),
    ...workloads,
  ]);

  it('builds the snapshot without errors', () => {
    expect(errors).toEqual([]);
    expect(snapshot.certificates).toHaveLength(3);
    expect(snapshot.installed).toMatchObject({ certManager: true, gatewayApi: true });
  });

  it('Certificate → Secret → Ingress → Service → pods → map node', () => {
    const joins = joinCertificates(snapshot, { now: Date.parse('2022-08-01T00:00:00Z') });
    const web = joins.find((j) => j.certificate.name === 'web-ssl');
    expect(web?.usedBy).toEqual([{ kind: 'Ingress', namespace: 'default', name: 'web-ingress' }]);
    expect(web?.backendServices).toEqual(['default/web']);
    expect(web?.services).toEqual(['default/web']);
  });

  it('Certificate → Secret → Gateway listener → HTTPRoute → Service → map node', () => {
    const joins = joinCertificates(snapshot, { now: Date.parse('2026-08-20T00:00:00Z') });
    const api = joins.find((j) => j.certificate.name === 'api-shop-tls');
    expect(api?.usedBy).toEqual([
      { kind: 'Gateway', namespace: 'shop', name: 'shop-gw' },
      { kind: 'HTTPRoute', namespace: 'shop', name: 'api' },
    ]);
    expect(api?.services).toEqual(['shop/api']);
  });

  it('an unused certificate joins to nothing', () => {
    const joins = joinCertificates(snapshot, { now: Date.parse('2026-08-20T00:00:00Z') });
    const pca = joins.find((j) => j.certificate.name === 'pca-issuer-rsa-cert-retry-blah-1');
    expect(pca).toMatchObject({ usedBy: [], backendServices: [], services: [] });
  });

  it('sorts by urgency', () => {
    const joins = joinCertificates(snapshot, { now: Date.parse('2026-10-05T00:00:00Z') });
    expect(joins.map((j) => [j.certificate.name, j.assessment.status, j.assessment.daysLeft])).toEqual([
      ['web-ssl', 'expired', -1454],
      ['pca-issuer-rsa-cert-retry-blah-1', 'failed', null],
      ['api-shop-tls', 'expiring', 9],
    ]);
  });

  it('badges the map nodes behind non-ok certificates, once per workload', () => {
    const badges = createBadgeMap();
    appendCertificateBadges(badges, joinCertificates(snapshot, { now: Date.parse('2026-10-05T00:00:00Z') }));
    expect(Object.fromEntries(finalizeBadges(badges))).toEqual({
      'default/web': [
        {
          type: 'certificate',
          severity: 'critical',
          message: 'Certificate default/web-ssl expired on 2022-10-12',
          ref: 'Certificate/default/web-ssl',
        },
      ],
      'shop/api': [
        {
          type: 'certificate',
          severity: 'warning',
          message: 'Certificate shop/api-shop-tls expires in 9 days',
          ref: 'Certificate/shop/api-shop-tls',
        },
      ],
    });
  });

  it('no badge for ok certificates', () => {
    const badges = createBadgeMap();
    appendCertificateBadges(badges, joinCertificates(snapshot, { now: Date.parse('2026-08-01T00:00:00Z') }));
    expect(badges.has('shop/api')).toBe(false);
    expect(badges.get('default/web')?.[0]?.severity).toBe('critical');
  });

  it('the expired variant of web-ssl badges critical too', () => {
    const s = snapshotFromObjects([webExpired, ...consumers(), ...workloads]).snapshot;
    const [join] = joinCertificates(s, { now: Date.parse('2022-10-13T00:00:00Z') });
    expect(join?.assessment.status).toBe('expired');
    expect(join?.services).toEqual(['default/web']);
  });
});

describe('joinCertificates matching rules (hand-built)', () => {
  const cert = (name: string, ns: string, secretName: string, owner?: { kind: string; name: string }) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: {
      name,
      namespace: ns,
      ownerReferences:
        owner === undefined ? undefined : [{ ...owner, controller: true, apiVersion: 'x/v1', uid: 'u' }],
    },
    spec: { secretName, issuerRef: { name: 'ca', kind: 'ClusterIssuer' } },
    status: { notAfter: '2030-01-01T00:00:00Z' },
  });
  const gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'infra' },
    spec: {
      listeners: [
        {
          name: 'a',
          protocol: 'HTTPS',
          port: 443,
          tls: { certificateRefs: [{ name: 'wild', namespace: 'certs' }] },
        },
        { name: 'b', protocol: 'HTTPS', port: 8443, tls: { certificateRefs: [{ name: 'other' }] } },
      ],
    },
  };
  const route = (name: string, sectionName?: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'apps' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra', sectionName }],
      rules: [{ backendRefs: [{ name: name, port: 80 }] }],
    },
  });
  const objects = [
    cert('wild', 'certs', 'wild'),
    cert('owned', 'apps', 'owned-tls', { kind: 'Ingress', name: 'legacy' }),
    gateway,
    route('on-a', 'a'),
    route('on-b', 'b'),
    route('all'),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'legacy', namespace: 'apps' },
      spec: { rules: [{ http: { paths: [{ backend: { service: { name: 'legacy' } } }] } }] },
    },
    ...['on-a', 'on-b', 'all', 'legacy'].flatMap((n) => [
      rawService('apps', n, { app: n }),
      deploymentPod('apps', n, { app: n }),
    ]),
  ];
  const joins = joinCertificates(snapshotFromObjects(objects).snapshot, {
    now: Date.parse('2026-01-01T00:00:00Z'),
  });

  it('cross-namespace certificateRef; routes attach via sectionName of a serving listener or no sectionName', () => {
    const wild = joins.find((j) => j.certificate.name === 'wild');
    expect(wild?.usedBy).toEqual([
      { kind: 'Gateway', namespace: 'infra', name: 'gw' },
      { kind: 'HTTPRoute', namespace: 'apps', name: 'all' },
      { kind: 'HTTPRoute', namespace: 'apps', name: 'on-a' },
    ]);
    expect(wild?.services).toEqual(['apps/all', 'apps/on-a']);
  });

  it('an Ingress that owns the certificate counts even without a matching tls block', () => {
    const owned = joins.find((j) => j.certificate.name === 'owned');
    expect(owned?.usedBy).toEqual([{ kind: 'Ingress', namespace: 'apps', name: 'legacy' }]);
    expect(owned?.services).toEqual(['apps/legacy']);
  });
});
