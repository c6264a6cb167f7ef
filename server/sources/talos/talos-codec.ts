// Talos machine.MachineService Version / ServiceList messages, shaped like protojson with proto field
// names (the same shape as `talosctl … -o json` and our fixtures). Field numbers are those of
// siderolabs/talos api/machine/machine.proto:
//   VersionResponse{messages=1}; Version{metadata=1, version=2, platform=3, features=4};
//   VersionInfo{tag=1, sha=2, built=3, go_version=4, os=5, arch=6}; PlatformInfo{name=1, mode=2};
//   FeaturesInfo{rbac=1}; ServiceListResponse{messages=1}; ServiceList{metadata=1, services=2};
//   ServiceInfo{id=1, state=2, events=3, health=4}; ServiceEvents{events=1};
//   ServiceEvent{msg=1, state=2, ts=3}; ServiceHealth{unknown=1, healthy=2, last_message=3, last_change=4}.
// common.Metadata{hostname=1, error=2} comes from api/common/common.proto (only filled when apid
// proxies to several nodes).
import { readFields, text, timestampText, WireWriter } from './proto-wire';

export interface TalosMetadata {
  readonly hostname?: string;
  readonly error?: string;
}

export interface TalosVersionMessage {
  readonly metadata?: TalosMetadata;
  readonly version: {
    readonly tag: string;
    readonly sha: string;
    readonly built: string;
    readonly go_version: string;
    readonly os: string;
    readonly arch: string;
  };
  readonly platform?: { readonly name: string; readonly mode: string };
  readonly features?: { readonly rbac: boolean };
}

export interface TalosServiceEvent {
  readonly msg: string;
  readonly state: string;
  readonly ts: string;
}

export interface TalosServiceInfo {
  readonly id: string;
  readonly state: string;
  readonly events: { readonly events: readonly TalosServiceEvent[] };
  readonly health: {
    readonly unknown: boolean;
    readonly healthy: boolean;
    readonly last_message: string;
    readonly last_change: string;
  };
}

export interface TalosServiceListMessage {
  readonly metadata?: TalosMetadata;
  readonly services: readonly TalosServiceInfo[];
}

export interface TalosVersionResponse {
  readonly messages: readonly TalosVersionMessage[];
}

export interface TalosServiceListResponse {
  readonly messages: readonly TalosServiceListMessage[];
}

// ---- decoding -------------------------------------------------------------------------------

function decodeMetadata(buf: Uint8Array): TalosMetadata {
  let hostname = '';
  let error = '';
  for (const f of readFields(buf)) {
    if (f.wire !== 2) continue;
    if (f.no === 1) hostname = text(f.bytes);
    else if (f.no === 2) error = text(f.bytes);
  }
  return { ...(hostname ? { hostname } : {}), ...(error ? { error } : {}) };
}

function strings<K extends string>(buf: Uint8Array, names: readonly K[]): Record<K, string> {
  const out = Object.fromEntries(names.map((n) => [n, ''])) as Record<K, string>;
  for (const f of readFields(buf)) {
    const name = names[f.no - 1];
    if (name !== undefined && f.wire === 2) out[name] = text(f.bytes);
  }
  return out;
}

function decodeVersion(buf: Uint8Array): TalosVersionMessage {
  let metadata: TalosMetadata | undefined;
  let version = strings(new Uint8Array(0), ['tag', 'sha', 'built', 'go_version', 'os', 'arch'] as const);
  let platform: TalosVersionMessage['platform'];
  let features: TalosVersionMessage['features'];
  for (const f of readFields(buf)) {
    if (f.wire !== 2) continue;
    if (f.no === 1) metadata = decodeMetadata(f.bytes);
    else if (f.no === 2)
      version = strings(f.bytes, ['tag', 'sha', 'built', 'go_version', 'os', 'arch'] as const);
    else if (f.no === 3) platform = strings(f.bytes, ['name', 'mode'] as const);
    else if (f.no === 4) {
      let rbac = false;
      for (const g of readFields(f.bytes)) if (g.no === 1 && g.wire === 0) rbac = g.num !== 0n;
      features = { rbac };
    }
  }
  return {
    ...(metadata ? { metadata } : {}),
    version,
    ...(platform ? { platform } : {}),
    ...(features ? { features } : {}),
  };
}

