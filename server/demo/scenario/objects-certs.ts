// cert-manager objects. Five certificates cover the states a dashboard must tell apart: healthy
// (~60 days left), expiring within 7 days (renews mid-cycle: notAfter jumps, revision++), expired,
// failing renewal (Issuing=False, failedIssuanceAttempts) and pending first issuance (no notAfter).
// Condition reasons/messages are cert-manager's own strings (objects-facts.md §a).
import { DAY_MS, goTimeString, HOUR_MS, isoSeconds, rfc1123 } from './clock';
import { renderIssuers, renderRequest } from './objects-cert-requests';
import { GATEWAY_LISTENERS, INGRESSES } from './objects-ingress';
import { hashString, k8sSuffix, uuidFor } from './prng';
import { created, meta, obj, ownerRef, type RenderContext } from './render-context';
import { AT } from './timeline';
import type { KubeObject } from './types';

const LIFETIME = 90 * DAY_MS;
const READY_MSG = 'Certificate is up to date and has not expired';
const RETRY_PREFIX = 'The certificate request has failed to complete and will be retried: ';

type CertState = 'healthy' | 'expiring' | 'expired' | 'failing' | 'pending';

export interface CertDef {
  ns: string;
  name: string;
  state: CertState;
  owner: { apiVersion: string; kind: string; name: string };
  dnsNames: readonly string[];
  issuer: { kind: 'ClusterIssuer' | 'Issuer'; name: string };
}

function certDefs(): CertDef[] {
  const states: Record<string, CertState> = {
    'shop-example-com-tls': 'expiring',
    'grafana-example-com-tls': 'expired',
    'hooks-pay-example-com-tls': 'failing',
    'api-shop-tls': 'healthy',
    'partners-shop-tls': 'pending',
  };
  const fromIngress = INGRESSES.map((i) => ({
    ns: i.ns,
    name: i.secret,
    state: states[i.secret] ?? 'healthy',
    owner: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: i.name },
    dnsNames: i.hosts,
    issuer: i.issuer,
  }));
  const fromGateway = GATEWAY_LISTENERS.map((l) => ({
    ns: 'shop',
    name: l.secret,
    state: states[l.secret] ?? 'healthy',
    owner: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: 'shop-gateway' },
    dnsNames: [l.hostname],
    issuer: { kind: 'ClusterIssuer' as const, name: 'letsencrypt-prod' },
  }));
  return [...fromIngress, ...fromGateway];
}

/** Secrets that exist (everything except a certificate that was never issued). */
export function issuedSecrets(): Set<string> {
  return new Set(
    certDefs()
      .filter((c) => c.state !== 'pending')
      .map((c) => `${c.ns}/${c.name}`),
  );
}

const cond = (type: string, status: string, reason: string, message: string, at: number) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: isoSeconds(at),
  observedGeneration: 1,
});

