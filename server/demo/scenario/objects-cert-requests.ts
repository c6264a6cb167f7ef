// CertificateRequests (the latest issuance attempt of each Certificate) and the issuers.
import { DAY_MS, isoSeconds } from './clock';
import type { CertDef } from './objects-certs';
import { hashString, k8sSuffix, uuidFor } from './prng';
import { created, meta, obj, ownerRef, type RenderContext } from './render-context';
import type { KubeObject } from './types';

const cond = (type: string, status: string, reason: string, message: string, at: number) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: isoSeconds(at),
});

export function renderRequest(
  ctx: RenderContext,
  d: CertDef,
  certUid: string,
  revision: number,
  state: 'Issued' | 'Pending' | 'Failed',
  at: number,
): KubeObject {
  const seed = ctx.model.seed;
  const name = `${d.name}-${k8sSuffix(hashString(`${d.ns}/${d.name}#${revision}`, seed), 5)}`;
  const approved = cond(
    'Approved',
    'True',
    'cert-manager.io',
    'Certificate request has been approved by cert-manager.io',
    at,
  );
  const ready =
    state === 'Issued'
      ? cond('Ready', 'True', 'Issued', 'Certificate fetched from issuer successfully', at + 5_000)
      : state === 'Pending'
        ? cond(
            'Ready',
            'False',
            'Pending',
            `Waiting on certificate issuance from order ${d.ns}/${name}-${hashString(name, seed) % 1_000_000_000}: "pending"`,
            at,
          )
        : cond('Ready', 'False', 'Failed', 'Failed to sign certificate: permission denied', at);
  const status: Record<string, unknown> = {
    conditions: [approved, ready],
  };
  if (state === 'Failed') status.failureTime = isoSeconds(at);
  return obj(
    'cert-manager.io/v1',
    'CertificateRequest',
    meta({
      name,
      namespace: d.ns,
      uid: uuidFor(seed, `CertificateRequest/${d.ns}/${name}`),
      generation: 1,
      creationTimestamp: isoSeconds(at),
      annotations: {
        'cert-manager.io/certificate-name': d.name,
        'cert-manager.io/certificate-revision': String(Math.max(1, revision)),
        'cert-manager.io/private-key-secret-name': `${d.name}-${k8sSuffix(hashString(d.name, seed), 5)}`,
      },
      ownerReferences: [
        ownerRef({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', name: d.name, uid: certUid }),
      ],
    }),
    {
      spec: {
        issuerRef: { group: 'cert-manager.io', kind: d.issuer.kind, name: d.issuer.name },
        request: '',
        usages: ['digital signature', 'key encipherment'],
        duration: '2160h0m0s',
      },
      status,
    },
  );
}

export function renderIssuers(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  const since = ctx.model.epochMs + DAY_MS;
  const ready = (reason: string, message: string) => ({
    conditions: [{ ...cond('Ready', 'True', reason, message, since), observedGeneration: 1 }],
  });
  return [
    obj(
      'cert-manager.io/v1',
      'ClusterIssuer',
      meta({
        name: 'letsencrypt-prod',
        uid: uuidFor(seed, 'ClusterIssuer/letsencrypt-prod'),
        generation: 1,
        creationTimestamp: created(ctx, 1),
      }),
      {
        spec: {
          acme: {
            server: 'https://acme-v02.api.letsencrypt.org/directory',
            email: 'platform@example.com',
            privateKeySecretRef: { name: 'letsencrypt-prod-account-key' },
            solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
          },
        },
        status: {
          acme: {
            uri: `https://acme-v02.api.letsencrypt.org/acme/acct/${1_000_000_000 + (hashString('acct', seed) % 900_000_000)}`,
            lastRegisteredEmail: 'platform@example.com',
          },
          ...ready('ACMEAccountRegistered', 'The ACME account was registered with the ACME server'),
        },
      },
    ),
    obj(
      'cert-manager.io/v1',
      'ClusterIssuer',
      meta({
        name: 'internal-ca',
        uid: uuidFor(seed, 'ClusterIssuer/internal-ca'),
        generation: 1,
        creationTimestamp: created(ctx, 1),
      }),
      {
        spec: { ca: { secretName: 'internal-ca-keypair' } },
        status: ready('KeyPairVerified', 'Signing CA verified'),
      },
    ),
    obj(
      'cert-manager.io/v1',
      'Issuer',
      meta({
        name: 'vault-issuer',
        namespace: 'payments',
        uid: uuidFor(seed, 'Issuer/payments/vault-issuer'),
        generation: 1,
        creationTimestamp: created(ctx, 1),
      }),
      {
        spec: {
          vault: {
            server: 'https://vault.vault.svc:8200',
            path: 'pki_int/sign/payments',
            auth: {
              kubernetes: {
                role: 'cert-manager-payments',
                mountPath: '/v1/auth/kubernetes',
                serviceAccountRef: { name: 'vault-issuer' },
              },
            },
          },
        },
        status: ready('VaultVerified', 'Vault verified'),
      },
    ),
  ];
}
