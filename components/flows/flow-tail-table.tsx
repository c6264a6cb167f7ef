'use client';
import type { TailFlowWire } from '../live/wire-types';
import { endpointText, flowTimeText, l7Text, policyNames, protocolText } from './flow-format';

export function VerdictBadge({ verdict }: { verdict: string | undefined }) {
  const v = verdict ?? 'VERDICT_UNKNOWN';
  const cls = v === 'FORWARDED' || v === 'DROPPED' ? `verdict-${v}` : 'verdict-other';
  return <span className={`verdict ${cls}`}>{v}</span>;
}

export function FlowTailTable({ flows }: { flows: readonly TailFlowWire[] }) {
  return (
    <table className="grid" data-testid="flow-tail">
      <thead>
        <tr>
          <th>Time (UTC)</th>
          <th>Source</th>
          <th>Destination</th>
          <th>Port</th>
          <th>L7</th>
          <th>Verdict</th>
          <th>Drop reason</th>
          <th>Node</th>
          <th>Policy</th>
        </tr>
      </thead>
      <tbody>
        {flows.map(({ n, flow }) => {
          const { protocol, port } = protocolText(flow);
          return (
            <tr key={n}>
              <td className="mono">{flowTimeText(flow.time)}</td>
              <td title={endpointText(flow.source, flow.IP?.source, flow.source_names)}>
                {endpointText(flow.source, flow.IP?.source, flow.source_names)}
              </td>
              <td title={endpointText(flow.destination, flow.IP?.destination, flow.destination_names)}>
                {endpointText(flow.destination, flow.IP?.destination, flow.destination_names)}
              </td>
              <td className="mono">{port !== undefined ? `${port}/${protocol}` : protocol}</td>
              <td title={l7Text(flow)}>{l7Text(flow)}</td>
              <td>
                <VerdictBadge verdict={flow.verdict} />
              </td>
              <td className="muted">{flow.drop_reason_desc ?? ''}</td>
              <td className="muted">{flow.node_name ?? ''}</td>
              <td className="muted">{policyNames(flow).join(', ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
