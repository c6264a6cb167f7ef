import { describe, expect, it } from 'vitest';
import { type PodRecord, toPodRecord } from './pods';
import {
  buildServiceIndex,
  parseServiceRecord,
  type ServiceRecord,
  serviceSelectsPod,
  toServiceRecord,
} from './services';
import { rawPod, rawService } from './test-support/builders';

function svc(raw: unknown): ServiceRecord {
  const r = toServiceRecord(raw);
  if (r === undefined) throw new Error('service did not parse');
  return r;
}

function pod(raw: unknown): PodRecord {
  const r = toPodRecord(raw);
  if (r === undefined) throw new Error('pod did not parse');
  return r;
}

describe('parseServiceRecord', () => {
  it('reads type, selector, clusterIP and ports', () => {
    const r = parseServiceRecord({
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.43.0.10',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { port: 443, targetPort: 8443 },
        ],
      },
    });
    expect(r).toEqual({
      ok: true,
      record: {
        namespace: 'default',
        name: 'web',
        type: 'ClusterIP',
        selector: { app: 'web' },
        clusterIP: '10.43.0.10',
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { name: null, port: 443, protocol: 'TCP', targetPort: 8443 },
        ],
      },
    });
  });

  it('treats an empty or absent selector as "selects nothing"', () => {
    expect(svc(rawService('a', 'b', {})).selector).toBeNull();
    expect(svc(rawService('a', 'b')).selector).toBeNull();
  });
});

describe('serviceSelectsPod', () => {
  const web = svc(rawService('shop', 'web', { app: 'web', tier: 'front' }));

  it('needs every selector label and the same namespace', () => {
    expect(
      serviceSelectsPod(
        web,
        pod(rawPod({ namespace: 'shop', name: 'a', labels: { app: 'web', tier: 'front', x: 'y' } })),
      ),
    ).toBe(true);
    expect(
      serviceSelectsPod(web, pod(rawPod({ namespace: 'shop', name: 'b', labels: { app: 'web' } }))),
    ).toBe(false);
    expect(
      serviceSelectsPod(
        web,
        pod(rawPod({ namespace: 'other', name: 'c', labels: { app: 'web', tier: 'front' } })),
      ),
    ).toBe(false);
  });

  it('never selects with a null selector', () => {
    const headless = svc(rawService('shop', 'ext'));
    expect(serviceSelectsPod(headless, pod(rawPod({ namespace: 'shop', name: 'a', labels: {} })))).toBe(
      false,
    );
  });
});

describe('buildServiceIndex', () => {
  it('resolves services to pods and returns [] for unknown services', () => {
    const pods = [
      pod(rawPod({ namespace: 'shop', name: 'a', labels: { app: 'api' } })),
      pod(rawPod({ namespace: 'shop', name: 'b', labels: { app: 'web' } })),
    ];
    const index = buildServiceIndex([svc(rawService('shop', 'api', { app: 'api' }))], pods);
    expect(index.podsFor('shop', 'api').map((p) => p.name)).toEqual(['a']);
    expect(index.podsFor('shop', 'nope')).toEqual([]);
    expect(index.service('shop', 'api')?.name).toBe('api');
  });
});
