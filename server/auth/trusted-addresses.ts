// Which socket peers may assert a user through the reverse-proxy header. A peer address from a
// dual-stack socket arrives as `::ffff:10.0.0.7`; it is compared as the IPv4 address it carries.
import { cidrContains, type ParsedCidr, type ParsedIp, parseCidr, parseIp } from '../domain/policy/cidr';

export interface TrustedAddresses {
  readonly cidrs: readonly ParsedCidr[];
  /** As configured, for messages and docs. */
  readonly text: readonly string[];
}

const V4_MAPPED_PREFIX = 0xffffn;

function unmapped(ip: ParsedIp): ParsedIp {
  if (ip.family === 6 && ip.value >> 32n === V4_MAPPED_PREFIX) {
    return { family: 4, value: ip.value & 0xffffffffn };
  }
  return ip;
}

/** Comma- or space-separated CIDRs or addresses; returns an error message for the first bad entry. */
export function parseTrustedAddresses(list: string): TrustedAddresses | string {
  const text = list
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (text.length === 0) return 'expected at least one CIDR (e.g. 127.0.0.1/32,10.0.0.0/8)';
  const cidrs: ParsedCidr[] = [];
  for (const entry of text) {
    const cidr = parseCidr(entry);
    if (cidr === undefined) return `"${entry}" is not a CIDR or IP address`;
    cidrs.push(cidr.family === 6 && cidr.prefix >= 96 ? mappedCidr(cidr) : cidr);
  }
  return { cidrs, text };
}

// `::ffff:10.0.0.0/104` means 10.0.0.0/8; keep one comparison path by storing it as IPv4.
function mappedCidr(cidr: ParsedCidr): ParsedCidr {
  if (cidr.network >> 32n !== V4_MAPPED_PREFIX) return cidr;
  return { family: 4, network: cidr.network & 0xffffffffn, prefix: cidr.prefix - 96 };
}

export function isTrustedPeer(trusted: TrustedAddresses, peer: string | null | undefined): boolean {
  if (peer === null || peer === undefined || peer === '') return false;
  const parsed = parseIp(peer);
  if (parsed === undefined) return false;
  const ip = unmapped(parsed);
  return trusted.cidrs.some((cidr) => cidrContains(cidr, ip));
}
