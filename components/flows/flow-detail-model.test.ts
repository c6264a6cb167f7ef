import { describe, expect, it } from 'vitest';
import type { Flow } from '../../server/domain/flow';
import { compileFlowQuery, validateFlowQuery } from '../../server/domain/flow-filter';
import { loadAllFixtureFlows } from '../../server/domain/flow-filter/test-support/load-fixture';
import { flowDetailSections } from './flow-detail-model';
import { dropReasonText, exactRegex } from './flow-detail-text';

const DROPPED: Flow = {
  time: '2024-05-01T10:00:00.123456789Z',
  uuid: 'b1e6c2d0-1',
  verdict: 'DROPPED',
  drop_reason_desc: 'POLICY_DENIED',
  IP: { source: '10.0.1.5', destination: '10.0.2.9', ipVersion: 'IPv4' },
  l4: { TCP: { source_port: 41000, destination_port: 5432, flags: { SYN: true } } },
  source: {
    identity: 12345,
    namespace: 'shop',
    pod_name: 'cart-7d9f-abc',
    labels: ['k8s:app=cart', 'k8s:io.kubernetes.pod.namespace=shop'],
    workloads: [{ kind: 'Deployment', name: 'cart' }],
  },
  destination: { identity: 23456, namespace: 'db', pod_name: 'pg-0', labels: ['k8s:app=pg'] },
  Type: 'L3_L4',
  node_name: 'worker-2',
  event_type: { type: 1, sub_type: 133 },
  traffic_direction: 'INGRESS',
  is_reply: false,
  policy_match_type: 0,
  ingress_denied_by: [{ name: 'db-lockdown', namespace: 'db', kind: 'CiliumNetworkPolicy' }],
  trace_observation_point: 'TO_ENDPOINT',
};

function rowsOf(flow: Flow) {
  return flowDetailSections(flow).flatMap((s) => s.rows.map((r) => ({ section: s.title, ...r })));
}

describe('flow detail model', () => {
  it('shows every part of a dropped flow with readable policy and reason text', () => {
    const rows = rowsOf(DROPPED);
    const get = (section: string, label: string) =>
      rows.find((r) => r.section === section && r.label === label);
    expect(get('Flow', 'Drop reason')?.values[0]?.hint).toMatch(/No network policy allows/);
    expect(get('Source', 'Workloads')?.values[0]).toEqual({
      text: 'Deployment/cart',
      filter: { field: 'from-workload', value: 'Deployment/cart' },
    });
    expect(get('Destination', 'Port')?.values[0]?.filter).toEqual({ field: 'to-port', value: '5432' });
    expect(get('Network', 'TCP flags')?.values[0]?.text).toBe('SYN');
    expect(get('Policy', 'Ingress denied by')?.values[0]?.text).toBe('CiliumNetworkPolicy db/db-lockdown');
    expect(get('Policy', 'Match type')?.values[0]?.text).toBe('none');
    expect(get('Flow', 'Event type')?.values[0]?.filter).toEqual({ field: 'type', value: 'drop' });
  });

  it('every clickable value is a valid filter that matches the flow it came from', () => {
    for (const flow of [DROPPED, ...loadAllFixtureFlows()]) {
      for (const row of rowsOf(flow)) {
        for (const value of row.values) {
          if (!value.filter) continue;
          const checked = validateFlowQuery({
            terms: [{ field: value.filter.field, values: [value.filter.value], negate: false }],
          });
          if ('error' in checked) throw new Error(`${row.label}: ${checked.error}`);
          if (!compileFlowQuery(checked.query)(flow)) {
            throw new Error(
              `${row.section}/${row.label} ${value.filter.field}=${value.filter.value} does not match`,
            );
          }
        }
      }
    }
  });

  it('describes drop reasons, escapes literal regexes', () => {
    expect(dropReasonText('CT_MAP_INSERTION_FAILED')).toMatch(/connection-tracking table is full/);
    expect(dropReasonText('NAT46')).toBe('Nat46.');
    expect(dropReasonText(undefined)).toBeUndefined();
    expect(exactRegex('http://a.b/x?y=(1)')).toBe('^http://a\\.b/x\\?y=\\(1\\)$');
  });
});
