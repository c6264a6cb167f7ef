// Live events are encoded once by the source and shared by every client, so the per-client cost of
// a flow is one write of existing bytes (a Node Relay is otherwise the benchmark bottleneck).
import type { FlowEvent } from '../../domain/flow';
import { encodeGetFlowsResponse } from '../../sources/hubble/encode-flow-response';
import type { EncodedEvent } from './types';

/** Encodes events as GetFlowsResponse bytes; an event that cannot be encoded is skipped and reported. */
export function encodeEvents(
  events: readonly FlowEvent[],
  onError?: (event: FlowEvent, err: unknown) => void,
): EncodedEvent[] {
  const out: EncodedEvent[] = [];
  for (const event of events) {
    try {
      out.push({ event, bytes: encodeGetFlowsResponse(event) });
    } catch (err) {
      onError?.(event, err);
    }
  }
  return out;
}