function decodeEvent(buf: Uint8Array): TalosServiceEvent {
  const out = { msg: '', state: '', ts: '' };
  for (const f of readFields(buf)) {
    if (f.wire !== 2) continue;
    if (f.no === 1) out.msg = text(f.bytes);
    else if (f.no === 2) out.state = text(f.bytes);
    else if (f.no === 3) out.ts = timestampText(f.bytes);
  }
  return out;
}

function decodeService(buf: Uint8Array): TalosServiceInfo {
  let id = '';
  let state = '';
  const events: TalosServiceEvent[] = [];
  const health = { unknown: false, healthy: false, last_message: '', last_change: '' };
  for (const f of readFields(buf)) {
    if (f.no === 1 && f.wire === 2) id = text(f.bytes);
    else if (f.no === 2 && f.wire === 2) state = text(f.bytes);
    else if (f.no === 3 && f.wire === 2) {
      for (const e of readFields(f.bytes)) if (e.no === 1 && e.wire === 2) events.push(decodeEvent(e.bytes));
    } else if (f.no === 4 && f.wire === 2) {
      for (const h of readFields(f.bytes)) {
        if (h.no === 1 && h.wire === 0) health.unknown = h.num !== 0n;
        else if (h.no === 2 && h.wire === 0) health.healthy = h.num !== 0n;
        else if (h.no === 3 && h.wire === 2) health.last_message = text(h.bytes);
        else if (h.no === 4 && h.wire === 2) health.last_change = timestampText(h.bytes);
      }
    }
  }
  return { id, state, events: { events }, health };
}

function decodeServiceList(buf: Uint8Array): TalosServiceListMessage {
  let metadata: TalosMetadata | undefined;
  const services: TalosServiceInfo[] = [];
  for (const f of readFields(buf)) {
    if (f.wire !== 2) continue;
    if (f.no === 1) metadata = decodeMetadata(f.bytes);
    else if (f.no === 2) services.push(decodeService(f.bytes));
  }
  return { ...(metadata ? { metadata } : {}), services };
}

function repeatedMessages<T>(buf: Uint8Array, decode: (b: Uint8Array) => T): T[] {
  return readFields(buf)
    .filter((f) => f.no === 1 && f.wire === 2)
    .map((f) => decode(f.bytes));
}

/** Throws WireError on malformed bytes; the client turns that into a per-node error. */
export function decodeVersionResponse(buf: Uint8Array): TalosVersionResponse {
  return { messages: repeatedMessages(buf, decodeVersion) };
}

export function decodeServiceListResponse(buf: Uint8Array): TalosServiceListResponse {
  return { messages: repeatedMessages(buf, decodeServiceList) };
}

// ---- encoding (demo server and tests) --------------------------------------------------------

function encodeMetadata(m: TalosMetadata | undefined): Uint8Array | undefined {
  if (!m) return undefined;
  return new WireWriter().string(1, m.hostname).string(2, m.error).finish();
}

export function encodeVersionResponse(r: TalosVersionResponse): Uint8Array {
  const w = new WireWriter();
  for (const m of r.messages) {
    const v = m.version;
    const msg = new WireWriter()
      .message(1, encodeMetadata(m.metadata))
      .message(
        2,
        new WireWriter()
          .string(1, v.tag)
          .string(2, v.sha)
          .string(3, v.built)
          .string(4, v.go_version)
          .string(5, v.os)
          .string(6, v.arch)
          .finish(),
      )
      .message(
        3,
        m.platform && new WireWriter().string(1, m.platform.name).string(2, m.platform.mode).finish(),
      )
      .message(4, m.features && new WireWriter().bool(1, m.features.rbac).finish());
    w.message(1, msg.finish());
  }
  return w.finish();
}

function encodeService(s: TalosServiceInfo): Uint8Array {
  const events = new WireWriter();
  for (const e of s.events.events) {
    events.message(1, new WireWriter().string(1, e.msg).string(2, e.state).timestamp(3, e.ts).finish());
  }
  const health = new WireWriter()
    .bool(1, s.health.unknown)
    .bool(2, s.health.healthy)
    .string(3, s.health.last_message)
    .timestamp(4, s.health.last_change)
    .finish();
  return new WireWriter()
    .string(1, s.id)
    .string(2, s.state)
    .message(3, events.finish())
    .message(4, health)
    .finish();
}

export function encodeServiceListResponse(r: TalosServiceListResponse): Uint8Array {
  const w = new WireWriter();
  for (const m of r.messages) {
    const msg = new WireWriter().message(1, encodeMetadata(m.metadata));
    for (const s of m.services) msg.message(2, encodeService(s));
    w.message(1, msg.finish());
  }
  return w.finish();
}
