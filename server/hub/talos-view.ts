// Turns Talos API poll results into what the nodes page shows per Talos node: the version apid
// reports, a one-line service health summary ("12 services running, etcd unhealthy: …") and any API
// error, matched to Kubernetes nodes by node name, InternalIP or the hostname apid reported.
import type { TalosNodeStatus } from '../sources/talos/talos-client';
import type { TalosStateSnapshot } from './talos-state';

export interface TalosServiceProblem {
  readonly id: string;
  readonly state: string;
  readonly message: string;
}

export interface TalosNodeApi {
  /** Address the Talos API was asked about. */
  readonly target: string;
  readonly version: string | null;
  readonly platform: string | null;
  readonly services: number;
  readonly running: number;
  readonly problems: readonly TalosServiceProblem[];
  readonly summary: string;
  readonly error: string | null;
  readonly checkedMs: number;
}

function problemsOf(s: TalosNodeStatus): TalosServiceProblem[] {
  const out: TalosServiceProblem[] = [];
  for (const svc of s.services) {
    // Finished/Skipped services are done on purpose; only running-but-unhealthy or failed ones count.
    if (svc.state === 'Failed' || (svc.state === 'Running' && svc.healthy === false)) {
      out.push({ id: svc.id, state: svc.state, message: svc.message });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function talosNodeApi(s: TalosNodeStatus): TalosNodeApi {
  const running = s.services.filter((svc) => svc.state === 'Running').length;
  const problems = problemsOf(s);
  let summary: string;
  if (s.error !== null && s.services.length === 0) summary = `Talos API error: ${s.error}`;
  else {
    const parts = [`${running} service${running === 1 ? '' : 's'} running`];
    for (const p of problems) {
      const word = p.state === 'Failed' ? 'failed' : 'unhealthy';
      parts.push(`${p.id} ${word}${p.message ? `: ${p.message}` : ''}`);
    }
    if (problems.length === 0 && s.services.length > 0) parts.push('all healthy');
    summary = parts.join(', ');
  }
  return {
    target: s.target,
    version: s.version,
    platform: s.platform,
    services: s.services.length,
    running,
    problems,
    summary,
    error: s.error,
    checkedMs: s.checkedMs,
  };
}

export interface NodeKeys {
  readonly name: string;
  readonly internalIP: string | null;
}

/** Kubernetes node name → its Talos API status, for nodes the Talos API answered about. */
export function matchTalosNodes(
  nodes: readonly NodeKeys[],
  talos: TalosStateSnapshot,
): Map<string, TalosNodeApi> {
  const byKey = new Map<string, TalosNodeStatus>();
  for (const s of talos.nodes) {
    byKey.set(s.target, s);
    if (s.hostname) byKey.set(s.hostname, s);
  }
  const out = new Map<string, TalosNodeApi>();
  for (const n of nodes) {
    const hit = byKey.get(n.name) ?? (n.internalIP ? byKey.get(n.internalIP) : undefined);
    if (hit) out.set(n.name, talosNodeApi(hit));
  }
  return out;
}
