import { describe, expect, it } from 'vitest';
import {
  assessCertificate,
  type CertificateRecord,
  compareByUrgency,
  parseCertificateRecord,
  toCertificateRecord,
} from './certificates';
import { loadFixtureObjects, ofKind, withDates } from './test-support/k8s-fixtures';

const raws = ofKind(loadFixtureObjects('cert-manager/certificates.reconstructed.yaml'), 'Certificate');

function cert(raw: unknown): CertificateRecord {
  const r = toCertificateRecord(raw);
  if (r === undefined) throw new Error('certificate did not parse');
  return r;
}

// Fixture order: ready, renewing, expired, failed (external issuer), first issuance, gateway-shim.
const [ready, renewing, expired, failed, firstIssuance, gatewayCert] = raws.map(cert);
const DAY = 86_400_000;

function synthetic(status: Record<string, unknown>): CertificateRecord {
  return cert({
    metadata: { name: 'c', namespace: 'n' },
    spec: { secretName: 'c-tls', issuerRef: { name: 'le', kind: 'ClusterIssuer' } },
    status,
  });
}

describe('parseCertificateRecord on the cert-manager fixtures', () => {
  it('parses all six Certificates', () => {
    expect(raws).toHaveLength(6);
    expect(gatewayCert?.name).toBe('api-shop-tls');
  });

  it('reads the ingress-shim certificate completely', () => {
    expect(ready).toEqual({
      namespace: 'default',
      name: 'web-ssl',
      secretName: 'web-ssl',
      dnsNames: ['www.example.com'],
      commonName: null,
      issuer: { kind: 'Issuer', name: 'letsencrypt-staging', group: 'cert-manager.io' },
      notBefore: '2022-07-14T15:34:52.000Z',
      notAfter: '2022-10-12T15:34:51.000Z',
      renewalTime: '2022-09-12T15:34:51.000Z',
      ready: {
        type: 'Ready',
        status: 'True',
        reason: 'Ready',
        message: 'Certificate is up to date and has not expired',
        lastTransitionTime: '2022-07-14T15:39:30.000Z',
      },
      issuing: null,
      failedIssuanceAttempts: 0,
      lastFailureTime: null,
      revision: 1,
      owner: { kind: 'Ingress', name: 'web-ingress' },
    });
  });

  it('gives the same record whether timestamps arrive as strings or Date objects', () => {
    const keys = new Set(['notBefore', 'notAfter', 'renewalTime', 'lastFailureTime', 'lastTransitionTime']);
    for (const raw of raws) expect(cert(withDates(raw, keys))).toEqual(cert(raw));
  });

  it('reads external issuers and failure counters', () => {
    expect(failed?.issuer).toEqual({
      kind: 'AWSPCAIssuer',
      name: 'pca-issuer-rsa-2',
      group: 'awspca.cert-manager.io',
    });
    expect(failed?.failedIssuanceAttempts).toBe(2);
    expect(failed?.lastFailureTime).toBe('2023-10-26T21:46:37.000Z');
  });

  it('rejects certificates without namespace', () => {
    expect(parseCertificateRecord({ kind: 'Certificate', metadata: { name: 'x' } }).ok).toBe(false);
  });
});

describe('assessCertificate on the fixtures', () => {
  it('ready certificate well before renewal → ok', () => {
    const a = assessCertificate(ready as CertificateRecord, Date.parse('2022-08-01T00:00:00Z'));
    expect(a).toEqual({
      status: 'ok',
      daysLeft: 72,
      ready: true,
      reason: 'Ready',
      message: 'Certificate is up to date and has not expired',
    });
  });

  it('renewing certificate 11 days before notAfter → expiring (Ready still True)', () => {
    const a = assessCertificate(renewing as CertificateRecord, Date.parse('2022-10-01T00:00:00Z'));
    expect(a).toMatchObject({ status: 'expiring', daysLeft: 11, ready: true });
  });

  it('expired certificate (Ready False Expired, Issuing failed too) → expired wins', () => {
    const a = assessCertificate(expired as CertificateRecord, Date.parse('2022-10-13T00:00:00Z'));
    expect(a).toEqual({
      status: 'expired',
      daysLeft: -1,
      ready: false,
      reason: 'Expired',
      message: 'Certificate expired on Wed, 12 Oct 2022 15:34:51 UTC',
    });
  });

  it('first issuance failing (Issuing False Failed) → failed with the Issuing message', () => {
    const a = assessCertificate(failed as CertificateRecord, Date.parse('2023-10-27T00:00:00Z'));
    expect(a).toEqual({
      status: 'failed',
      daysLeft: null,
      ready: false,
      reason: 'Failed',
      message:
        'The certificate request has failed to complete and will be retried: issuer could not be found',
    });
  });

  it('first issuance in progress → pending', () => {
    const a = assessCertificate(firstIssuance as CertificateRecord, Date.parse('2022-07-14T16:31:00Z'));
    expect(a).toMatchObject({ status: 'pending', daysLeft: null, ready: false, reason: 'MissingData' });
  });
});

