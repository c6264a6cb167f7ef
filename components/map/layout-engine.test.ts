import { describe, expect, it } from 'vitest';
import { LayoutEngine } from './layout-engine';
import { CARD_H, CARD_W } from './map-geometry';

const nodes = (n: number, group = 'ns:a') =>
  Array.from({ length: n }, (_, i) => ({ id: `${group}/${i}`, group }));

describe('LayoutEngine', () => {
  it('keeps positions of known nodes when new ones arrive', () => {
    const engine = new LayoutEngine();
    const first = engine.layout(nodes(10), [{ source: 'ns:a/0', target: 'ns:a/1' }]);
    const second = engine.layout([...nodes(10), ...nodes(3, 'ns:b')], []);
    for (const [id, point] of first) expect(second.get(id)).toEqual(point);
    expect(second.size).toBe(13);
  });

  it('separates cards and keeps groups apart', () => {
    const engine = new LayoutEngine();
    const positions = engine.layout([...nodes(20), ...nodes(20, 'ns:b')], []);
    const all = [...positions.entries()];
    let overlaps = 0;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [, p] = all[i]!;
        const [, q] = all[j]!;
        // Cards (not just centres) must not overlap; 10% slack for the force layout's softness.
        if (Math.abs(p.x - q.x) < CARD_W * 0.9 && Math.abs(p.y - q.y) < CARD_H * 0.9) overlaps += 1;
      }
    }
    expect(overlaps).toBe(0);
    const centroid = (g: string) => {
      const pts = all.filter(([id]) => id.startsWith(g)).map(([, p]) => p);
      return {
        x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
        y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
      };
    };
    const a = centroid('ns:a/');
    const b = centroid('ns:b/');
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(300);
  });

  it('is deterministic', () => {
    const input = nodes(15);
    expect([...new LayoutEngine().layout(input, [])]).toEqual([...new LayoutEngine().layout(input, [])]);
  });
});
