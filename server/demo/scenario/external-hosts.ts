// External destinations the workloads call, with the addresses DNS returns for them, and the
// search-path lookups a pod with ndots:5 performs before the absolute name resolves.
import type { DnsQuery } from './flow-spec';

export interface ExternalHost {
  readonly fqdn: string;
  readonly ips: readonly string[];
  readonly ttl: number;
}

export const EXTERNAL: Readonly<Record<'stripe' | 's3' | 'github' | 'letsencrypt', ExternalHost>> = {
  stripe: { fqdn: 'api.stripe.com', ips: ['54.187.174.169', '54.187.205.235', '54.187.216.72'], ttl: 60 },
  s3: { fqdn: 's3.amazonaws.com', ips: ['52.217.161.80', '52.216.56.16'], ttl: 5 },
  github: { fqdn: 'github.com', ips: ['140.82.121.4'], ttl: 60 },
  letsencrypt: { fqdn: 'acme-v02.api.letsencrypt.org', ips: ['172.65.32.248'], ttl: 300 },
};

/** Negative answers carry no TTL; Hubble prints the unset value as 4294967295. */
const NX_TTL = 4294967295;

export function externalLookup(namespace: string, host: ExternalHost): DnsQuery[] {
  const nx = (query: string): DnsQuery => ({ query, qtype: 'A', rcode: 3, ips: [], ttl: NX_TTL });
  return [
    nx(`${host.fqdn}.${namespace}.svc.cluster.local.`),
    nx(`${host.fqdn}.svc.cluster.local.`),
    nx(`${host.fqdn}.cluster.local.`),
    { query: `${host.fqdn}.`, qtype: 'A', rcode: 0, ips: host.ips, ttl: host.ttl },
  ];
}

export function serviceLookup(service: string, namespace: string, clusterIp: string): DnsQuery[] {
  return [
    { query: `${service}.${namespace}.svc.cluster.local.`, qtype: 'A', rcode: 0, ips: [clusterIp], ttl: 30 },
  ];
}

/** Internet clients of the shop (documentation ranges plus a few ISP-looking addresses). */
export const SHOP_CLIENT_IPS: readonly string[] = [
  '203.0.113.24',
  '203.0.113.87',
  '198.51.100.14',
  '198.51.100.203',
  '192.0.2.45',
  '81.2.69.142',
  '89.160.20.112',
  '175.16.199.7',
  '216.160.83.56',
  '2.125.160.216',
];

/** `scale.externalIps` distinct public-looking IPv4 addresses: a bijection of the index onto 34.0.0.0/8… */
export function externalIp(index: number): string {
  // Multiplying by an odd constant permutes 24-bit values, so indices never collide.
  const v = (Math.imul(index & 0xffffff, 0x9e3779) & 0xffffff) >>> 0;
  const first = 34 + Math.floor(index / 0x1000000);
  return `${first}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}
