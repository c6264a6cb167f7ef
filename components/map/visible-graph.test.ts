import { describe, expect, it } from 'vitest';
import type { MapEdgeWire, MapNodeWire, MapViewWire } from './map-types';
import { buildVisibleGraph } from './visible-graph';

const node = (id: string, kind: MapNodeWire['kind'] = 'workload'): MapNodeWire => {
  const [ns, name] = id.includes('/') ? id.split('/') : [undefined, id];
  return { id, kind, namespace: ns ?? null, name: name ?? id, flowsIn: 1, flowsOut: 1, drops: 0, badges: [] };
};
const edge = (
  source: string,
  target: string,
  port: number | null,
  flows: number,
  dropped = 0,
): MapEdgeWire => ({
  source,
  target,
  protocol: port === null ? 'ICMPv4' : 'TCP',
  port,
  flows,
  verdicts: {},
  forwarded: flows - dropped,
  dropped,
  dropReasons: {},
  http: { requests: 0, errors4xx: 0, errors5xx: 0, p50Ms: null, p95Ms: null },
  dns: { queries: 0, errors: 0 },
  lastSeen: '2026-11-25T00:00:00Z',
});

const view: MapViewWire = {
  window: '5m',
  nodes: [
    node('shop/web'),
    node('shop/cart'),
    node('payments/api'),
    node('host', 'host'),
    node('kube-system/kube-dns'),
  ],
  edges: [
    edge('shop/web', 'shop/cart', 8080, 10),
    edge('shop/web', 'shop/cart', 9090, 5, 5),
    edge('shop/cart', 'payments/api', 50051, 4, 2),
    edge('host', 'shop/web', 8080, 3),
    edge('shop/web', 'kube-system/kube-dns', 53, 7),
  ],
};

describe('buildVisibleGraph', () => {
  it('merges parallel edges and marks mixed verdicts', () => {
    const g = buildVisibleGraph(view, {
      hideNoise: false,
      foldThreshold: 100,
      expanded: new Set(),
      search: '',
    });
    const webCart = g.edges.find((e) => e.id === 'shop/web->shop/cart');
    expect(webCart?.flows).toBe(15);
    expect(webCart?.ports).toEqual(['8080/TCP', '9090/TCP']);
    expect(webCart?.mixed).toBe(true);
    expect(g.edges.find((e) => e.id === 'shop/cart->payments/api')?.mixed).toBe(true);
  });

  it('hides host and kube-dns noise with their edges', () => {
    const g = buildVisibleGraph(view, {
      hideNoise: true,
      foldThreshold: 100,
      expanded: new Set(),
      search: '',
    });
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['payments/api', 'shop/cart', 'shop/web']);
    expect(g.edges).toHaveLength(2);
  });

  it('folds namespaces past the threshold unless expanded, and highlights search hits', () => {
    const g = buildVisibleGraph(view, {
      hideNoise: true,
      foldThreshold: 2,
      expanded: new Set(['payments']),
      search: 'cart',
    });
    const ids = g.nodes.map((n) => n.id).sort();
    expect(ids).toEqual(['ns:shop', 'payments/api']);
    expect(g.nodes.find((n) => n.id === 'ns:shop')).toMatchObject({ members: 2, match: true });
    // The shop-internal edge becomes a self-loop of the folded node and is kept as one edge.
    expect(g.edges.map((e) => e.id).sort()).toEqual(['ns:shop->ns:shop', 'ns:shop->payments/api']);
  });
});
