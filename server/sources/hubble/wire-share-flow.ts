// The shared-sub-message caches the flow decoder uses (see wire-share.ts), one per message type
// (equal bytes of two different types decode to different objects), sized for clusters of
// thousands of pods: a few MiB of key bytes when full. IP pairs are not shared: they vary too
// much (client addresses, external hosts) for a hit to pay for the lookup.

import type { Endpoint, PolicyRef, ServiceRef } from '../../domain/flow';
import type { Mutable } from './decode-flow-parts';
import type { WireReader } from './wire-reader';
import { SharedMessages } from './wire-share';

export const SHARED = {
  endpoint: new SharedMessages<Mutable<Endpoint>>(14, 1024),
  policy: new SharedMessages<Mutable<PolicyRef>>(9, 1024),
  eventType: new SharedMessages<{ type?: number; sub_type?: number }>(6, 32),
  service: new SharedMessages<Mutable<ServiceRef>>(10, 256),
  emitter: new SharedMessages<{ name?: string; version?: string }>(4, 128),
  nodeLabels: new SharedMessages<string[]>(9, 2048, true),
};

/** A private, mutable copy of a (possibly shared) endpoint, for merging a repeated field into. */
export function copyEndpoint(e: Endpoint): Mutable<Endpoint> {
  const copy: Mutable<Endpoint> = { ...e } as Mutable<Endpoint>;
  if (e.labels !== undefined) copy.labels = [...e.labels];
  if (e.workloads !== undefined) copy.workloads = e.workloads.map((w) => ({ ...w }));
  return copy;
}

// node_labels (flow field 37) arrives as a run of repeated string fields, tag 298 = 0xaa 0x02.
const TAG_LO = 0xaa;
const TAG_HI = 0x02;

/**
 * Bytes of the run of consecutive node_labels entries starting at the reader's position (the
 * first entry's length prefix; its tag was read), or -1 when the run is malformed (the caller then
 * decodes entry by entry and reports the error).
 */
function runLength(r: WireReader): number {
  const buf = r.buf;
  const end = r.end;
  let p = r.pos;
  for (;;) {
    let len = 0;
    let shift = 0;
    let b = 0x80;
    while (b >= 0x80) {
      if (p >= end || shift > 28) return -1;
      b = buf[p++]!;
      len |= (b & 0x7f) << shift;
      shift += 7;
    }
    p += len >>> 0;
    if (len < 0 || p > end) return -1;
    if (p + 1 < end && buf[p] === TAG_LO && buf[p + 1] === TAG_HI) {
      p += 2;
      continue;
    }
    return p - r.pos;
  }
}

function decodeRun(r: WireReader, len: number): string[] {
  const stop = r.pos + len;
  const out = [r.string()];
  while (r.pos < stop) {
    r.tag();
    out.push(r.string());
  }
  return out;
}

/**
 * Reads node_labels at the reader's position: the whole run of entries at once, shared across flows
 * from the same node; an entry after other fields (never seen from Hubble) extends a private copy.
 */
export function readNodeLabels(r: WireReader, current: readonly string[] | undefined): string[] {
  if (current !== undefined) return [...current, r.string()];
  const len = runLength(r);
  if (len < 0) return [r.string()];
  return SHARED.nodeLabels.range(r, len, decodeRun);
}
