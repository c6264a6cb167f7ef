import { describe, expect, it } from 'vitest';
import {
  assessCephCluster,
  type CephClusterRecord,
  parseCephClusterRecord,
  poolSeverity,
  toCephBlockPoolRecord,
  toCephClusterRecord,
  toCephFilesystemRecord,
} from './ceph';
import { loadFixtureObjects, ofKind, readFixtureJson } from './test-support/k8s-fixtures';

function cluster(raw: unknown): CephClusterRecord {
  const r = toCephClusterRecord(raw);
  if (r === undefined) throw new Error('CephCluster did not parse');
  return r;
}

const ok = cluster(loadFixtureObjects('rook-ceph/cephcluster-health-ok.from-rook-docs.yaml')[0]);
const warn = cluster(loadFixtureObjects('rook-ceph/cephcluster-health-warn.derived.yaml')[0]);
const [errUnreachable, errChecks, reconcileFailure] = loadFixtureObjects(
  'rook-ceph/cephcluster-health-err.reconstructed.yaml',
).map(cluster) as [CephClusterRecord, CephClusterRecord, CephClusterRecord];
const MIN = 60_000;

describe('CephCluster records', () => {
  it('HEALTH_OK docs example: phase Ready, capacity, lastChecked', () => {
    expect(ok).toEqual({
      namespace: 'rook-ceph',
      name: 'rook-ceph',
      phase: 'Ready',
      state: 'Created',
      message: 'Cluster created successfully',
      health: 'HEALTH_OK',
      details: [],
      capacity: {
        bytesTotal: 25757220864,
        bytesUsed: 3226927104,
        bytesAvailable: 22530293760,
        lastUpdated: '2021-03-02T21:22:11.000Z',
      },
      lastChecked: '2021-03-02T21:22:11.000Z',
      lastChanged: null,
      previousHealth: null,
      failedConditions: [],
    });
  });

  it('HEALTH_WARN derived example: details match the raw `ceph status` checks', () => {
    const raw = readFixtureJson('rook-ceph/ceph-status-health-warn.rook-unit-test.json') as {
      ceph_status: { health: { checks: Record<string, { severity: string; summary: { message: string } }> } };
    };
    const expected = Object.entries(raw.ceph_status.health.checks)
      .map(([code, c]) => ({ code, severity: c.severity, message: c.summary.message }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(warn.health).toBe('HEALTH_WARN');
    expect(warn.details).toEqual(expected);
    expect(warn.capacity?.bytesTotal).toBe(33436786688);
    expect(warn.previousHealth).toBe('HEALTH_OK');
  });

  it('HEALTH_ERR examples: Urgent error entry, worst-first details, reconcile failure', () => {
    expect(errUnreachable.details).toEqual([
      { code: 'error', severity: 'Urgent', message: 'failed to get status. . timed out: exit status 1' },
    ]);
    expect(errChecks.details.map((d) => d.code)).toEqual(['PG_AVAILABILITY', 'OSD_DOWN']);
    expect(reconcileFailure).toMatchObject({ phase: 'Progressing', state: 'Error', capacity: null });
    expect(reconcileFailure.failedConditions).toEqual([
      'failed to create cluster: failed to start ceph monitors: failed to start mon pods: timed out waiting for mon quorum',
    ]);
  });

  it('rejects objects of another kind', () => {
    expect(
      parseCephClusterRecord({ kind: 'CephBlockPool', metadata: { name: 'x', namespace: 'y' } }).ok,
    ).toBe(false);
  });
});

describe('assessCephCluster', () => {
  it('HEALTH_OK checked a minute ago → healthy', () => {
    const now = Date.parse('2021-03-02T21:23:11Z');
    expect(assessCephCluster(ok, now)).toEqual({ severity: null, stale: false, ageMs: MIN, problems: [] });
  });

  it('phase Ready with HEALTH_WARN → warning (phase is not health)', () => {
    const a = assessCephCluster(warn, Date.parse('2026-08-20T10:01:00Z'));
    expect(warn.phase).toBe('Ready');
    expect(a.severity).toBe('warning');
    expect(a.stale).toBe(false);
    expect(a.problems).toEqual(['Ceph cluster rook-ceph/rook-ceph is HEALTH_WARN: OSD_DOWN 1 osds down']);
  });

  it('HEALTH_ERR → critical, with the worst detail in the message', () => {
    const a = assessCephCluster(errChecks, Date.parse('2026-08-20T10:00:30Z'));
    expect(a.severity).toBe('critical');
    expect(a.problems[0]).toBe(
      "Ceph cluster rook-ceph/rook-ceph is HEALTH_ERR: PG_AVAILABILITY 'Reduced data availability: 100 pgs stale'",
    );
  });

  it('staleness from lastChecked: fresh at 5 min, stale after, threshold configurable', () => {
    const checked = Date.parse('2026-08-20T10:00:00Z');
    expect(assessCephCluster(warn, checked + 5 * MIN).stale).toBe(false);
    const stale = assessCephCluster(warn, checked + 12 * MIN);
    expect(stale).toMatchObject({ stale: true, ageMs: 12 * MIN, severity: 'warning' });
    expect(stale.problems).toContain('Ceph health of rook-ceph/rook-ceph is stale: last checked 12 min ago');
    expect(assessCephCluster(warn, checked + 2 * MIN, { staleAfterMs: MIN }).stale).toBe(true);
    expect(assessCephCluster(ok, Date.parse('2026-01-01T00:00:00Z')).severity).toBe('warning');
  });

  it('operator reconcile failure is a warning even when Ceph itself only warns', () => {
    const a = assessCephCluster(reconcileFailure, Date.parse('2026-08-20T10:01:30Z'));
    expect(a.severity).toBe('warning');
    expect(a.problems).toHaveLength(2);
    expect(a.problems[1]).toMatch(
      /^Rook operator cannot reconcile rook-ceph\/rook-ceph: failed to create cluster/,
    );
  });

  it('a cluster that never reported health is a warning', () => {
    const fresh = cluster({
      metadata: { name: 'c', namespace: 'rook-ceph' },
      status: { phase: 'Progressing' },
    });
    expect(assessCephCluster(fresh, 0)).toMatchObject({ severity: 'warning', stale: false, ageMs: null });
  });
});

describe('CephBlockPool / CephFilesystem records', () => {
  const objects = loadFixtureObjects('rook-ceph/pool-fs-pv-pvc-pod-mapping.reconstructed.yaml');

  it('parses the fixture pool and filesystem', () => {
    expect(toCephBlockPoolRecord(ofKind(objects, 'CephBlockPool')[0])).toEqual({
      kind: 'CephBlockPool',
      namespace: 'rook-ceph',
      name: 'replicapool',
      phase: 'Ready',
      type: 'Replicated',
      failureDomain: 'host',
      poolID: 2,
    });
    expect(toCephFilesystemRecord(ofKind(objects, 'CephFilesystem')[0])).toMatchObject({
      kind: 'CephFilesystem',
      name: 'myfs',
      phase: 'Ready',
    });
  });

  it('Failure phase needs attention', () => {
    const pool = toCephBlockPoolRecord({
      metadata: { name: 'p', namespace: 'rook-ceph' },
      status: { phase: 'Failure' },
    });
    expect(pool && poolSeverity(pool)).toBe('warning');
  });
});
