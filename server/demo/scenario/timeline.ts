// The repeating ten-minute story. Offsets are chosen so a fresh start shows a change within the
// first minute and every state (errors, node outage, degraded volume, renewal, new deny policy,
// Ceph health changes) appears once per cycle.
import type { ScenarioPhase } from './types';

export const CYCLE_MS = 600_000;

export const AT = {
  /** catalog rolls out a new ReplicaSet whose pods answer 5xx for a minute. */
  deploy: 45_000,
  catalogErrorsEnd: 105_000,
  /** Clients keep dialing the old pod IPs for a short while after the rollout. */
  staleIpsEnd: 65_000,
  /** kubelet and the Cilium agent on the flaky node stop; its Hubble peer becomes unavailable. */
  nodeDown: 150_000,
  /** node-lifecycle marks the node Unknown after its 40 s grace period. */
  nodeNotReady: 190_000,
  nodeUp: 270_000,
  /** Longhorn notices the replica on the lost node failed. */
  longhornDegraded: 165_000,
  longhornRebuild: 285_000,
  longhornHealthy: 345_000,
  certRenewing: 290_000,
  certRenewed: 300_000,
  denyPolicy: 360_000,
  lostBurst: 420_000,
  cephRecoveredEnd: 400_000,
  cephCrash: 450_000,
} as const;

/** The node that goes away and comes back every cycle. */
export const FLAKY_NODE = 'nixos-worker-2';

export const BASE_POLICY_REVISION = 41;
const BASE_CATALOG_REVISION = 6;

export function cycleOf(startMs: number, nowMs: number): { index: number; startMs: number; offset: number } {
  const elapsed = nowMs - startMs;
  const index = Math.floor(elapsed / CYCLE_MS);
  const cycleStart = startMs + index * CYCLE_MS;
  return { index, startMs: cycleStart, offset: nowMs - cycleStart };
}

export function phaseAt(startMs: number, nowMs: number): ScenarioPhase {
  const c = cycleOf(startMs, Number.isFinite(nowMs) ? nowMs : startMs);
  const t = c.offset;
  const deployed = t >= AT.deploy;
  const denyPolicyActive = t >= AT.denyPolicy;
  let longhorn: ScenarioPhase['longhorn'] = 'healthy';
  if (t >= AT.longhornDegraded && t < AT.longhornRebuild) longhorn = 'degraded';
  else if (t >= AT.longhornRebuild && t < AT.longhornHealthy) longhorn = 'rebuilding';
  let ceph: ScenarioPhase['ceph'] = 'nearfull';
  if (t >= AT.nodeDown + 10_000 && t < AT.nodeUp) ceph = 'osd-down';
  else if (t >= AT.nodeUp && t < AT.cephRecoveredEnd) ceph = 'recovering';
  else if (t >= AT.cephCrash) ceph = 'crash';
  return {
    cycleIndex: c.index,
    cycleStartMs: c.startMs,
    offsetMs: t,
    // One rollout per cycle keeps revisions growing like a real Deployment's.
    catalogRevision: Math.max(1, BASE_CATALOG_REVISION + c.index + (deployed ? 1 : 0)),
    catalogErrors: deployed && t < AT.catalogErrorsEnd,
    staleCatalogIps: deployed && t < AT.staleIpsEnd,
    nodeDown: t >= AT.nodeDown && t < AT.nodeUp,
    nodeNotReady: t >= AT.nodeNotReady && t < AT.nodeUp,
    longhorn,
    certRenewing: t >= AT.certRenewing && t < AT.certRenewed,
    certRenewed: t >= AT.certRenewed,
    denyPolicyActive,
    ceph,
    policyRevision: BASE_POLICY_REVISION + (denyPolicyActive ? 1 : 0),
  };
}

/** Absolute instants of the node transitions inside [fromMs, toMs), for node-status events. */
export function nodeTransitionsBetween(
  startMs: number,
  fromMs: number,
  toMs: number,
): { atMs: number; state: 'NODE_UNAVAILABLE' | 'NODE_CONNECTED' }[] {
  const out: { atMs: number; state: 'NODE_UNAVAILABLE' | 'NODE_CONNECTED' }[] = [];
  const first = cycleOf(startMs, fromMs).index;
  const last = cycleOf(startMs, toMs).index;
  // Windows spanning many cycles are unusual; cap the scan so bad input stays cheap.
  for (let i = first; i <= last && i - first < 1000; i++) {
    const base = startMs + i * CYCLE_MS;
    for (const [offset, state] of [
      [AT.nodeDown, 'NODE_UNAVAILABLE'],
      [AT.nodeUp, 'NODE_CONNECTED'],
    ] as const) {
      const at = base + offset;
      if (at >= fromMs && at < toMs) out.push({ atMs: at, state });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** Instants of the lost-events burst inside [fromMs, toMs). */
export function lostBurstsBetween(startMs: number, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  const first = cycleOf(startMs, fromMs).index;
  const last = cycleOf(startMs, toMs).index;
  for (let i = first; i <= last && i - first < 1000; i++) {
    const at = startMs + i * CYCLE_MS + AT.lostBurst;
    if (at >= fromMs && at < toMs) out.push(at);
  }
  return out;
}
