// IP and CIDR handling for the ip filters. Hubble compares exact addresses as strings (the flow
// carries Go's canonical text form) and CIDRs with net.IPNet.Contains, which treats IPv4-mapped
// IPv6 addresses as IPv4. Parsing here never allocates per flow: groups go into a scratch array.

const COLON = 58;
const DOT = 46;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Strict dotted quad in s[start, end): no leading zeros (Go ≥ 1.17 rejects them). -1 if invalid. */
export function parseIPv4(s: string, start = 0, end = s.length): number {
  let value = 0;
  let parts = 0;
  let i = start;
  while (parts < 4) {
    const partStart = i;
    let part = 0;
    while (i < end) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      part = part * 10 + d;
      i++;
    }
    const len = i - partStart;
    if (len === 0 || len > 3 || part > 255) return -1;
    if (len > 1 && s.charCodeAt(partStart) === 48) return -1;
    value = value * 256 + part;
    parts++;
    if (parts < 4) {
      if (i >= end || s.charCodeAt(i) !== DOT) return -1;
      i++;
    }
  }
  return i === end ? value : -1;
}

/** Parses an IPv6 text (optionally ending in a dotted quad) into 8 groups. No zones. */
export function parseIPv6Into(s: string, out: Uint16Array): boolean {
  const n = s.length;
  if (n < 2) return false;
  let i = 0;
  let groups = 0;
  let gapAt = -1;
  if (s.charCodeAt(0) === COLON) {
    if (s.charCodeAt(1) !== COLON) return false;
    gapAt = 0;
    i = 2;
  }
  while (i < n) {
    if (groups >= 8) return false;
    let j = i;
    let value = 0;
    while (j < n) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    if (j < n && s.charCodeAt(j) === DOT) {
      if (groups > 6) return false;
      const v4 = parseIPv4(s, i, n);
      if (v4 < 0) return false;
      out[groups++] = Math.floor(v4 / 65536);
      out[groups++] = v4 % 65536;
      i = n;
      break;
    }
    if (j === i || j - i > 4) return false;
    out[groups++] = value;
    i = j;
    if (i === n) break;
    if (s.charCodeAt(i) !== COLON) return false;
    i++;
    if (i < n && s.charCodeAt(i) === COLON) {
      if (gapAt >= 0) return false;
      gapAt = groups;
      i++;
    } else if (i === n) {
      return false;
    }
  }
  if (gapAt < 0) return groups === 8;
  if (groups >= 8) return false;
  const tail = groups - gapAt;
  for (let k = 0; k < tail; k++) out[7 - k] = out[groups - 1 - k] ?? 0;
  for (let k = gapAt; k < 8 - tail; k++) out[k] = 0;
  return true;
}

function isV4Mapped(g: Uint16Array): boolean {
  return g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
}

function formatIPv4(v: number): string {
  return `${Math.floor(v / 16777216)}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
}

/** Go's net.IP.String for 16-byte addresses: longest run (≥ 2) of zero groups becomes "::". */
function formatIPv6(g: Uint16Array, mappedAsV4: boolean): string {
  if (mappedAsV4 && isV4Mapped(g)) return formatIPv4((g[6] ?? 0) * 65536 + (g[7] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (g[i] ?? 0).toString(16);
  }
  return out;
}

/** Canonical (Go-formatted) text of an IP address, or null if it is not one. */
export function canonicalIp(text: string): string | null {
  if (text.includes(':')) {
    const g = new Uint16Array(8);
    return parseIPv6Into(text, g) ? formatIPv6(g, true) : null;
  }
  const v4 = parseIPv4(text);
  return v4 < 0 ? null : formatIPv4(v4);
}

interface Cidr {
  readonly v4: boolean;
  readonly v4Net: number;
  readonly v4Mask: number;
  readonly v6Net: Uint16Array;
  readonly bits: number;
}

function maskV4(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const bitsText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const addr = text.slice(0, slash);
  if (!addr.includes(':')) {
    const v4 = parseIPv4(addr);
    if (v4 < 0 || bits > 32) return null;
    const mask = maskV4(bits);
    return { v4: true, v4Net: (v4 & mask) >>> 0, v4Mask: mask, v6Net: new Uint16Array(8), bits };
  }
  const g = new Uint16Array(8);
  if (!parseIPv6Into(addr, g) || bits > 128) return null;
  for (let i = 0; i < 8; i++) {
    const keep = Math.max(0, Math.min(16, bits - i * 16));
    g[i] = (g[i] ?? 0) & (keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff);
  }
  // Go's IPNet.Contains sees an IPv4-mapped network (only possible with /96 or longer) as IPv4.
  if (isV4Mapped(g)) {
    const mask = maskV4(bits - 96);
    const net = ((g[6] ?? 0) * 65536 + (g[7] ?? 0)) >>> 0;
    return { v4: true, v4Net: (net & mask) >>> 0, v4Mask: mask, v6Net: g, bits };
  }
  return { v4: false, v4Net: 0, v4Mask: 0, v6Net: g, bits };
}

/** Canonical CIDR text (host bits cleared, Go address form), or null. */
export function canonicalCidr(text: string): string | null {
  const cidr = parseCidr(text);
  if (cidr === null) return null;
  const slash = text.indexOf('/');
  if (!text.slice(0, slash).includes(':')) return `${formatIPv4(cidr.v4Net)}/${cidr.bits}`;
  return `${formatIPv6(cidr.v6Net, false)}/${cidr.bits}`;
}

const scratch = new Uint16Array(8);

function cidrContains(c: Cidr, ip: string): boolean {
  if (ip.includes(':')) {
    if (!parseIPv6Into(ip, scratch)) return false;
    if (isV4Mapped(scratch)) {
      if (!c.v4) return false;
      const v = ((scratch[6] ?? 0) * 65536 + (scratch[7] ?? 0)) >>> 0;
      return (v & c.v4Mask) >>> 0 === c.v4Net;
    }
    if (c.v4) return false;
    for (let i = 0; i < 8; i++) {
      const keep = Math.max(0, Math.min(16, c.bits - i * 16));
      if (keep === 0) return true;
      const mask = (0xffff << (16 - keep)) & 0xffff;
      if (((scratch[i] ?? 0) & mask) !== c.v6Net[i]) return false;
    }
    return true;
  }
  if (!c.v4) return false;
  const v = parseIPv4(ip);
  return v >= 0 && (v & c.v4Mask) >>> 0 === c.v4Net;
}

export type IpMatcher = (ip: string | undefined) => boolean;

/**
 * Hubble's filterByIPs: values with a "/" are CIDRs, others exact strings. Returns an error for
 * an invalid value, as Hubble does (INVALID_ARGUMENT).
 */
export function compileIpMatcher(values: readonly string[]): { match: IpMatcher } | { error: string } {
  const exact = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const value of values) {
    if (value.includes('/')) {
      const cidr = parseCidr(value);
      if (cidr === null) return { error: `invalid CIDR "${value}"` };
      cidrs.push(cidr);
    } else {
      if (canonicalIp(value) === null) return { error: `invalid IP address "${value}"` };
      exact.add(value);
    }
  }
  return {
    match: (ip) => {
      if (ip === undefined || ip === '') return false;
      if (exact.has(ip)) return true;
      for (const cidr of cidrs) if (cidrContains(cidr, ip)) return true;
      return false;
    },
  };
}
