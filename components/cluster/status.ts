// Severity colours and orderings for the cluster pages: one place decides that a faulted volume is
// red and sorts before a degraded one, so the tables, tiles and pills agree.
import type { CertificateWithTraffic, LonghornVolumeView, NodeWithDetails } from './cluster-wire';

export type Tone = 'crit' | 'warn' | 'ok' | 'info' | 'muted';

export const TONE_RANK: Readonly<Record<Tone, number>> = { crit: 0, warn: 1, info: 2, muted: 3, ok: 4 };

export function certificateTone(status: CertificateWithTraffic['status']): Tone {
  if (status === 'expired' || status === 'failed') return 'crit';
  if (status === 'expiring') return 'warn';
  if (status === 'pending') return 'info';
  return 'ok';
}

export function robustnessTone(robustness: LonghornVolumeView['robustness']): Tone {
  if (robustness === 'faulted') return 'crit';
  if (robustness === 'degraded') return 'warn';
  if (robustness === 'healthy') return 'ok';
  return 'muted';
}

const ROBUSTNESS_RANK: Readonly<Record<LonghornVolumeView['robustness'], number>> = {
  faulted: 0,
  degraded: 1,
  unknown: 2,
  healthy: 3,
};

/** Worst first; then by claim (or volume) name so rows do not jump between refreshes. */
export function sortVolumes(volumes: readonly LonghornVolumeView[]): LonghornVolumeView[] {
  const label = (v: LonghornVolumeView) => (v.pvc ? `${v.pvc.namespace}/${v.pvc.name}` : v.name);
  return [...volumes].sort(
    (a, b) =>
      ROBUSTNESS_RANK[a.robustness] - ROBUSTNESS_RANK[b.robustness] ||
      (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0),
  );
}

export function cephTone(health: string | null, stale: boolean): Tone {
  if (health === 'HEALTH_ERR') return 'crit';
  if (health === 'HEALTH_WARN' || stale) return 'warn';
  if (health === 'HEALTH_OK') return 'ok';
  return health === null ? 'muted' : 'warn';
}

export function hubbleTone(state: NodeWithDetails['hubble']['state']): Tone {
  if (state === 'connected') return 'ok';
  if (state === 'unavailable') return 'warn';
  return 'muted';
}

export type PressureName = 'MemoryPressure' | 'DiskPressure' | 'PIDPressure';

export const PRESSURES: readonly PressureName[] = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

export function pressuresOf(node: NodeWithDetails): PressureName[] {
  return PRESSURES.filter((p) => node.conditions[p] === true);
}

export function nodeTone(node: NodeWithDetails): Tone {
  if (!node.ready || node.conditions.NetworkUnavailable === true) return 'crit';
  if (pressuresOf(node).length > 0 || node.hubble.state === 'unavailable') return 'warn';
  return 'ok';
}

/** "Ready", "NotReady", plus "SchedulingDisabled" the way kubectl prints a cordoned node. */
export function nodeStatusText(node: NodeWithDetails): string {
  const base = node.ready ? 'Ready' : 'NotReady';
  return node.unschedulable ? `${base},SchedulingDisabled` : base;
}

export function osLabel(os: NodeWithDetails['os']): string {
  if (os.family === 'talos') return `Talos ${os.version ?? '(unknown version)'}`;
  if (os.family === 'nixos') return `NixOS ${os.version ?? '(unknown release)'}`;
  return os.image || 'unknown OS';
}

/** Worst first, then by name: the grid puts the node that needs attention top-left. */
export function sortNodes(nodes: readonly NodeWithDetails[]): NodeWithDetails[] {
  return [...nodes].sort(
    (a, b) =>
      TONE_RANK[nodeTone(a)] - TONE_RANK[nodeTone(b)] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** The service map narrowed to the namespaces that have workloads on this node (the map has no node filter). */
export function nodeMapHref(node: NodeWithDetails): string {
  const params = new URLSearchParams();
  if (node.namespaces.length > 0) params.set('namespace', node.namespaces.join(','));
  const text = params.toString();
  return text ? `/map?${text}` : '/map';
}

export function workloadMapHref(id: string): string {
  return `/map?${new URLSearchParams({ sel: `node:${id}` }).toString()}`;
}

export function nodeFlowsHref(name: string): string {
  return `/flows?${new URLSearchParams({ 'node-name': name }).toString()}`;
}
