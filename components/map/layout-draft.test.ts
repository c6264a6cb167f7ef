import { describe, expect, it } from 'vitest';
import { LayoutEngine } from './layout-engine';

const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `ns${i % 6}/w${i}`, group: `ns:ns${i % 6}` }));

describe('LayoutEngine.draft', () => {
  it('places every node at once, distinct positions per group, without remembering them', () => {
    const engine = new LayoutEngine();
    const draft = engine.draft(nodes);
    expect(draft.size).toBe(300);
    const keys = new Set([...draft.values()].map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(300);
    expect(engine.empty).toBe(true);
    const settled = engine.layout(nodes, []);
    expect(settled.size).toBe(300);
    expect(engine.empty).toBe(false);
  });

  it('returns known positions for nodes already laid out', () => {
    const engine = new LayoutEngine();
    const settled = engine.layout(nodes.slice(0, 50), []);
    const draft = engine.draft(nodes);
    for (const [id, p] of settled) expect(draft.get(id)).toEqual(p);
  });
});
