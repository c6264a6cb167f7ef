// GET /api/nodes body once the Talos API source has reported: per-node version, service health
// summary and per-node API errors, matched to Kubernetes nodes by name or InternalIP.
import { describe, expect, it } from 'vitest';
import type { TalosNodeStatus } from '../sources/talos/talos-client';
import { type ApiResult, nodesBody } from './cluster-api';
import { scenarioHub } from './cluster-test-support';
import { talosNodeApi } from './talos-view';

function ok<T>(result: ApiResult<T>): T {
  if (result.status !== 200) throw new Error(`expected 200, got 400: ${result.body.error}`);
  return result.body;
}

const running = (id: string) => ({ id, state: 'Running', healthy: true, message: '' });
const ENV = { TALOSCONFIG: '/etc/talos/config' };

describe('nodes API with Talos API data', () => {
  const { hub } = scenarioHub(22_000);
  const rt = { hub };
  const cpIp = hub.cluster.snapshot().nodes.find((n) => n.name === 'talos-cp-1')?.internalIP ?? null;

  it('says it is waiting before the first poll', () => {
    hub.talos.configure('prod');
    const body = ok(nodesBody(rt, new URLSearchParams(), ENV));
    expect(body.talos).toEqual({
      configured: true,
      message: 'Talos API (context prod): waiting for the first answer.',
    });
    expect(body.nodes.every((n) => n.talosApi === null)).toBe(true);
  });

  it('shows version, service health and per-node errors', () => {
    expect(cpIp).not.toBeNull();
    const statuses: TalosNodeStatus[] = [
      {
        target: cpIp ?? '',
        hostname: null,
        version: 'v1.11.2',
        platform: 'metal',
        services: [
          ...['apid', 'containerd', 'cri', 'kubelet', 'machined', 'trustd'].map(running),
          { id: 'etcd', state: 'Running', healthy: false, message: 'context deadline exceeded' },
          { id: 'dashboard', state: 'Finished', healthy: null, message: '' },
        ],
        error: null,
        checkedMs: 21_000,
      },
      {
        target: 'talos-worker-1',
        hostname: null,
        version: null,
        platform: null,
        services: [],
        error: 'connection refused',
        checkedMs: 21_000,
      },
    ];
    hub.talos.update(statuses);
    const body = ok(nodesBody(rt, new URLSearchParams(), ENV));
    expect(body.talos.message).toBe(
      'Talos API (context prod): 1 of 2 nodes returned an error, 1 with failed or unhealthy services.',
    );
    const byName = new Map(body.nodes.map((n) => [n.name, n]));
    expect(byName.get('talos-cp-1')?.talosApi).toMatchObject({
      version: 'v1.11.2',
      services: 8,
      running: 7,
      summary: '7 services running, etcd unhealthy: context deadline exceeded',
      error: null,
    });
    expect(byName.get('talos-worker-1')?.talosApi).toMatchObject({
      version: null,
      summary: 'Talos API error: connection refused',
      error: 'connection refused',
    });
    expect(byName.get('nixos-worker-1')?.talosApi).toBeNull();
  });

  it('summarises a healthy node and a failed service', () => {
    const base = { target: 'x', hostname: null, version: 'v1', platform: null, error: null, checkedMs: 0 };
    expect(talosNodeApi({ ...base, services: [running('apid')] }).summary).toBe(
      '1 service running, all healthy',
    );
    expect(
      talosNodeApi({
        ...base,
        services: [
          running('apid'),
          { id: 'ext-iscsid', state: 'Failed', healthy: false, message: 'exit status 1' },
        ],
      }).summary,
    ).toBe('1 service running, ext-iscsid failed: exit status 1');
  });
});
