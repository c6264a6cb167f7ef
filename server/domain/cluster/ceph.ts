/*
 * Rook-Ceph (ceph.rook.io/v1) CephCluster, CephBlockPool and CephFilesystem records.
 *
 * Rook's `phase: Ready` only means "configured once" and stays Ready while Ceph is HEALTH_ERR, so the
 * data-plane verdict comes from `status.ceph.health` (+ details), the operator verdict from
 * `state: Error` / conditions with status False, and freshness from `status.ceph.lastChecked` (Rook
 * checks every 60 s by default; capacity is not refreshed while checks fail).
 */

import {
  asObject,
  conditions,
  epochMs,
  num,
  ok,
  type ParseResult,
  path,
  readMeta,
  recordOrUndefined,
  str,
  timestamp,
} from './raw-json';

export interface CephHealthDetail {
  /** Ceph health-check code (OSD_DOWN…) or `error` when Rook could not run `ceph status`. */
  readonly code: string;
  /** HEALTH_WARN | HEALTH_ERR, or `Urgent` for Rook's own `error` entry. */
  readonly severity: string;
  readonly message: string;
}

export interface CephCapacity {
  readonly bytesTotal: number | null;
  readonly bytesUsed: number | null;
  readonly bytesAvailable: number | null;
  readonly lastUpdated: string | null;
}

export interface CephClusterRecord {
  readonly namespace: string;
  readonly name: string;
  readonly phase: string | null;
  readonly state: string | null;
  readonly message: string | null;
  /** HEALTH_OK | HEALTH_WARN | HEALTH_ERR (null before the first check). */
  readonly health: string | null;
  readonly details: readonly CephHealthDetail[];
  readonly capacity: CephCapacity | null;
  readonly lastChecked: string | null;
  readonly lastChanged: string | null;
  readonly previousHealth: string | null;
  /** Messages of conditions with status False (operator reconcile failures). */
  readonly failedConditions: readonly string[];
}

export interface CephPoolRecord {
  readonly kind: 'CephBlockPool' | 'CephFilesystem';
  readonly namespace: string;
  readonly name: string;
  /** Progressing | Ready | Failure (+ deletion phases). */
  readonly phase: string | null;
  /** Block pools: "Replicated" | "Erasure Coded". */
  readonly type: string | null;
  readonly failureDomain: string | null;
  readonly poolID: number | null;
}

function severityRank(severity: string): number {
  if (severity === 'Urgent' || severity === 'HEALTH_ERR') return 0;
  if (severity === 'HEALTH_WARN') return 1;
  return 2;
}

function detailsOf(value: unknown): CephHealthDetail[] {
  const o = asObject(value);
  if (o === undefined) return [];
  const out: CephHealthDetail[] = [];
  for (const [code, entry] of Object.entries(o)) {
    out.push({
      code,
      severity: str(path(entry, 'severity')) ?? 'HEALTH_WARN',
      message: str(path(entry, 'message')) ?? '',
    });
  }
  // Worst first so a truncated list in the UI still shows what matters.
  return out.sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.code < b.code ? -1 : 1),
  );
}

function capacityOf(value: unknown): CephCapacity | null {
  if (asObject(value) === undefined) return null;
  return {
    bytesTotal: num(path(value, 'bytesTotal')),
    bytesUsed: num(path(value, 'bytesUsed')),
    bytesAvailable: num(path(value, 'bytesAvailable')),
    lastUpdated: timestamp(path(value, 'lastUpdated')),
  };
}

export function parseCephClusterRecord(raw: unknown): ParseResult<CephClusterRecord> {
  const meta = readMeta(raw, 'CephCluster', true);
  if (!meta.ok) return meta;
  const status = path(raw, 'status');
  const ceph = path(status, 'ceph');
  const failed = conditions(path(status, 'conditions'))
    .filter((c) => c.status === 'False')
    .map((c) => c.message ?? c.reason ?? c.type);
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    phase: str(path(status, 'phase')),
    state: str(path(status, 'state')),
    message: str(path(status, 'message')),
    health: str(path(ceph, 'health')),
    details: detailsOf(path(ceph, 'details')),
    capacity: capacityOf(path(ceph, 'capacity')),
    lastChecked: timestamp(path(ceph, 'lastChecked')),
    lastChanged: timestamp(path(ceph, 'lastChanged')),
    previousHealth: str(path(ceph, 'previousHealth')),
    failedConditions: failed,
  });
}

