// What Hubble Relay reports about its peers: GetNodes, ServerStatus and the node-status events at
// the start of a GetFlows stream. The flaky node's agent restarts every cycle, so its uptime and
// counters reset when it comes back.
import type { FlowEvent } from '../../domain/flow';
import { FlowTimeFormatter, msToNanosString } from './clock';
import type { NodeModel } from './cluster-model';
import { AT, cycleOf, phaseAt } from './timeline';
import type { HubbleNodeInfo, HubbleServerStatus } from './types';

export const HUBBLE_VERSION = '1.19.4+g75d3a68';
export const RELAY_VERSION = `hubble-relay v${HUBBLE_VERSION}`;
const MAX_FLOWS = 4095;

/** Flows per second each node's Hubble sees (busy base nodes, quieter scale nodes). */
function rateOf(node: NodeModel): number {
  if (node.scale) return 40;
  return node.spec.controlPlane ? 60 : 140;
}

function agentStartMs(startMs: number, node: NodeModel, nowMs: number): number {
  if (node.flaky) {
    const c = cycleOf(startMs, nowMs);
    return c.offset >= AT.nodeUp ? c.startMs + AT.nodeUp : c.startMs - 600_000 + AT.nodeUp;
  }
  return startMs - node.spec.bootAgeDays * 86_400_000 + 50_000;
}

export function hubbleNodes(startMs: number, nodes: readonly NodeModel[], nowMs: number): HubbleNodeInfo[] {
  const phase = phaseAt(startMs, nowMs);
  return nodes.map((node) => {
    const address = `${node.spec.internalIp}:4244`;
    if (node.flaky && phase.nodeDown) {
      return {
        name: node.hubbleName,
        state: 'NODE_UNAVAILABLE',
        address,
        version: '',
        uptimeNs: '0',
        numFlows: '0',
        maxFlows: '0',
        seenFlows: '0',
      };
    }
    const uptimeMs = Math.max(0, nowMs - agentStartMs(startMs, node, nowMs));
    const seen = Math.floor((uptimeMs / 1000) * rateOf(node));
    return {
      name: node.hubbleName,
      state: 'NODE_CONNECTED',
      address,
      version: HUBBLE_VERSION,
      uptimeNs: msToNanosString(uptimeMs),
      numFlows: String(Math.min(seen, MAX_FLOWS)),
      maxFlows: String(MAX_FLOWS),
      seenFlows: String(seen),
    };
  });
}

export function serverStatus(
  startMs: number,
  nodes: readonly NodeModel[],
  nowMs: number,
): HubbleServerStatus {
  const list = hubbleNodes(startMs, nodes, nowMs);
  const connected = list.filter((n) => n.state === 'NODE_CONNECTED');
  const unavailable = list.filter((n) => n.state !== 'NODE_CONNECTED').map((n) => n.name);
  const sum = (key: 'numFlows' | 'maxFlows' | 'seenFlows') =>
    String(connected.reduce((a, n) => a + Number(n[key]), 0));
  const live = nodes.filter((n) => !(n.flaky && phaseAt(startMs, nowMs).nodeDown));
  // Relay reports the oldest node's uptime.
  const oldestMs = Math.max(0, ...live.map((n) => nowMs - agentStartMs(startMs, n, nowMs)));
  const rate = live.reduce((a, n) => a + rateOf(n), 0);
  return {
    numFlows: sum('numFlows'),
    maxFlows: sum('maxFlows'),
    seenFlows: sum('seenFlows'),
    uptimeNs: msToNanosString(oldestMs),
    numConnectedNodes: connected.length,
    numUnavailableNodes: unavailable.length,
    unavailableNodes: unavailable.slice(0, 10),
    version: RELAY_VERSION,
    flowsRate: rate,
  };
}

export function streamStartEvents(
  startMs: number,
  nodes: readonly NodeModel[],
  relayNode: NodeModel,
  nowMs: number,
): FlowEvent[] {
  const list = hubbleNodes(startMs, nodes, nowMs);
  const time = new FlowTimeFormatter().format(Math.floor(nowMs), 0);
  const connected = list.filter((n) => n.state === 'NODE_CONNECTED').map((n) => n.name);
  const unavailable = list.filter((n) => n.state !== 'NODE_CONNECTED').map((n) => n.name);
  const out: FlowEvent[] = [
    {
      kind: 'node-status',
      status: { state_change: 'NODE_CONNECTED', node_names: connected },
      nodeName: relayNode.hubbleName,
      time,
    },
  ];
  if (unavailable.length > 0) {
    out.push({
      kind: 'node-status',
      status: { state_change: 'NODE_UNAVAILABLE', node_names: unavailable },
      nodeName: relayNode.hubbleName,
      time,
    });
  }
  return out;
}
