/*
 * Minimal IPv4/IPv6 parsing and CIDR containment for fromCIDR/toCIDR/ipBlock evaluation and for
 * writing /32 or /128 rules. Addresses become bigints so both families share one code path.
 */

export interface ParsedIp {
  readonly family: 4 | 6;
  readonly value: bigint;
}

export interface ParsedCidr {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseHextets(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    out.push(Number.parseInt(group, 16));
  }
  return out;
}

function parseIpv6(input: string): bigint | undefined {
  let text = input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two hextets.
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    text = text.slice(0, lastColon + 1);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHextets(halves[0] ?? '');
  const rest = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const explicit = head.length + rest.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    if (explicit > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
  } else {
    if (explicit !== 8) return undefined;
    groups = [...head, ...tail];
  }
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

export function parseIp(text: string): ParsedIp | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(trimmed);
  return value === undefined ? undefined : { family: 4, value };
}

function bitsOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** Parses `a.b.c.d/n` or `x::/n`; a bare address is a host route (/32, /128). */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  const bits = bitsOf(ip.family);
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { family: ip.family, network: (ip.value >> hostBits) << hostBits, prefix };
}

export function cidrContains(cidr: ParsedCidr, ip: ParsedIp): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt(bitsOf(ip.family) - cidr.prefix);
  return ip.value >> hostBits === cidr.network >> hostBits;
}

/** True when `ip` is in `cidr` and in none of `except`; unparsable input never matches. */
export function ipInCidrSet(ipText: string, cidrText: string, except: readonly string[] = []): boolean {
  const ip = parseIp(ipText);
  const cidr = parseCidr(cidrText);
  if (ip === undefined || cidr === undefined || !cidrContains(cidr, ip)) return false;
  return !except.some((text) => {
    const excluded = parseCidr(text);
    return excluded !== undefined && cidrContains(excluded, ip);
  });
}

/** `10.0.0.1` → `10.0.0.1/32`, `2001:db8::1` → `2001:db8::1/128`; undefined if not an address. */
export function hostCidr(ipText: string): string | undefined {
  const ip = parseIp(ipText);
  if (ip === undefined) return undefined;
  return `${ipText.trim()}/${bitsOf(ip.family)}`;
}