describe('assessCertificate boundaries', () => {
  const now = Date.parse('2026-08-20T12:00:00Z');
  const withNotAfter = (ms: number) =>
    synthetic({
      notAfter: new Date(ms).toISOString(),
      conditions: [{ type: 'Ready', status: 'True', reason: 'Ready' }],
    });

  it('14 days left → expiring, 15 days left → ok', () => {
    expect(assessCertificate(withNotAfter(now + 14 * DAY), now)).toMatchObject({
      status: 'expiring',
      daysLeft: 14,
    });
    expect(assessCertificate(withNotAfter(now + 15 * DAY), now)).toMatchObject({
      status: 'ok',
      daysLeft: 15,
    });
    expect(assessCertificate(withNotAfter(now + 15 * DAY - 1000), now)).toMatchObject({
      status: 'expiring',
      daysLeft: 14,
    });
  });

  it('the threshold is configurable', () => {
    expect(assessCertificate(withNotAfter(now + 20 * DAY), now, { expiringDays: 30 }).status).toBe(
      'expiring',
    );
    expect(assessCertificate(withNotAfter(now + 10 * DAY), now, { expiringDays: 7 }).status).toBe('ok');
  });

  it('just expired: one second past notAfter → expired; at notAfter it is still valid', () => {
    const notAfter = now - 1000;
    expect(assessCertificate(withNotAfter(notAfter), now)).toMatchObject({ status: 'expired', daysLeft: -1 });
    expect(assessCertificate(withNotAfter(now), now)).toMatchObject({ status: 'expiring', daysLeft: 0 });
  });

  it('Ready True but past notAfter → expired with a message from the dates', () => {
    const a = assessCertificate(withNotAfter(now - 3 * DAY), now);
    expect(a).toEqual({
      status: 'expired',
      daysLeft: -3,
      ready: true,
      reason: 'Expired',
      message: `Certificate expired at ${new Date(now - 3 * DAY).toISOString()}`,
    });
  });

  it('failed via lastFailureTime alone (Ready still True, 40 days left)', () => {
    const c = synthetic({
      notAfter: new Date(now + 40 * DAY).toISOString(),
      lastFailureTime: '2026-08-19T00:00:00Z',
      failedIssuanceAttempts: 3,
      conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'ok' }],
    });
    expect(assessCertificate(c, now)).toMatchObject({ status: 'failed', daysLeft: 40, ready: true });
  });

  it('failed via Issuing False outranks expiring', () => {
    const c = synthetic({
      notAfter: new Date(now + 2 * DAY).toISOString(),
      conditions: [
        { type: 'Issuing', status: 'False', reason: 'Denied', message: 'denied by policy' },
        { type: 'Ready', status: 'True', reason: 'Ready' },
      ],
    });
    expect(assessCertificate(c, now)).toMatchObject({
      status: 'failed',
      reason: 'Denied',
      message: 'denied by policy',
    });
  });

  it('Issuing False with reason Issued (ServerSideApply gate) is success, not failure', () => {
    const c = synthetic({
      notAfter: new Date(now + 60 * DAY).toISOString(),
      conditions: [
        { type: 'Issuing', status: 'False', reason: 'Issued' },
        { type: 'Ready', status: 'True', reason: 'Ready' },
      ],
    });
    expect(assessCertificate(c, now).status).toBe('ok');
  });

  it('no status at all → pending', () => {
    expect(assessCertificate(synthetic({}), now)).toEqual({
      status: 'pending',
      daysLeft: null,
      ready: false,
      reason: null,
      message: null,
    });
  });
});

describe('compareByUrgency', () => {
  it('orders expired, failed, expiring, pending, ok, then by days left', () => {
    const rows = [
      { status: 'ok' as const, daysLeft: 80, namespace: 'a', name: 'ok' },
      { status: 'expiring' as const, daysLeft: 9, namespace: 'a', name: 'exp9' },
      { status: 'pending' as const, daysLeft: null, namespace: 'a', name: 'pend' },
      { status: 'expired' as const, daysLeft: -2, namespace: 'a', name: 'dead' },
      { status: 'expiring' as const, daysLeft: 3, namespace: 'a', name: 'exp3' },
      { status: 'failed' as const, daysLeft: null, namespace: 'a', name: 'fail' },
    ];
    expect(rows.sort(compareByUrgency).map((r) => r.name)).toEqual([
      'dead',
      'fail',
      'exp3',
      'exp9',
      'pend',
      'ok',
    ]);
  });
});
