// Live events are encoded once by the source (hand-written encoder, ~6 µs for a 1 KB flow against
// ~18 µs through ts-proto) and shared by every client, so the per-client cost of a flow is one write
// of existing bytes (a Node Relay is otherwise the benchmark bottleneck).
import type { FlowEvent } from '../../domain/flow';
import { encodeGetFlowsResponseFast } from '../../sources/hubble/encode-flow-fast';
import type { EncodedEvent } from './types';

/** Encodes events as GetFlowsResponse bytes; an event that cannot be encoded is skipped and reported. */
export function encodeEvents(
  events: readonly FlowEvent[],
  onError?: (event: FlowEvent, err: unknown) => void,
): EncodedEvent[] {
  const out: EncodedEvent[] = [];
  for (const event of events) {
    try {
      out.push({ event, bytes: encodeGetFlowsResponseFast(event) });
    } catch (err) {
      onError?.(event, err);
    }
  }
  return out;
}
