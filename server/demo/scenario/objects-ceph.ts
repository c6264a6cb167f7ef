// Rook-Ceph (ceph.rook.io/v1). The cluster is always HEALTH_WARN (a nearly full OSD); the health
// details follow the cycle: the OSD on the flaky node goes down, PGs degrade and recover, and a
// crash report lingers at the end. `phase: Ready` stays Ready throughout, as Rook does.
import { isoSeconds } from './clock';
import { lastAt } from './objects-nodes';
import { hashString, hexString, uuidFor } from './prng';
import { created, meta, obj, type RenderContext } from './render-context';
import { AT } from './timeline';
import type { KubeObject } from './types';

const NS = 'rook-ceph';
const TOTAL = 3 * 536_870_912_000;
const OBJECTS = 123_831;

function details(ctx: RenderContext): Record<string, { severity: string; message: string }> {
  const warn = (message: string) => ({ severity: 'HEALTH_WARN', message });
  const out: Record<string, { severity: string; message: string }> = {
    OSD_NEARFULL: warn('1 nearfull osd(s)'),
  };
  const p = ctx.phase;
  if (p.ceph === 'osd-down') {
    out.OSD_DOWN = warn('1 osds down');
    out.OSD_HOST_DOWN = warn('1 host (1 osds) down');
    const degraded = Math.floor(OBJECTS / 3);
    out.PG_DEGRADED = warn(
      `Degraded data redundancy: ${degraded}/${OBJECTS} objects degraded (33.333%), 97 pgs degraded, 97 pgs undersized`,
    );
  } else if (p.ceph === 'recovering') {
    const progress = Math.min(1, (p.offsetMs - AT.nodeUp) / (AT.cephRecoveredEnd - AT.nodeUp));
    const degraded = Math.max(1, Math.floor((OBJECTS / 3) * (1 - progress) ** 2));
    const pct = ((degraded / OBJECTS) * 100).toFixed(3);
    const pgs = Math.max(1, Math.round(97 * (1 - progress)));
    out.PG_DEGRADED = warn(
      `Degraded data redundancy: ${degraded}/${OBJECTS} objects degraded (${pct}%), ${pgs} pgs degraded`,
    );
  } else if (p.ceph === 'crash') {
    out.RECENT_CRASH = warn('1 daemons have recently crashed');
  }
  out.POOL_NEARFULL = warn('2 pool(s) nearfull');
  return out;
}

export function renderCeph(ctx: RenderContext): KubeObject[] {
  const seed = ctx.model.seed;
  const checked = Math.floor(ctx.nowMs / 60_000) * 60_000;
  const since = isoSeconds(ctx.model.epochMs + 3 * 86_400_000);
  const used = Math.floor(TOTAL * 0.861) + Math.floor((ctx.phase.offsetMs / 600_000) * 2_147_483_648);
  const version = `ceph version 19.2.3 (${hexString(hashString('ceph-19.2.3', 7), 40)}) squid (stable)`;
  const osdUp = ctx.phase.ceph === 'osd-down' ? 2 : 3;
  const cluster = obj(
    'ceph.rook.io/v1',
    'CephCluster',
    meta({
      name: NS,
      namespace: NS,
      uid: uuidFor(seed, 'CephCluster/rook-ceph'),
      generation: 2,
      creationTimestamp: created(ctx, 3),
      finalizers: ['cephcluster.ceph.rook.io'],
    }),
    {
      spec: {
        cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' },
        dataDirHostPath: '/var/lib/rook',
        mon: { count: 3, allowMultiplePerNode: false },
        mgr: { count: 1 },
        dashboard: { enabled: true, ssl: true },
        storage: {
          useAllNodes: false,
          useAllDevices: false,
          nodes: ['talos-worker-1', 'nixos-worker-1', 'nixos-worker-2'].map((name) => ({
            name,
            devices: [{ name: 'sdb' }],
          })),
        },
        healthCheck: { daemonHealth: { status: { interval: '60s' } } },
      },
      status: {
        ceph: {
          capacity: {
            bytesAvailable: TOTAL - used,
            bytesTotal: TOTAL,
            bytesUsed: used,
            lastUpdated: isoSeconds(checked),
          },
          details: details(ctx),
          fsid: uuidFor(seed, 'ceph-fsid'),
          health: 'HEALTH_WARN',
          lastChanged: isoSeconds(ctx.model.epochMs + 10 * 86_400_000),
          lastChecked: isoSeconds(checked),
          previousHealth: 'HEALTH_OK',
          versions: {
            mgr: { [version]: 1 },
            mon: { [version]: 3 },
            osd: { [version]: osdUp },
            overall: { [version]: 4 + osdUp },
          },
        },
        conditions: [
          {
            lastHeartbeatTime: isoSeconds(Math.max(checked - 60_000, lastAt(ctx, 0))),
            lastTransitionTime: since,
            message: 'Cluster created successfully',
            reason: 'ClusterCreated',
            status: 'True',
            type: 'Ready',
          },
        ],
        message: 'Cluster created successfully',
        observedGeneration: 2,
        phase: 'Ready',
        state: 'Created',
        storage: { deviceClasses: [{ name: 'ssd' }], osd: { storeType: { bluestore: 3 } } },
        version: { image: 'quay.io/ceph/ceph:v19.2.3', version: '19.2.3-0' },
      },
    },
  );
  const pool = obj(
    'ceph.rook.io/v1',
    'CephBlockPool',
    meta({
      name: 'replicapool',
      namespace: NS,
      uid: uuidFor(seed, 'CephBlockPool/replicapool'),
      generation: 1,
      creationTimestamp: created(ctx, 3),
    }),
    {
      spec: { failureDomain: 'host', replicated: { size: 3, requireSafeReplicaSize: true } },
      status: {
        info: { type: 'Replicated', failureDomain: 'host' },
        observedGeneration: 1,
        phase: 'Ready',
        poolID: 2,
      },
    },
  );
  const fs = obj(
    'ceph.rook.io/v1',
    'CephFilesystem',
    meta({
      name: 'myfs',
      namespace: NS,
      uid: uuidFor(seed, 'CephFilesystem/myfs'),
      generation: 1,
      creationTimestamp: created(ctx, 3),
    }),
    {
      spec: {
        metadataPool: { replicated: { size: 3 } },
        dataPools: [{ name: 'replicated', replicated: { size: 3 } }],
        metadataServer: { activeCount: 1, activeStandby: true },
      },
      status: { observedGeneration: 1, phase: 'Ready' },
    },
  );
  return [cluster, pool, fs];
}
