import { describe, expect, it } from 'vitest';
import { mapNodeIdForPod, type PodRecord, parsePodRecord, podsByClaim, toPodRecord } from './pods';
import { rawPod } from './test-support/builders';
import { loadFixtureObjects, ofKind } from './test-support/k8s-fixtures';

function pod(raw: unknown): PodRecord {
  const r = toPodRecord(raw);
  if (r === undefined) throw new Error('pod did not parse');
  return r;
}

describe('parsePodRecord', () => {
  it('parses the Rook fixture pod: owner, node, PVC claims incl. the generic ephemeral volume', () => {
    const raw = ofKind(
      loadFixtureObjects('rook-ceph/pool-fs-pv-pvc-pod-mapping.reconstructed.yaml'),
      'Pod',
    )[0];
    const p = pod(raw);
    expect(p).toMatchObject({
      namespace: 'db',
      name: 'postgres-0',
      owner: { kind: 'StatefulSet', name: 'postgres' },
      nodeName: 'node-a',
      phase: 'Running',
    });
    expect(p.claimNames).toEqual(['data-postgres-0', 'postgres-0-scratch']);
    expect(mapNodeIdForPod(p)).toBe('db/postgres');
  });

  it('rejects malformed pods with a reason', () => {
    expect(parsePodRecord({ metadata: { name: 'x' } })).toEqual({
      ok: false,
      error: 'Pod x: metadata.namespace missing',
    });
    expect(toPodRecord('garbage')).toBeUndefined();
  });

  it('reads podIP and podIPs without duplicates', () => {
    const raw = {
      metadata: { name: 'a', namespace: 'n' },
      status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] },
    };
    expect(pod(raw).podIPs).toEqual(['10.0.0.1', 'fd00::1']);
  });
});

describe('mapNodeIdForPod (service-map identity rule)', () => {
  it('Deployment pod: strips -<pod-template-hash> from the ReplicaSet name', () => {
    const p = pod(
      rawPod({
        namespace: 'shop',
        name: 'api-7d9f8b6c5-x2x4z',
        labels: { app: 'shop-api', 'pod-template-hash': '7d9f8b6c5' },
        owner: { kind: 'ReplicaSet', name: 'api-7d9f8b6c5' },
      }),
    );
    expect(mapNodeIdForPod(p)).toBe('shop/api');
  });

  it('ReplicaSet without a matching hash label keeps the ReplicaSet name', () => {
    const noLabel = pod(rawPod({ namespace: 'a', name: 'rs-x1', owner: { kind: 'ReplicaSet', name: 'rs' } }));
    expect(mapNodeIdForPod(noLabel)).toBe('a/rs');
    const other = pod(
      rawPod({
        namespace: 'a',
        name: 'p',
        labels: { 'pod-template-hash': 'zzz' },
        owner: { kind: 'ReplicaSet', name: 'web-abc' },
      }),
    );
    expect(mapNodeIdForPod(other)).toBe('a/web-abc');
  });

  it('StatefulSet / DaemonSet / plain Job: the owner name as is', () => {
    expect(
      mapNodeIdForPod(
        pod(rawPod({ namespace: 'db', name: 'pg-0', owner: { kind: 'StatefulSet', name: 'pg' } })),
      ),
    ).toBe('db/pg');
    expect(
      mapNodeIdForPod(
        pod(
          rawPod({
            namespace: 'kube-system',
            name: 'cilium-x',
            owner: { kind: 'DaemonSet', name: 'cilium' },
          }),
        ),
      ),
    ).toBe('kube-system/cilium');
    expect(
      mapNodeIdForPod(
        pod(rawPod({ namespace: 'b', name: 'mig-x', owner: { kind: 'Job', name: 'migrate-v2' } })),
      ),
    ).toBe('b/migrate-v2');
  });

  it('CronJob Job (<cronjob>-<8..10 digits>) → the CronJob name', () => {
    const p = pod(
      rawPod({
        namespace: 'ops',
        name: 'backup-29384756-q',
        owner: { kind: 'Job', name: 'backup-29384756' },
      }),
    );
    expect(mapNodeIdForPod(p)).toBe('ops/backup');
    const short = pod(
      rawPod({ namespace: 'ops', name: 'x', owner: { kind: 'Job', name: 'backup-1234567' } }),
    );
    expect(mapNodeIdForPod(short)).toBe('ops/backup-1234567');
  });

  it('no owner: app.kubernetes.io/name, then app, then k8s-app, then the pod name', () => {
    const labels = { 'app.kubernetes.io/name': 'first', app: 'second', 'k8s-app': 'third' };
    expect(mapNodeIdForPod(pod(rawPod({ namespace: 'n', name: 'p', labels })))).toBe('n/first');
    expect(
      mapNodeIdForPod(
        pod(rawPod({ namespace: 'n', name: 'p', labels: { app: 'second', 'k8s-app': 'third' } })),
      ),
    ).toBe('n/second');
    expect(mapNodeIdForPod(pod(rawPod({ namespace: 'n', name: 'p', labels: { 'k8s-app': 'third' } })))).toBe(
      'n/third',
    );
    expect(mapNodeIdForPod(pod(rawPod({ namespace: 'n', name: 'lonely' })))).toBe('n/lonely');
  });

  it('static (mirror) pods owned by a Node fall back to labels / pod name', () => {
    const p = pod(
      rawPod({
        namespace: 'kube-system',
        name: 'kube-apiserver-cp1',
        labels: { component: 'kube-apiserver' },
        owner: { kind: 'Node', name: 'cp1' },
      }),
    );
    expect(mapNodeIdForPod(p)).toBe('kube-system/kube-apiserver-cp1');
  });

  it('prefers the controller reference over other owners', () => {
    const raw = {
      metadata: {
        name: 'p',
        namespace: 'n',
        ownerReferences: [
          { kind: 'ConfigMap', name: 'cm' },
          { kind: 'StatefulSet', name: 'real', controller: true },
        ],
      },
    };
    expect(mapNodeIdForPod(pod(raw))).toBe('n/real');
  });
});

describe('podsByClaim', () => {
  it('indexes pods by namespace/claim', () => {
    const a = pod(rawPod({ namespace: 'n', name: 'a', claims: ['data'] }));
    const b = pod(rawPod({ namespace: 'm', name: 'b', claims: ['data'] }));
    const index = podsByClaim([a, b]);
    expect(index.get('n/data')).toEqual([a]);
    expect(index.get('m/data')).toEqual([b]);
  });
});
