// The identity of a drop group: (source node, target node, protocol, port, drop reason). Nodes are
// the service map's node ids and the flow is oriented the way the map orients it (a dropped reply
// counts toward the request's edge), so a group lines up with exactly one map edge.
//
// The public key joins the five parts with `|`. Each part is percent-escaped for `%`, `|`, control
// and line-separator characters first, so the key is unique, printable and safe to put in a YAML
// comment or a URL; hostile names from flows cannot break out of it.

import type { Flow } from '../flow';
import { nodeIdentity, orientFlow } from '../service-map';

export interface DropKeyParts {
  readonly source: string;
  readonly target: string;
  /** Hubble's l4 oneof name: TCP, UDP, SCTP, ICMPv4, ICMPv6, VRRP, IGMP or `unknown`. */
  readonly protocol: string;
  /** Server port; null for protocols without ports. */
  readonly port: number | null;
  /** `drop_reason_desc` name, else the deprecated numeric code, else `UNKNOWN`. */
  readonly reason: string;
}

function unsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x25 || // %
    code === 0x7c || // |
    code === 0x2028 ||
    code === 0x2029
  );
}

function escapePart(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!unsafe(code)) out += text[i];
    else if (code < 0x100) out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `%u${code.toString(16)}`;
  }
  return out;
}

export function dropKey(parts: DropKeyParts): string {
  return [
    parts.source,
    parts.target,
    parts.protocol,
    parts.port === null ? '-' : String(parts.port),
    parts.reason,
  ]
    .map(escapePart)
    .join('|');
}

export function dropReasonOf(flow: Flow): string {
  const desc: unknown = flow.drop_reason_desc;
  if (typeof desc === 'string' && desc !== '' && desc !== 'DROP_REASON_UNKNOWN') return desc;
  const code: unknown = flow.drop_reason;
  if (typeof code === 'number' && Number.isFinite(code) && code !== 0) return String(code);
  return 'UNKNOWN';
}

export function dropKeyParts(flow: Flow): DropKeyParts {
  const orientation = orientFlow(flow);
  return {
    source: nodeIdentity(flow, orientation.clientSide).id,
    target: nodeIdentity(flow, orientation.serverSide).id,
    protocol: orientation.protocol,
    port: orientation.port,
    reason: dropReasonOf(flow),
  };
}
