// The live traffic a certificate protects: flows into the service-map nodes behind it (the joins
// resolve Certificate → Secret → Ingress/Gateway/routes → Services → pods → map node ids), read from
// one map view. Rates come from the view's per-edge last-minute rate; counts cover the view window.
import type { CertificatesResponse, CertificateView } from '../domain/cluster';
import type { MapView } from '../domain/service-map';

export interface ServiceTraffic {
  readonly id: string;
  /** Flows into the node per second over the last minute. */
  readonly flowsPerSecond: number;
  /** Flows into the node in the window. */
  readonly flows: number;
  readonly httpRequests: number;
  readonly http5xx: number;
}

export interface CertificateTraffic {
  readonly window: string;
  readonly flowsPerSecond: number;
  readonly flows: number;
  readonly httpRequests: number;
  readonly http5xx: number;
  readonly services: readonly ServiceTraffic[];
}

export type CertificateWithTraffic = CertificateView & { readonly traffic: CertificateTraffic };

export interface CertificatesBody extends Omit<CertificatesResponse, 'certificates'> {
  readonly certificates: readonly CertificateWithTraffic[];
}

interface Totals {
  flowsPerSecond: number;
  flows: number;
  httpRequests: number;
  http5xx: number;
}

function inboundTotals(view: MapView): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const edge of view.edges) {
    const t = out.get(edge.target) ?? { flowsPerSecond: 0, flows: 0, httpRequests: 0, http5xx: 0 };
    t.flowsPerSecond += edge.rate ?? 0;
    t.flows += edge.flows;
    t.httpRequests += edge.http.requests;
    t.http5xx += edge.http.errors5xx;
    out.set(edge.target, t);
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `view` should be built with `withRates: true`; without rates the per-second figures are 0. */
export function withCertificateTraffic(response: CertificatesResponse, view: MapView): CertificatesBody {
  const inbound = inboundTotals(view);
  return {
    ...response,
    certificates: response.certificates.map((cert) => {
      const services = cert.services.map((id): ServiceTraffic => {
        const t = inbound.get(id);
        return {
          id,
          flowsPerSecond: round(t?.flowsPerSecond ?? 0),
          flows: t?.flows ?? 0,
          httpRequests: t?.httpRequests ?? 0,
          http5xx: t?.http5xx ?? 0,
        };
      });
      const sum = (pick: (s: ServiceTraffic) => number) => services.reduce((acc, s) => acc + pick(s), 0);
      return {
        ...cert,
        traffic: {
          window: view.window,
          flowsPerSecond: round(sum((s) => s.flowsPerSecond)),
          flows: sum((s) => s.flows),
          httpRequests: sum((s) => s.httpRequests),
          http5xx: sum((s) => s.http5xx),
          services,
        },
      };
    }),
  };
}
