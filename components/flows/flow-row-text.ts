// The display strings of one table row, computed once per flow and remembered: scrolling shows the
// same flows again and again, and formatting them on every frame was work the table repeated for
// nothing. Pure apart from the cache, which is keyed by the flow object and so frees itself.
import type { Flow } from '../../server/domain/flow';
import { endpointText, flowTimeText, l7Text, policyNames, protocolText, tcpFlagsText } from './flow-format';

export interface FlowRowText {
  readonly time: string;
  readonly source: string;
  readonly destination: string;
  readonly port: string;
  /** The L7 one-liner, or for L3/L4 flows the TCP flags (what Hubble's own summary shows then). */
  readonly l7: string;
  /** `l7` holds TCP flags, shown muted, not an L7 summary. */
  readonly l7IsFlags: boolean;
  readonly verdict: string;
  readonly dropped: boolean;
  /** Empty unless the flow was dropped. */
  readonly dropReason: string;
  readonly node: string;
  readonly policies: string;
}

const cache = new WeakMap<Flow, FlowRowText>();

export function formatFlowRow(flow: Flow): FlowRowText {
  const { protocol, port } = protocolText(flow);
  const l7 = l7Text(flow);
  const dropped = flow.verdict === 'DROPPED';
  return {
    time: flowTimeText(flow.time),
    source: endpointText(flow.source, flow.IP?.source, flow.source_names),
    destination: endpointText(flow.destination, flow.IP?.destination, flow.destination_names),
    port: port !== undefined ? `${port}/${protocol}` : protocol,
    l7: l7 === '' ? tcpFlagsText(flow) : l7,
    l7IsFlags: l7 === '',
    verdict: flow.verdict ?? 'VERDICT_UNKNOWN',
    dropped,
    dropReason: dropped ? (flow.drop_reason_desc ?? '') : '',
    node: flow.node_name ?? '',
    policies: policyNames(flow).join(', '),
  };
}

/** formatFlowRow, once per flow object. */
export function flowRowText(flow: Flow): FlowRowText {
  let text = cache.get(flow);
  if (text === undefined) {
    text = formatFlowRow(flow);
    cache.set(flow, text);
  }
  return text;
}
