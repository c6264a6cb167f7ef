// How drop groups read to a person. Pure: shared by the table and the detail panel, unit-tested.
import type { DropGroupOut } from '../../server/hub/drop-tracker';

export type DropGroupWire = DropGroupOut;

export const DROP_WINDOWS = ['1m', '5m', '15m', '1h', 'all'] as const;
export type DropWindow = (typeof DROP_WINDOWS)[number];

export function isDropWindow(value: string | null): value is DropWindow {
  return value !== null && (DROP_WINDOWS as readonly string[]).includes(value);
}

export function windowLabel(window: DropWindow): string {
  switch (window) {
    case '1m':
      return 'last minute';
    case '5m':
      return 'last 5 minutes';
    case '15m':
      return 'last 15 minutes';
    case '1h':
      return 'last hour';
    default:
      return 'since Skymap started';
  }
}

/** `8080/TCP`, `ICMPv6`. */
export function portText(group: Pick<DropGroupWire, 'protocol' | 'port'>): string {
  return group.port === null ? group.protocol : `${group.port}/${group.protocol}`;
}

/** `12s ago`, `4m ago`, `2h ago`, `3d ago`; `now` and `at` are RFC 3339 (the server's clock). */
export function ago(at: string, now: string): string {
  const ms = Date.parse(now) - Date.parse(at);
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

export function reasonKind(group: Pick<DropGroupWire, 'reasonClass'>): 'deny' | 'default' | 'other' {
  if (group.reasonClass === 'explicit-deny') return 'deny';
  if (group.reasonClass === 'default-deny') return 'default';
  return 'other';
}

export function reasonHint(group: Pick<DropGroupWire, 'reasonClass'>): string {
  if (group.reasonClass === 'explicit-deny') return 'explicit deny rule';
  if (group.reasonClass === 'default-deny') return 'default deny: no rule allows it';
  return 'not a policy decision';
}

/** The first `max` node names, then `+N` (the cell title lists them all). */
export function nodesText(group: Pick<DropGroupWire, 'nodes' | 'otherNodeDrops'>, max = 2): string {
  const names = group.nodes.map((n) => n.name);
  const hidden = names.length - max + (group.otherNodeDrops > 0 ? 1 : 0);
  const shown = names.slice(0, max).join(', ');
  if (names.length <= max && group.otherNodeDrops === 0) return shown || '—';
  return `${shown} +${Math.max(1, hidden)}`;
}

/** Case-insensitive substring match over what the table shows. */
export function matchesSearch(group: DropGroupWire, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [group.source, group.target, group.reason, portText(group), ...group.nodes.map((n) => n.name)].some(
    (text) => text.toLowerCase().includes(needle),
  );
}

export function policyText(policy: { name: string; namespace?: string; kind: string }): string {
  return policy.namespace
    ? `${policy.kind} ${policy.namespace}/${policy.name}`
    : `${policy.kind} ${policy.name}`;
}

/**
 * The explanation as sentences, for reading one per line. Splits only at a full stop followed by a
 * space and a capital letter, so label keys (`app.kubernetes.io/name`) and regexes stay whole.
 */
export function explanationSentences(text: string): string[] {
  return text
    .split(/(?<=[.:])\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
