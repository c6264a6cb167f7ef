// Test-only: plain helpers for writing expected results directly against the raw flow JSON,
// deliberately independent of the code under test.

import type { Endpoint, Flow } from '../../flow';

export type Side = 'source' | 'destination';
export const SIDES: readonly Side[] = ['source', 'destination'];

export const ep = (f: Flow, side: Side): Endpoint | undefined => f[side];
export const either = (f: Flow, test: (e: Endpoint | undefined, side: Side) => boolean) =>
  test(ep(f, 'source'), 'source') || test(ep(f, 'destination'), 'destination');

/** First label with this key (and source, unless null), as [found, value]. */
export function label(e: Endpoint | undefined, source: string | null, key: string): [boolean, string] {
  for (const l of e?.labels ?? []) {
    const colon = l.indexOf(':');
    const src = colon < 0 ? 'unspec' : l.slice(0, colon);
    const rest = colon < 0 ? l : l.slice(colon + 1);
    const eq = rest.indexOf('=');
    const k = eq < 0 ? rest : rest.slice(0, eq);
    if (k === key && (source === null || source === src)) return [true, eq < 0 ? '' : rest.slice(eq + 1)];
  }
  return [false, ''];
}

export function port(f: Flow, which: 'source_port' | 'destination_port'): number | undefined {
  const pair = f.l4?.TCP ?? f.l4?.UDP ?? f.l4?.SCTP;
  return pair === undefined ? undefined : (pair[which] ?? 0);
}

export const podIs = (e: Endpoint | undefined, ns: string, prefix: string) =>
  e?.namespace === ns && (e.pod_name ?? '').startsWith(prefix);

export const verdict = (f: Flow) => f.verdict ?? 'VERDICT_UNKNOWN';
export const isL7 = (f: Flow) => f.event_type?.type === 129;

export function nodeMatches(name: string | undefined, cluster: RegExp, node: RegExp): boolean {
  if (!name) return false;
  const [c, n] = name.includes('/') ? name.split('/') : ['default', name];
  return cluster.test(c ?? '') && node.test(n ?? '');
}

export const ANY_CLUSTER = /^[-0-9_a-z]+(\.[-0-9_a-z]+)*$/;

/** URL path as Go's ParseRequestURI yields it, for the URLs in the test data. */
export function pathOf(f: Flow): string {
  const url = f.l7?.http?.url;
  if (!url) return '';
  return decodeURIComponent(new URL(url, 'http://relative.invalid').pathname);
}

export function ipv4InNet(ip: string | undefined, net: string, bits: number): boolean {
  if (ip === undefined) return false;
  const text = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  const toNum = (s: string) => s.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(text)) return false;
  const div = 2 ** (32 - bits);
  return Math.floor(toNum(text) / div) === Math.floor(toNum(net) / div);
}
