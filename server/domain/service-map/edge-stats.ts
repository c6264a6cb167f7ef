// Per-edge counters. One `EdgeStats` holds everything an edge reports for some stretch of time (the
// since-start totals, or one time bucket). A flow is classified once into a reused `FlowSample`, then
// added to the totals and to one bucket per ring, so the per-flow path allocates nothing.

import type { Flow } from '../flow';
import { LATENCY_BUCKETS, type LatencyCounts, latencyBucket, parseLatencyNs } from './latency-histogram';

export const VERDICT_NAMES = [
  'VERDICT_UNKNOWN',
  'FORWARDED',
  'DROPPED',
  'ERROR',
  'AUDIT',
  'REDIRECTED',
  'TRACED',
  'TRANSLATED',
] as const;

export const V_FORWARDED = 1;
export const V_DROPPED = 2;
/** A verdict name outside VERDICT_NAMES (newer Hubble); kept by name in `otherVerdicts`. */
export const V_OTHER = VERDICT_NAMES.length;

function verdictIndex(verdict: unknown): number {
  switch (verdict) {
    case undefined:
    case 'VERDICT_UNKNOWN':
      return 0;
    case 'FORWARDED':
      return 1;
    case 'DROPPED':
      return 2;
    case 'ERROR':
      return 3;
    case 'AUDIT':
      return 4;
    case 'REDIRECTED':
      return 5;
    case 'TRACED':
      return 6;
    case 'TRANSLATED':
      return 7;
    default:
      return V_OTHER;
  }
}

export const L7_NONE = 0;
export const L7_HTTP_REQUEST = 1;
export const L7_HTTP_RESPONSE = 2;
export const L7_DNS_REQUEST = 3;
export const L7_DNS_RESPONSE = 4;

/** One flow, classified. Reused for every flow: read it before classifying the next one. */
export class FlowSample {
  verdict = 0;
  otherVerdict = '';
  dropReason: string | null = null;
  l7 = L7_NONE;
  /** 4 or 5 for an HTTP response with a 4xx / 5xx code, else 0. */
  httpClass = 0;
  latencyBucket = -1;
  dnsError = false;
}

export function classifyFlow(flow: Flow, sample: FlowSample): void {
  const verdict: unknown = flow.verdict;
  const v = verdictIndex(verdict);
  sample.verdict = v;
  if (v === V_OTHER) {
    sample.otherVerdict = typeof verdict === 'string' || typeof verdict === 'number' ? String(verdict) : '';
    if (sample.otherVerdict === '') sample.verdict = 0;
  }
  if (v === V_DROPPED) {
    const reason: unknown = flow.drop_reason_desc;
    sample.dropReason =
      typeof reason === 'string' && reason !== ''
        ? reason
        : typeof reason === 'number'
          ? String(reason)
          : 'DROP_REASON_UNKNOWN';
  } else {
    sample.dropReason = null;
  }
  sample.l7 = L7_NONE;
  sample.httpClass = 0;
  sample.latencyBucket = -1;
  sample.dnsError = false;
  const l7 = flow.l7;
  if (l7 === undefined || l7 === null || typeof l7 !== 'object') return;
  const type: unknown = l7.type;
  const http = l7.http;
  if (http !== undefined && http !== null) {
    if (type === 'REQUEST') {
      sample.l7 = L7_HTTP_REQUEST;
    } else if (type === 'RESPONSE') {
      sample.l7 = L7_HTTP_RESPONSE;
      const code: unknown = http.code;
      if (typeof code === 'number')
        sample.httpClass = code >= 500 && code < 600 ? 5 : code >= 400 && code < 500 ? 4 : 0;
      sample.latencyBucket = latencyBucket(parseLatencyNs(l7.latency_ns));
    }
    return;
  }
  const dns = l7.dns;
  if (dns !== undefined && dns !== null) {
    if (type === 'REQUEST') {
      sample.l7 = L7_DNS_REQUEST;
    } else if (type === 'RESPONSE') {
      sample.l7 = L7_DNS_RESPONSE;
      const rcode: unknown = dns.rcode;
      sample.dnsError = typeof rcode === 'number' && rcode !== 0;
    }
  }
}

