// core/v1 PersistentVolumeClaim / PersistentVolume and storage.k8s.io/v1 StorageClass records, plus
// the CSI driver facts the volume joins need (which PVCs are Ceph- or Longhorn-backed).

import { ok, type ParseResult, path, readMeta, recordOrUndefined, str, strList, strMap } from './raw-json';

export interface PvcRecord {
  readonly namespace: string;
  readonly name: string;
  readonly storageClassName: string | null;
  /** Bound PV name. */
  readonly volumeName: string | null;
  /** Pending | Bound | Lost. */
  readonly phase: string | null;
  readonly accessModes: readonly string[];
  /** `status.capacity.storage` as written (e.g. "10Gi"). */
  readonly capacity: string | null;
}

export interface PvRecord {
  readonly name: string;
  readonly storageClassName: string | null;
  readonly csiDriver: string | null;
  /** Longhorn: the Volume name; Ceph: `<ver>-<len>-<clusterID>-<poolID>-<uuid>`. */
  readonly volumeHandle: string | null;
  /** Ceph CSI `volumeAttributes.clusterID` (= CephCluster namespace). */
  readonly clusterID: string | null;
  readonly claimRef: { readonly namespace: string; readonly name: string } | null;
  readonly phase: string | null;
}

export interface StorageClassRecord {
  readonly name: string;
  readonly provisioner: string | null;
  readonly parameters: Readonly<Record<string, string>>;
}

export function parsePvcRecord(raw: unknown): ParseResult<PvcRecord> {
  const meta = readMeta(raw, 'PersistentVolumeClaim', true);
  if (!meta.ok) return meta;
  const spec = path(raw, 'spec');
  return ok({
    namespace: meta.record.namespace,
    name: meta.record.name,
    storageClassName: str(path(spec, 'storageClassName')),
    volumeName: str(path(spec, 'volumeName')),
    phase: str(path(raw, 'status', 'phase')),
    accessModes: strList(path(spec, 'accessModes')),
    capacity: str(path(raw, 'status', 'capacity', 'storage')),
  });
}

export function toPvcRecord(raw: unknown): PvcRecord | undefined {
  return recordOrUndefined(parsePvcRecord(raw));
}

export function parsePvRecord(raw: unknown): ParseResult<PvRecord> {
  const meta = readMeta(raw, 'PersistentVolume', false);
  if (!meta.ok) return meta;
  const spec = path(raw, 'spec');
  const claimNs = str(path(spec, 'claimRef', 'namespace'));
  const claimName = str(path(spec, 'claimRef', 'name'));
  return ok({
    name: meta.record.name,
    storageClassName: str(path(spec, 'storageClassName')),
    csiDriver: str(path(spec, 'csi', 'driver')),
    volumeHandle: str(path(spec, 'csi', 'volumeHandle')),
    clusterID: str(path(spec, 'csi', 'volumeAttributes', 'clusterID')),
    claimRef: claimNs !== null && claimName !== null ? { namespace: claimNs, name: claimName } : null,
    phase: str(path(raw, 'status', 'phase')),
  });
}

export function toPvRecord(raw: unknown): PvRecord | undefined {
  return recordOrUndefined(parsePvRecord(raw));
}

export function parseStorageClassRecord(raw: unknown): ParseResult<StorageClassRecord> {
  const meta = readMeta(raw, 'StorageClass', false);
  if (!meta.ok) return meta;
  return ok({
    name: meta.record.name,
    provisioner: str(path(raw, 'provisioner')),
    parameters: strMap(path(raw, 'parameters')),
  });
}

export function toStorageClassRecord(raw: unknown): StorageClassRecord | undefined {
  return recordOrUndefined(parseStorageClassRecord(raw));
}

export const LONGHORN_CSI_DRIVER = 'driver.longhorn.io';

/** Ceph-CSI drivers are `<operator-namespace>.rbd.csi.ceph.com` / `<operator-namespace>.cephfs.csi.ceph.com`. */
export function cephDriverKind(driver: string | null): 'rbd' | 'cephfs' | null {
  if (driver === null) return null;
  if (driver.endsWith('.rbd.csi.ceph.com') || driver === 'rbd.csi.ceph.com') return 'rbd';
  if (driver.endsWith('.cephfs.csi.ceph.com') || driver === 'cephfs.csi.ceph.com') return 'cephfs';
  return null;
}

/** What backs a PVC: the CSI driver and (for Ceph) the CephCluster namespace, from the SC or the PV. */
export interface ClaimBacking {
  readonly driver: string | null;
  readonly pv: PvRecord | null;
  readonly cephClusterID: string | null;
}

export interface StorageIndex {
  pvc(namespace: string, name: string): PvcRecord | undefined;
  pv(name: string): PvRecord | undefined;
  /** PV bound to a claim (via PVC.spec.volumeName or PV.spec.claimRef). */
  pvForClaim(namespace: string, name: string): PvRecord | undefined;
  backing(namespace: string, name: string): ClaimBacking;
  /** PV whose CSI volumeHandle is this (Longhorn volumes are named by their handle). */
  pvByHandle(driver: string, handle: string): PvRecord | undefined;
}

export function buildStorageIndex(
  pvcs: Iterable<PvcRecord>,
  pvs: Iterable<PvRecord>,
  classes: Iterable<StorageClassRecord>,
): StorageIndex {
  const pvcByKey = new Map<string, PvcRecord>();
  for (const c of pvcs) pvcByKey.set(`${c.namespace}/${c.name}`, c);
  const pvByName = new Map<string, PvRecord>();
  const pvByClaim = new Map<string, PvRecord>();
  const pvByHandleKey = new Map<string, PvRecord>();
  for (const v of pvs) {
    pvByName.set(v.name, v);
    if (v.claimRef !== null) pvByClaim.set(`${v.claimRef.namespace}/${v.claimRef.name}`, v);
    if (v.csiDriver !== null && v.volumeHandle !== null)
      pvByHandleKey.set(`${v.csiDriver}^${v.volumeHandle}`, v);
  }
  const scByName = new Map<string, StorageClassRecord>();
  for (const sc of classes) scByName.set(sc.name, sc);

  const pvForClaim = (namespace: string, name: string): PvRecord | undefined => {
    const claim = pvcByKey.get(`${namespace}/${name}`);
    const bound =
      claim?.volumeName === null || claim === undefined ? undefined : pvByName.get(claim.volumeName);
    return bound ?? pvByClaim.get(`${namespace}/${name}`);
  };

  return {
    pvc: (namespace, name) => pvcByKey.get(`${namespace}/${name}`),
    pv: (name) => pvByName.get(name),
    pvForClaim,
    pvByHandle: (driver, handle) => pvByHandleKey.get(`${driver}^${handle}`),
    backing(namespace, name) {
      const claim = pvcByKey.get(`${namespace}/${name}`);
      const pv = pvForClaim(namespace, name) ?? null;
      const scName = claim?.storageClassName ?? pv?.storageClassName ?? null;
      const sc = scName === null ? undefined : scByName.get(scName);
      const driver = pv?.csiDriver ?? sc?.provisioner ?? null;
      const cephClusterID = pv?.clusterID ?? sc?.parameters.clusterID ?? null;
      return { driver, pv, cephClusterID };
    },
  };
}
