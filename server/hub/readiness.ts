// GET /readyz: ready when the flow source is connected (or none is configured) and every watched
// Kubernetes resource finished its first list. The body says what is missing, so a failing probe
// explains itself in `kubectl describe pod`.
import type { RelayStatus } from './hub';

export interface ReadinessInput {
  readonly relay: RelayStatus;
  /** A Relay (or the demo) is configured, so flows are expected. */
  readonly relayExpected: boolean;
  /** A Kubernetes API (or the demo) is configured. */
  readonly kubeExpected: boolean;
  /** Undefined until the watchers have been created. */
  readonly cluster?: {
    synced(): boolean;
    status(): readonly { readonly resource: string; readonly state: string; readonly lastError?: string }[];
  };
}

export interface Readiness {
  readonly ready: boolean;
  /** One line per unmet condition; empty when ready. */
  readonly notReady: readonly string[];
  readonly relay: { readonly state: string; readonly address?: string; readonly lastError?: string };
  readonly kubernetes: {
    readonly configured: boolean;
    readonly synced: boolean;
    readonly pending: readonly {
      readonly resource: string;
      readonly state: string;
      readonly lastError?: string;
    }[];
  };
}

const MAX_LISTED = 20;

export function readiness(input: ReadinessInput): Readiness {
  const notReady: string[] = [];
  const { relay } = input;
  if (input.relayExpected && relay.state !== 'connected') {
    const where = relay.address ? ` at ${relay.address}` : '';
    const state = relay.state === 'not-configured' ? 'not started yet' : relay.state;
    notReady.push(`Hubble Relay${where} is ${state}${relay.lastError ? `: ${relay.lastError}` : ''}`);
  }
  let synced = true;
  let pending: { resource: string; state: string; lastError?: string }[] = [];
  if (input.kubeExpected) {
    if (!input.cluster) {
      synced = false;
      notReady.push('Kubernetes watchers have not started yet');
    } else if (!input.cluster.synced()) {
      synced = false;
      pending = input.cluster
        .status()
        .filter((s) => s.state !== 'synced' && s.state !== 'not-installed')
        .map((s) => ({
          resource: s.resource,
          state: s.state,
          ...(s.lastError ? { lastError: s.lastError } : {}),
        }));
      const names = pending.slice(0, MAX_LISTED).map((p) => `${p.resource} (${p.state})`);
      const more = pending.length > MAX_LISTED ? ` and ${pending.length - MAX_LISTED} more` : '';
      notReady.push(`Kubernetes resources not synced yet: ${names.join(', ')}${more}`);
    }
  }
  return {
    ready: notReady.length === 0,
    notReady,
    relay: {
      state: relay.state,
      ...(relay.address ? { address: relay.address } : {}),
      ...(relay.lastError ? { lastError: relay.lastError } : {}),
    },
    kubernetes: { configured: input.kubeExpected, synced, pending: pending.slice(0, MAX_LISTED) },
  };
}

/**
 * `/readyz?latched`: the answer a Kubernetes readinessProbe should get. Strict readiness gates a
 * rollout until the new pod shows data, but applied for life it would take the only pod out of its
 * Service during a Relay outage, hiding the dashboard exactly when it has something to say. Latched:
 * 503 until the pod was ready once, then 200 (the body still lists what is not ready now).
 */
export class ReadinessLatch {
  private seen = false;

  status(current: Readiness, latched: boolean): number {
    if (current.ready) this.seen = true;
    return current.ready || (latched && this.seen) ? 200 : 503;
  }
}
