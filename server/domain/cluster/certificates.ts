/*
 * cert-manager Certificate (cert-manager.io/v1) records and the dashboard's status rule.
 *
 * Status, first match wins (`now` is epoch ms, `daysLeft = floor((notAfter - now) / 1 day)`):
 *   expired  – notAfter is in the past (Ready stays True until cert-manager notices, so the date
 *              decides), or there is no notAfter and Ready is False with reason Expired;
 *   failed   – the Issuing condition is False for any reason but `Issued` (the success marker of the
 *              ServerSideApply feature gate), or `status.lastFailureTime` is set (cert-manager clears
 *              it on success);
 *   pending  – no notAfter yet (first issuance in progress, or the Secret is missing/invalid);
 *   expiring – daysLeft ≤ expiringDays (default 14);
 *   ok       – otherwise.
 */

import {
  type Condition,
  conditions,
  controllerOf,
  epochMs,
  findCondition,
  num,
  ok,
  type ParseResult,
  path,
  readMeta,
  recordOrUndefined,
  str,
  strList,
  timestamp,
} from './raw-json';

export type CertificateStatus = 'expired' | 'failed' | 'expiring' | 'pending' | 'ok';

/** Most urgent first; the API sorts by this order. */
export const CERTIFICATE_STATUS_ORDER: readonly CertificateStatus[] = [
  'expired',
  'failed',
  'expiring',
  'pending',
  'ok',
];

export const DEFAULT_EXPIRING_DAYS = 14;

const DAY_MS = 86_400_000;

export interface IssuerRef {
  readonly kind: string;
  readonly name: string;
  readonly group: string;
}

export interface CertificateRecord {
  readonly namespace: string;
  readonly name: string;
  readonly secretName: string | null;
  readonly dnsNames: readonly string[];
  readonly commonName: string | null;
  readonly issuer: IssuerRef;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly renewalTime: string | null;
  readonly ready: Condition | null;
  readonly issuing: Condition | null;
  readonly failedIssuanceAttempts: number;
  readonly lastFailureTime: string | null;
  readonly revision: number | null;
  /** Controller owner (Ingress/Gateway for shim-created certificates). */
  readonly owner: { readonly kind: string; readonly name: string } | null;
}

export function parseCertificateRecord(raw: unknown): ParseResult<CertificateRecord> {
  const meta = readMeta(raw, 'Certificate', true);
  if (!meta.ok) return meta;
  const spec = path(raw, 'spec');
  const status = path(raw, 'status');
  const conds = conditions(path(status, 'conditions'));
  const owner = controllerOf(meta.record);
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    secretName: str(path(spec, 'secretName')),
    dnsNames: strList(path(spec, 'dnsNames')),
    commonName: str(path(spec, 'commonName')),
    issuer: {
      kind: str(path(spec, 'issuerRef', 'kind')) ?? 'Issuer',
      name: str(path(spec, 'issuerRef', 'name')) ?? '',
      group: str(path(spec, 'issuerRef', 'group')) ?? 'cert-manager.io',
    },
    notBefore: timestamp(path(status, 'notBefore')),
    notAfter: timestamp(path(status, 'notAfter')),
    renewalTime: timestamp(path(status, 'renewalTime')),
    ready: findCondition(conds, 'Ready'),
    issuing: findCondition(conds, 'Issuing'),
    failedIssuanceAttempts: num(path(status, 'failedIssuanceAttempts')) ?? 0,
    lastFailureTime: timestamp(path(status, 'lastFailureTime')),
    revision: num(path(status, 'revision')),
    owner: owner === null ? null : { kind: owner.kind, name: owner.name },
  });
}

export function toCertificateRecord(raw: unknown): CertificateRecord | undefined {
  return recordOrUndefined(parseCertificateRecord(raw));
}

export interface CertificateOptions {
  /** A certificate with this many whole days left or fewer is `expiring`. */
  readonly expiringDays?: number;
}

export interface CertificateAssessment {
  readonly status: CertificateStatus;
  /** Whole days until notAfter, rounded down (negative once expired); null without notAfter. */
  readonly daysLeft: number | null;
  readonly ready: boolean;
  /** The condition that explains the status (Issuing for failures, Ready otherwise). */
  readonly reason: string | null;
  readonly message: string | null;
}

function issuingFailed(cert: CertificateRecord): boolean {
  const issuing = cert.issuing;
  return issuing !== null && issuing.status === 'False' && issuing.reason !== 'Issued';
}

export function assessCertificate(
  cert: CertificateRecord,
  now: number,
  options: CertificateOptions = {},
): CertificateAssessment {
  const expiringDays = options.expiringDays ?? DEFAULT_EXPIRING_DAYS;
  const notAfterMs = epochMs(cert.notAfter);
  const daysLeft = notAfterMs === null ? null : Math.floor((notAfterMs - now) / DAY_MS);
  const ready = cert.ready?.status === 'True';
  const readyReason = cert.ready?.reason ?? null;
  const readyMessage = cert.ready?.message ?? null;
  const explainedByReady = { ready, reason: readyReason, message: readyMessage };

  if (notAfterMs !== null && now > notAfterMs) {
    // cert-manager flips Ready only after it re-checks; until then Ready still claims "not expired".
    const stale = readyReason !== 'Expired';
    return {
      status: 'expired',
      daysLeft,
      ready,
      reason: stale ? 'Expired' : readyReason,
      message: stale ? `Certificate expired at ${cert.notAfter}` : readyMessage,
    };
  }
  if (notAfterMs === null && cert.ready?.status === 'False' && readyReason === 'Expired') {
    return { status: 'expired', daysLeft, ...explainedByReady };
  }
  if (issuingFailed(cert)) {
    return {
      status: 'failed',
      daysLeft,
      ready,
      reason: cert.issuing?.reason ?? null,
      message: cert.issuing?.message ?? null,
    };
  }
  if (cert.lastFailureTime !== null) {
    return {
      status: 'failed',
      daysLeft,
      ready,
      reason: readyReason ?? 'Failed',
      message: readyMessage ?? `Last issuance failed at ${cert.lastFailureTime}`,
    };
  }
  if (notAfterMs === null || daysLeft === null) return { status: 'pending', daysLeft, ...explainedByReady };
  if (daysLeft <= expiringDays) return { status: 'expiring', daysLeft, ...explainedByReady };
  return { status: 'ok', daysLeft, ...explainedByReady };
}

/** Sort key: urgency first, then fewest days left (unknown last), then namespace/name. */
export function compareByUrgency(
  a: { status: CertificateStatus; daysLeft: number | null; namespace: string; name: string },
  b: { status: CertificateStatus; daysLeft: number | null; namespace: string; name: string },
): number {
  const rank = CERTIFICATE_STATUS_ORDER.indexOf(a.status) - CERTIFICATE_STATUS_ORDER.indexOf(b.status);
  if (rank !== 0) return rank;
  const da = a.daysLeft ?? Number.POSITIVE_INFINITY;
  const db = b.daysLeft ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}
