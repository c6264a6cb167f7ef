// Bytes <-> domain objects for everything on the Observer service except GetFlowsResponse (which has
// its own fast decoder/encoder). Both the Relay client and the embedded demo Relay use these, so
// neither needs generated types outside server/sources/hubble.
import {
  GetFlowsRequest,
  GetNamespacesResponse,
  GetNodesResponse,
  type Node,
  ServerStatusResponse,
} from '../../../proto/gen/observer/observer';
import { NODE_STATE } from './enum-names';
import { fromProtoFlowFilter, toProtoFlowFilter } from './relay-filter';
import type { RelayFlowsRequest, RelayNamespace, RelayNode, ServerStatus } from './relay-types';
import { formatTimestamp, parseTimestamp } from './rfc3339';

export class RelayCodecError extends Error {
  override readonly name = 'RelayCodecError';
}

function timestampFrom(text: string | undefined, where: string) {
  if (text === undefined) return undefined;
  const parts = parseTimestamp(text);
  if (parts === undefined) throw new RelayCodecError(`${where}: "${text}" is not an RFC 3339 timestamp`);
  return { seconds: String(parts.seconds), nanos: parts.nanos };
}

function timestampText(ts: { seconds: string; nanos: number } | undefined): string | undefined {
  return ts === undefined ? undefined : formatTimestamp(Number(ts.seconds), ts.nanos);
}

function count(value: number | undefined, where: string): string {
  const n = value ?? 0;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RelayCodecError(`${where}: expected a non-negative integer`);
  return String(n);
}

/** Throws RelayCodecError / RelayFilterError for values Relay could not accept. */
export function encodeGetFlowsRequest(req: RelayFlowsRequest): Uint8Array {
  const msg = GetFlowsRequest.create({
    number: count(req.number, 'number'),
    first: req.first === true,
    follow: req.follow === true,
    since: timestampFrom(req.since, 'since'),
    until: timestampFrom(req.until, 'until'),
  });
  msg.whitelist = (req.whitelist ?? []).map((f, i) => toProtoFlowFilter(f, `whitelist[${i}]`));
  msg.blacklist = (req.blacklist ?? []).map((f, i) => toProtoFlowFilter(f, `blacklist[${i}]`));
  if (req.fieldMask && req.fieldMask.length > 0) msg.fieldMask = [...req.fieldMask];
  return GetFlowsRequest.encode(msg).finish();
}

/** Throws on malformed bytes (the generated decoder's error) or a timestamp out of range. */
export function decodeGetFlowsRequest(bytes: Uint8Array): RelayFlowsRequest {
  const msg = GetFlowsRequest.decode(bytes);
  const number = Number(msg.number);
  const req: {
    -readonly [K in keyof RelayFlowsRequest]: RelayFlowsRequest[K];
  } = {
    number: Number.isSafeInteger(number) ? number : Number.MAX_SAFE_INTEGER,
    first: msg.first,
    follow: msg.follow,
    whitelist: msg.whitelist.map(fromProtoFlowFilter),
    blacklist: msg.blacklist.map(fromProtoFlowFilter),
  };
  if (msg.since) req.since = timestampText(msg.since) ?? invalid('since');
  if (msg.until) req.until = timestampText(msg.until) ?? invalid('until');
  if (msg.fieldMask && msg.fieldMask.length > 0) req.fieldMask = msg.fieldMask;
  return req;
}

function invalid(where: string): never {
  throw new RelayCodecError(`${where}: timestamp out of range`);
}

function num(text: string): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

export function encodeServerStatus(s: ServerStatus): Uint8Array {
  return ServerStatusResponse.encode(
    ServerStatusResponse.create({
      numFlows: count(Math.round(s.numFlows), 'numFlows'),
      maxFlows: count(Math.round(s.maxFlows), 'maxFlows'),
      seenFlows: count(Math.round(s.seenFlows), 'seenFlows'),
      uptimeNs: BigInt(Math.max(0, Math.round(s.uptimeNs))).toString(),
      numConnectedNodes: s.numConnectedNodes,
      numUnavailableNodes: s.numUnavailableNodes,
      unavailableNodes: s.unavailableNodes.slice(0, 10),
      version: s.version,
      flowsRate: s.flowsRate,
    }),
  ).finish();
}

export function decodeServerStatus(bytes: Uint8Array): ServerStatus {
  const m = ServerStatusResponse.decode(bytes);
  return {
    numFlows: num(m.numFlows),
    maxFlows: num(m.maxFlows),
    seenFlows: num(m.seenFlows),
    uptimeNs: num(m.uptimeNs),
    numConnectedNodes: m.numConnectedNodes,
    numUnavailableNodes: m.numUnavailableNodes,
    unavailableNodes: m.unavailableNodes,
    version: m.version,
    flowsRate: Number.isFinite(m.flowsRate) ? m.flowsRate : 0,
  };
}

function nodeToPb(n: RelayNode): Node {
  return {
    name: n.name,
    version: n.version,
    address: n.address,
    state: NODE_STATE.numberOf(n.state) ?? 0,
    tls: n.tls ? { enabled: n.tls.enabled, serverName: n.tls.serverName } : undefined,
    uptimeNs: BigInt(Math.max(0, Math.round(n.uptimeNs))).toString(),
    numFlows: count(Math.round(n.numFlows), 'numFlows'),
    maxFlows: count(Math.round(n.maxFlows), 'maxFlows'),
    seenFlows: count(Math.round(n.seenFlows), 'seenFlows'),
  };
}

export function encodeGetNodesResponse(nodes: readonly RelayNode[]): Uint8Array {
  return GetNodesResponse.encode({ nodes: nodes.map(nodeToPb) }).finish();
}

export function decodeGetNodesResponse(bytes: Uint8Array): RelayNode[] {
  return GetNodesResponse.decode(bytes).nodes.map((n) => ({
    name: n.name,
    version: n.version,
    address: n.address,
    state: NODE_STATE.nameOf(n.state),
    uptimeNs: num(n.uptimeNs),
    numFlows: num(n.numFlows),
    maxFlows: num(n.maxFlows),
    seenFlows: num(n.seenFlows),
    ...(n.tls ? { tls: { enabled: n.tls.enabled, serverName: n.tls.serverName } } : {}),
  }));
}

export function encodeGetNamespacesResponse(namespaces: readonly RelayNamespace[]): Uint8Array {
  return GetNamespacesResponse.encode({
    namespaces: namespaces.map((n) => ({ cluster: n.cluster, namespace: n.namespace })),
  }).finish();
}

export function decodeGetNamespacesResponse(bytes: Uint8Array): RelayNamespace[] {
  return GetNamespacesResponse.decode(bytes).namespaces.map((n) => ({
    cluster: n.cluster,
    namespace: n.namespace,
  }));
}

/** Empty request messages (ServerStatus, GetNodes, GetNamespaces) are zero bytes on the wire. */
export const EMPTY_MESSAGE: Uint8Array = new Uint8Array(0);
