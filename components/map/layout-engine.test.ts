import { describe, expect, it } from 'vitest';
import { LayoutEngine } from './layout-engine';
import { boundsOf, CARD_H, CARD_W, GROUP_BOX_PADDING } from './map-geometry';

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

  it('keeps group boxes apart when cards link across groups, also for cards that come later', () => {
    // 12 namespaces of 1–12 cards and an outside band, two random links per card (fixed seed); a
    // quarter of the cards arrive after the first layout, in three batches.
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
    const later = input.filter(() => rand() < 0.25);
    const overlappingBoxes = (present: typeof input, at: ReadonlyMap<string, { x: number; y: number }>) => {
      const groups = new Map<string, { x: number; y: number }[]>();
      for (const n of present) groups.set(n.group, [...(groups.get(n.group) ?? []), at.get(n.id)!]);
      const boxes = [...groups].map(([group, points]) => ({
        group,
        box: boundsOf(points, GROUP_BOX_PADDING)!,
      }));
      const pairs: string[] = [];
      for (const [i, { group, box: a }] of boxes.entries())
        for (const { group: other, box: b } of boxes.slice(i + 1))
          if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
            pairs.push(`${group}|${other}`);
      return pairs;
    };
    const engine = new LayoutEngine();
    let present = input.filter((n) => !later.includes(n));
    expect(overlappingBoxes(present, engine.layout(present, links))).toEqual([]);
    for (let batch = 0; batch < 3; batch++) {
      present = [...present, ...later.filter((_, i) => i % 3 === batch)];
      expect(overlappingBoxes(present, engine.layout(present, links))).toEqual([]);
    }
  });

  it('is deterministic', () => {
    const input = nodes(15);
    expect([...new LayoutEngine().layout(input, [])]).toEqual([...new LayoutEngine().layout(input, [])]);
  });
});
