// Severity and ordering on real demo-cluster bodies: at 200 s into the cycle one node is Unknown, its
// Hubble agent unavailable, one Longhorn volume faulted and one degraded.
import { describe, expect, it } from 'vitest';
import { type ApiResult, nodesBody, volumesBody } from '../../server/hub/cluster-api';
import { scenarioHub } from '../../server/hub/cluster-test-support';
import {
  cephTone,
  certificateTone,
  nodeFlowsHref,
  nodeMapHref,
  nodeStatusText,
  nodeTone,
  osLabel,
  robustnessTone,
  sortNodes,
  sortVolumes,
  workloadMapHref,
} from './status';

function ok<T>(result: ApiResult<T>): T {
  if (result.status !== 200) throw new Error(result.body.error);
  return result.body;
}

const { hub } = scenarioHub(200_000);
const params = new URLSearchParams();

describe('cluster page status rules', () => {
  it('sorts Longhorn volumes worst first and colours them', () => {
    const volumes = sortVolumes(ok(volumesBody({ hub }, params)).longhorn.volumes);
    expect(volumes.map((v) => v.robustness)).toEqual(['faulted', 'degraded', 'unknown', 'healthy']);
    expect(volumes.map((v) => robustnessTone(v.robustness))).toEqual(['crit', 'warn', 'muted', 'ok']);
    expect(volumes[1]?.pvc).toEqual({ namespace: 'payments', name: 'data-postgres-0' });
  });

  it('puts the unreachable node first and labels OS families with their versions', () => {
    const nodes = sortNodes(ok(nodesBody({ hub }, params, {})).nodes);
    const first = nodes[0]!;
    expect(first.name).toBe('nixos-worker-2');
    expect(nodeTone(first)).toBe('crit');
    expect(nodeStatusText(first)).toBe('NotReady');
    expect(nodeStatusText({ ...first, ready: true, unschedulable: true })).toBe('Ready,SchedulingDisabled');
    expect(nodes.slice(1).map((n) => nodeTone(n))).toEqual(['ok', 'ok', 'ok']);
    expect(nodes.map((n) => osLabel(n.os))).toEqual([
      'NixOS 25.05',
      'NixOS 24.11',
      'Talos v1.11.2',
      'Talos v1.11.2',
    ]);
    expect(nodeMapHref(first)).toMatch(/^\/map\?namespace=/);
    expect(decodeURIComponent(nodeMapHref(first))).toContain('payments');
  });

  it('builds links the flows explorer and the map understand', () => {
    expect(nodeFlowsHref('talos-cp-1')).toBe('/flows?node-name=talos-cp-1');
    expect(workloadMapHref('shop/frontend')).toBe('/map?sel=node%3Ashop%2Ffrontend');
  });

  it('maps certificate and Ceph states to severities', () => {
    expect(
      ['expired', 'failed', 'expiring', 'pending', 'ok'].map((s) => certificateTone(s as never)),
    ).toEqual(['crit', 'crit', 'warn', 'info', 'ok']);
    expect(cephTone('HEALTH_ERR', false)).toBe('crit');
    expect(cephTone('HEALTH_OK', true)).toBe('warn');
    expect(cephTone('HEALTH_OK', false)).toBe('ok');
    expect(cephTone(null, false)).toBe('muted');
  });
});
