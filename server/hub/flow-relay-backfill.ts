// Binds the explorer's back-fill to the Relay this runtime streams from (configured or demo). Only
// offered while the follow stream is connected: dialling a Relay known to be down would just make
// every history query wait for the deadline.

import { redactFlowList } from '../domain/redact';
import type { Runtime } from '../runtime/runtime';
import { fetchFlowsOnce } from '../sources/hubble/relay-fetch';
import type { FlowBackfill } from './flow-queries';

/** Deadline of one back-fill call; a Relay holding 4,095 flows × nodes answers well within it. */
export const BACKFILL_TIMEOUT_MS = 8000;

export function relayBackfillFor(rt: Runtime): FlowBackfill | undefined {
  if (rt.hub.relay.state !== 'connected') return undefined;
  const hubble = rt.config.hubble;
  const address = hubble.mode === 'relay' ? hubble.address : rt.demo?.relayAddress;
  if (address === undefined) return undefined;
  const tls = hubble.mode === 'relay' ? hubble.tls : undefined;
  // These flows skip hub.ingest(), so they are redacted here before a browser can see them.
  return (request, maxFlows, signal) =>
    fetchFlowsOnce(address, tls, request, BACKFILL_TIMEOUT_MS, { maxFlows, signal }).then((answer) => ({
      ...answer,
      flows: redactFlowList(answer.flows, rt.config.redact),
    }));
}