function addCount(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export class EdgeStats {
  /** Absolute bucket number (time / bucket width) for ring buckets; unused for totals. */
  abs: number;
  flows = 0;
  /** Indexed like VERDICT_NAMES. */
  readonly verdicts: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  otherVerdicts: Map<string, number> | null = null;
  dropReasons: Map<string, number> | null = null;
  httpRequests = 0;
  http4xx = 0;
  http5xx = 0;
  /** Allocated on the first latency sample. */
  latency: LatencyCounts | null = null;
  latencySamples = 0;
  dnsQueries = 0;
  dnsErrors = 0;
  /**
   * Totals and view scratch use float64 counts (exact to 2^53); ring buckets span at most 5 minutes,
   * where uint32 cannot overflow below ~14M samples/s on one edge, at half the memory.
   */
  private readonly wide: boolean;

  constructor(abs: number, wide: boolean) {
    this.abs = abs;
    this.wide = wide;
  }

  get forwarded(): number {
    return this.verdicts[V_FORWARDED] as number;
  }

  get dropped(): number {
    return this.verdicts[V_DROPPED] as number;
  }

  reset(abs: number): void {
    this.abs = abs;
    this.flows = 0;
    const v = this.verdicts;
    for (let i = 0; i < v.length; i++) v[i] = 0;
    this.otherVerdicts = null;
    this.dropReasons = null;
    this.httpRequests = 0;
    this.http4xx = 0;
    this.http5xx = 0;
    if (this.latency !== null && this.latencySamples > 0) this.latency.fill(0);
    this.latencySamples = 0;
    this.dnsQueries = 0;
    this.dnsErrors = 0;
  }

  private latencyCounts(): LatencyCounts {
    if (this.latency === null) {
      this.latency = this.wide ? new Float64Array(LATENCY_BUCKETS) : new Uint32Array(LATENCY_BUCKETS);
    }
    return this.latency;
  }

  add(s: FlowSample): void {
    this.flows++;
    if (s.verdict === V_OTHER) {
      if (this.otherVerdicts === null) this.otherVerdicts = new Map();
      addCount(this.otherVerdicts, s.otherVerdict, 1);
    } else {
      (this.verdicts[s.verdict] as number)++;
    }
    if (s.dropReason !== null) {
      if (this.dropReasons === null) this.dropReasons = new Map();
      addCount(this.dropReasons, s.dropReason, 1);
    }
    switch (s.l7) {
      case L7_NONE:
        return;
      case L7_HTTP_REQUEST:
        this.httpRequests++;
        return;
      case L7_HTTP_RESPONSE:
        if (s.httpClass === 4) this.http4xx++;
        else if (s.httpClass === 5) this.http5xx++;
        if (s.latencyBucket >= 0) {
          (this.latencyCounts()[s.latencyBucket] as number)++;
          this.latencySamples++;
        }
        return;
      case L7_DNS_REQUEST:
        this.dnsQueries++;
        return;
      case L7_DNS_RESPONSE:
        if (s.dnsError) this.dnsErrors++;
        return;
    }
  }

  mergeFrom(o: EdgeStats): void {
    this.flows += o.flows;
    for (let i = 0; i < this.verdicts.length; i++) {
      (this.verdicts[i] as number) += o.verdicts[i] as number;
    }
    if (o.otherVerdicts !== null) {
      if (this.otherVerdicts === null) this.otherVerdicts = new Map();
      for (const [k, n] of o.otherVerdicts) addCount(this.otherVerdicts, k, n);
    }
    if (o.dropReasons !== null) {
      if (this.dropReasons === null) this.dropReasons = new Map();
      for (const [k, n] of o.dropReasons) addCount(this.dropReasons, k, n);
    }
    this.httpRequests += o.httpRequests;
    this.http4xx += o.http4xx;
    this.http5xx += o.http5xx;
    if (o.latency !== null && o.latencySamples > 0) {
      const mine = this.latencyCounts();
      const theirs = o.latency;
      for (let i = 0; i < LATENCY_BUCKETS; i++) mine[i] = (mine[i] as number) + (theirs[i] as number);
      this.latencySamples += o.latencySamples;
    }
    this.dnsQueries += o.dnsQueries;
    this.dnsErrors += o.dnsErrors;
  }

  /** Verdict counts by name, zero counts omitted, keys sorted. */
  verdictRecord(): Record<string, number> {
    const entries: [string, number][] = [];
    for (let i = 0; i < VERDICT_NAMES.length; i++) {
      const n = this.verdicts[i] as number;
      if (n > 0) entries.push([VERDICT_NAMES[i] as string, n]);
    }
    if (this.otherVerdicts !== null) for (const entry of this.otherVerdicts) entries.push(entry);
    return sortedRecord(entries);
  }

  dropReasonRecord(): Record<string, number> {
    return this.dropReasons === null ? {} : sortedRecord([...this.dropReasons]);
  }
}

function sortedRecord(entries: [string, number][]): Record<string, number> {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Record<string, number> = {};
  // Keys are unique (they come from Maps); defineProperty keeps a name like "__proto__" a plain key.
  for (const [k, n] of entries) {
    Object.defineProperty(out, k, { value: n, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
