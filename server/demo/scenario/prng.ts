// Deterministic randomness: every value in the scenario derives from the seed through these
// functions, so the same seed and time always give the same cluster and the same flows.

/** Murmur3's finaliser: spreads every input bit over the whole 32-bit output. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-sensitive combination of two 32-bit values. */
export function mix(a: number, b: number): number {
  return fmix32((a ^ Math.imul((b + 0x9e3779b9) | 0, 0x27d4eb2d)) >>> 0);
}

/** Numbers beyond 32 bits (millisecond timestamps) fold both halves in. */
export function mixNumber(a: number, value: number): number {
  const v = Number.isFinite(value) ? value : 0;
  const lo = (v % 4294967296) >>> 0;
  const hi = Math.floor(v / 4294967296) >>> 0;
  return mix(mix(a, lo), hi);
}

export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** mulberry32: small, fast and good enough for synthetic traffic. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return n <= 1 ? 0 : Math.floor(this.float() * n);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('Rng.pick on an empty list');
    return item;
  }
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(v: number): string {
  return HEX[(v >>> 24) & 255]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
}

function hex16(v: number): string {
  return HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
}

/** RFC 4122 version-4 layout built from four 32-bit words. */
export function uuidFromWords(a: number, b: number, c: number, d: number): string {
  return `${hex32(a)}-${hex16(b >>> 16)}-${hex16((b & 0x0fff) | 0x4000)}-${hex16(((c >>> 16) & 0x3fff) | 0x8000)}-${hex16(c)}${hex32(d)}`;
}

/** A stable UUID for a name (object uids, policy uids). */
export function uuidFor(seed: number, key: string): string {
  const h = hashString(key, seed);
  return uuidFromWords(h, mix(h, 1), mix(h, 2), mix(h, 3));
}

/** Kubernetes' name-suffix alphabet (no vowels, no confusable digits). */
const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function k8sSuffix(hash: number, length: number): string {
  let out = '';
  let h = hash >>> 0;
  for (let i = 0; i < length; i++) {
    if (i > 0 && i % 6 === 0) h = fmix32(h + i);
    out += K8S_ALPHABET[h % 27];
    h = Math.floor(h / 27);
  }
  return out;
}

export function hexString(hash: number, length: number): string {
  let out = '';
  let h = hash >>> 0;
  while (out.length < length) {
    out += hex32(h);
    h = fmix32(h + 1);
  }
  return out.slice(0, length);
}