export function toCephClusterRecord(raw: unknown): CephClusterRecord | undefined {
  return recordOrUndefined(parseCephClusterRecord(raw));
}

function parsePool(raw: unknown, kind: CephPoolRecord['kind']): ParseResult<CephPoolRecord> {
  const meta = readMeta(raw, kind, true);
  if (!meta.ok) return meta;
  const status = path(raw, 'status');
  return ok({
    kind,
    namespace: meta.record.namespace,
    name: meta.record.name,
    phase: str(path(status, 'phase')),
    type: str(path(status, 'info', 'type')),
    failureDomain: str(path(status, 'info', 'failureDomain')) ?? str(path(raw, 'spec', 'failureDomain')),
    poolID: num(path(status, 'poolID')),
  });
}

export function parseCephBlockPoolRecord(raw: unknown): ParseResult<CephPoolRecord> {
  return parsePool(raw, 'CephBlockPool');
}

export function toCephBlockPoolRecord(raw: unknown): CephPoolRecord | undefined {
  return recordOrUndefined(parseCephBlockPoolRecord(raw));
}

export function parseCephFilesystemRecord(raw: unknown): ParseResult<CephPoolRecord> {
  return parsePool(raw, 'CephFilesystem');
}

export function toCephFilesystemRecord(raw: unknown): CephPoolRecord | undefined {
  return recordOrUndefined(parseCephFilesystemRecord(raw));
}

/** Five missed 60 s health checks. */
export const DEFAULT_CEPH_STALE_AFTER_MS = 5 * 60_000;

export interface CephOptions {
  readonly staleAfterMs?: number;
}

export interface CephAssessment {
  /** null = healthy. */
  readonly severity: 'critical' | 'warning' | null;
  readonly stale: boolean;
  /** Milliseconds since lastChecked (null when never checked). */
  readonly ageMs: number | null;
  /** One line per finding, worst first. */
  readonly problems: readonly string[];
}

export function assessCephCluster(
  cluster: CephClusterRecord,
  now: number,
  options: CephOptions = {},
): CephAssessment {
  const staleAfter = options.staleAfterMs ?? DEFAULT_CEPH_STALE_AFTER_MS;
  const id = `${cluster.namespace}/${cluster.name}`;
  const critical: string[] = [];
  const warning: string[] = [];
  const top = cluster.details[0];
  const detail = top === undefined ? '' : `: ${top.code} ${top.message}`;
  if (cluster.health === 'HEALTH_ERR') critical.push(`Ceph cluster ${id} is HEALTH_ERR${detail}`);
  else if (cluster.health === 'HEALTH_WARN') warning.push(`Ceph cluster ${id} is HEALTH_WARN${detail}`);
  else if (cluster.health === null) warning.push(`Ceph cluster ${id} has not reported health yet`);
  else if (cluster.health !== 'HEALTH_OK') warning.push(`Ceph cluster ${id} reports ${cluster.health}`);

  const checked = epochMs(cluster.lastChecked);
  const ageMs = checked === null ? null : Math.max(0, now - checked);
  const stale = ageMs !== null && ageMs > staleAfter;
  if (stale)
    warning.push(`Ceph health of ${id} is stale: last checked ${Math.round((ageMs ?? 0) / 60_000)} min ago`);

  if (cluster.state === 'Error' || cluster.failedConditions.length > 0) {
    const why = cluster.failedConditions[0] ?? cluster.message ?? 'operator reports an error';
    warning.push(`Rook operator cannot reconcile ${id}: ${why}`);
  }
  const severity = critical.length > 0 ? 'critical' : warning.length > 0 ? 'warning' : null;
  return { severity, stale, ageMs, problems: [...critical, ...warning] };
}

/** A pool/filesystem whose operator phase is Failure needs attention; other phases are transient. */
export function poolSeverity(pool: CephPoolRecord): 'warning' | null {
  return pool.phase === 'Failure' ? 'warning' : null;
}
