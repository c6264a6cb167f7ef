import { describe, expect, it } from 'vitest';
import { boundsOf, CARD_H, CARD_W, cardExit, edgeWidth, formatRate } from './map-geometry';

describe('map geometry', () => {
  it('clips edges at the card border', () => {
    expect(cardExit({ x: 0, y: 0 }, { x: 1000, y: 0 })).toEqual({ x: CARD_W / 2, y: 0 });
    expect(cardExit({ x: 0, y: 0 }, { x: 0, y: -500 })).toEqual({ x: 0, y: -CARD_H / 2 });
  });

  it('grows edge width with rate and caps it', () => {
    expect(edgeWidth(0)).toBeLessThan(edgeWidth(10));
    expect(edgeWidth(1e9)).toBeLessThanOrEqual(8.2);
  });

  it('formats rates and boxes groups', () => {
    expect(formatRate(1234)).toBe('1.2k/s');
    expect(formatRate(0.04)).toBe('<0.1/s');
    expect(boundsOf([], 10)).toBeUndefined();
    expect(boundsOf([{ x: 0, y: 0 }], 10)).toEqual({ x: -98, y: -52, w: 196, h: 90 });
  });
});