export function renderCertManager(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  const p = ctx.phase;
  const c0 = p.cycleStartMs;
  const out: KubeObject[] = [];
  for (const d of certDefs()) {
    const ownerUid = uuidFor(seed, `${d.owner.kind}/${d.ns}/${d.owner.name}`);
    const spec: Record<string, unknown> = {
      dnsNames: d.dnsNames,
      issuerRef: { group: 'cert-manager.io', kind: d.issuer.kind, name: d.issuer.name },
      secretName: d.name,
      usages: ['digital signature', 'key encipherment'],
    };
    const status: Record<string, unknown> = {};
    let crState: 'Issued' | 'Pending' | 'Failed' = 'Issued';
    let revision = 0;
    const since = ctx.model.epochMs + 2 * DAY_MS;
    /** When the latest CertificateRequest was created. */
    let requestAt = since;
    if (d.state === 'healthy') {
      const notBefore = Math.floor((c0 - 30 * DAY_MS) / 1000) * 1000;
      revision = 4;
      requestAt = notBefore - 60_000;
      Object.assign(status, {
        conditions: [cond('Ready', 'True', 'Ready', READY_MSG, notBefore + 60_000)],
        notAfter: isoSeconds(notBefore + LIFETIME),
        notBefore: isoSeconds(notBefore),
        renewalTime: isoSeconds(notBefore + 60 * DAY_MS),
        revision,
      });
    } else if (d.state === 'expiring') {
      spec.renewBefore = '144h0m0s';
      const renewal = c0 + AT.certRenewing;
      revision = 7 + p.cycleIndex + (p.certRenewed ? 1 : 0);
      let notAfter = renewal + 144 * HOUR_MS;
      if (p.certRenewed) notAfter = c0 + AT.certRenewed + LIFETIME;
      requestAt = p.certRenewed ? c0 + AT.certRenewed - 10_000 : notAfter - LIFETIME - 60_000;
      const conditions = [cond('Ready', 'True', 'Ready', READY_MSG, since)];
      if (p.certRenewing) {
        conditions.push(
          cond(
            'Issuing',
            'True',
            'Renewing',
            `Renewing certificate as renewal was scheduled at ${goTimeString(renewal)}`,
            renewal,
          ),
        );
        status.nextPrivateKeySecretName = `${d.name}-${k8sSuffix(hashString(`${d.name}@${revision}`, seed), 5)}`;
        crState = 'Pending';
        requestAt = renewal;
      }
      Object.assign(status, {
        conditions,
        notAfter: isoSeconds(notAfter),
        notBefore: isoSeconds(notAfter - LIFETIME),
        renewalTime: isoSeconds(notAfter - 144 * HOUR_MS),
        revision,
      });
    } else if (d.state === 'expired') {
      const notAfter = Math.floor((c0 - 3 * DAY_MS) / 1000) * 1000;
      const failed = c0 - 20 * HOUR_MS;
      requestAt = failed;
      revision = 2;
      crState = 'Failed';
      Object.assign(status, {
        conditions: [
          cond('Ready', 'False', 'Expired', `Certificate expired on ${rfc1123(notAfter)}`, notAfter + 1_000),
          cond(
            'Issuing',
            'False',
            'Failed',
            `${RETRY_PREFIX}Failed to wait for order resource "${d.name}-${k8sSuffix(hashString(d.name, seed), 5)}-2741826391" to become ready: order is in "invalid" state: `,
            failed,
          ),
        ],
        failedIssuanceAttempts: 6,
        lastFailureTime: isoSeconds(failed),
        notAfter: isoSeconds(notAfter),
        notBefore: isoSeconds(notAfter - LIFETIME),
        renewalTime: isoSeconds(notAfter - 30 * DAY_MS),
        revision,
      });
    } else if (d.state === 'failing') {
      const notAfter = Math.floor((c0 + 10 * DAY_MS) / 1000) * 1000;
      const failed = c0 - 3 * HOUR_MS;
      requestAt = failed;
      revision = 5;
      crState = 'Failed';
      Object.assign(status, {
        conditions: [
          cond('Ready', 'True', 'Ready', READY_MSG, since),
          cond(
            'Issuing',
            'False',
            'Failed',
            `${RETRY_PREFIX}Vault failed to sign certificate: failed to sign certificate by vault: Error making API request. Code: 403. Errors: * permission denied`,
            failed,
          ),
        ],
        failedIssuanceAttempts: 3,
        lastFailureTime: isoSeconds(failed),
        notAfter: isoSeconds(notAfter),
        notBefore: isoSeconds(notAfter - LIFETIME),
        renewalTime: isoSeconds(notAfter - 30 * DAY_MS),
        revision,
      });
    } else {
      crState = 'Pending';
      Object.assign(status, {
        conditions: [
          cond('Ready', 'False', 'DoesNotExist', 'Issuing certificate as Secret does not exist', since),
          cond('Issuing', 'True', 'DoesNotExist', 'Issuing certificate as Secret does not exist', since),
        ],
        nextPrivateKeySecretName: `${d.name}-${k8sSuffix(hashString(d.name, seed), 5)}`,
      });
    }
    const certUid = uuidFor(seed, `Certificate/${d.ns}/${d.name}`);
    out.push(
      obj(
        'cert-manager.io/v1',
        'Certificate',
        meta({
          name: d.name,
          namespace: d.ns,
          uid: certUid,
          generation: 1,
          creationTimestamp: created(ctx, 2),
          ownerReferences: [ownerRef({ ...d.owner, uid: ownerUid })],
        }),
        { spec, status },
      ),
    );
    out.push(
      renderRequest(ctx, d, certUid, crState === 'Issued' ? revision : revision + 1, crState, requestAt),
    );
  }
  out.push(...renderIssuers(ctx));
  return out;
}
