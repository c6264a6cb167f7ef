import { describe, expect, it } from 'vitest';
import { LayoutEngine } from './layout-engine';
import { boundsOf, CARD_H, CARD_W } from './map-geometry';

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

  it("keeps cards out of other groups' boxes when they link across groups", () => {
    // 12 namespaces of 1–12 cards and an outside band, two random links per card (fixed seed).
    let seed = 1;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const input: { id: string; group: string }[] = [];
    for (let n = 0; n < 12; n++) input.push(...nodes(1 + Math.floor(rand() * 12), `ns:n${n}`));
    input.push(...nodes(8, 'outside'));
    const links: { source: string; target: string }[] = [];
    for (let i = 0; i < input.length * 2; i++) {
      const a = input[Math.floor(rand() * input.length)]!;
      const b = input[Math.floor(rand() * input.length)]!;
      if (a !== b) links.push({ source: a.id, target: b.id });
    }
    const at = new LayoutEngine().layout(input, links);
    const groups = new Map<string, { x: number; y: number }[]>();
    for (const n of input) groups.set(n.group, [...(groups.get(n.group) ?? []), at.get(n.id)!]);
    const boxes = [...groups].map(([group, points]) => ({ group, box: boundsOf(points, 18)! }));
    const intruders = input.filter((n) => {
      const p = at.get(n.id)!;
      return boxes.some(
        ({ group, box }) =>
          group !== n.group && p.x > box.x && p.x < box.x + box.w && p.y > box.y && p.y < box.y + box.h,
      );
    });
    expect(intruders.map((n) => n.id)).toEqual([]);
  });

  it('is deterministic', () => {
    const input = nodes(15);
    expect([...new LayoutEngine().layout(input, [])]).toEqual([...new LayoutEngine().layout(input, [])]);
  });
});
