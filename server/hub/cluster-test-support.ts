// Test helper (not used by production code): a Hub fed the demo scenario's objects, Hubble nodes and
// flows at a chosen point of its ten-minute cycle, the way the runtime feeds it from the demo cluster.

import { createDemoScenario } from '../demo/scenario';
import { snapshotFromObjects } from '../domain/cluster';
import { Hub } from './hub';

export const SCENARIO_START = Date.UTC(2026, 0, 12, 9, 0, 0);

export interface ScenarioHub {
  readonly hub: Hub;
  readonly now: number;
}

/** `offsetMs` into the cycle; `flowSeconds` of traffic (300 flows/s) before that instant are ingested. */
export function scenarioHub(offsetMs: number, flowSeconds = 30): ScenarioHub {
  const scenario = createDemoScenario({ seed: 7, startMs: SCENARIO_START });
  const now = SCENARIO_START + offsetMs;
  let clock = now;
  const hub = new Hub({ flowHistory: 50_000, now: () => clock });
  const { snapshot } = snapshotFromObjects(scenario.objectsAt(now));
  hub.cluster.attach({ snapshot: () => snapshot, policies: () => [], version: 1 });
  hub.hubble = {
    nodes: scenario.hubbleNodesAt(now).map((n) => ({
      name: n.name,
      state: n.state,
      version: n.version,
      seenFlows: Number(n.seenFlows),
      numFlows: Number(n.numFlows),
      maxFlows: Number(n.maxFlows),
    })),
    namespaces: scenario.namespacesAt(now),
  };
  hub.setRelayStatus({ state: 'connected', address: '127.0.0.1:4245', reconnects: 0, demo: true });
  // Ingest second by second so the per-second series and per-node rates fill like they do live.
  for (let s = flowSeconds; s > 0; s--) {
    clock = now - s * 1000 + 1000;
    hub.ingest(scenario.flowsBetween(now - s * 1000, now - s * 1000 + 1000, 300));
  }
  clock = now;
  hub.refreshCluster(now, true);
  return { hub, now };
}
