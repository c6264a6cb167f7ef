import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  CARD_H,
  CARD_W,
  cardExit,
  edgeWidth,
  FIT_INSETS,
  fitView,
  formatRate,
} from './map-geometry';

describe('map geometry', () => {
  it('fits a tall map between the top controls and the bottom legend, not under them', () => {
    const box = { x: 0, y: 0, w: 400, h: 1000 };
    const { x, y, k } = fitView(box, 1200, 600);
    const top = y + k * box.y;
    const bottom = y + k * (box.y + box.h);
    expect(top).toBeCloseTo(FIT_INSETS.top);
    expect(bottom).toBeCloseTo(600 - FIT_INSETS.bottom);
    expect(x + k * (box.x + box.w / 2)).toBeCloseTo(600);
  });

  it('never zooms a small map past 120%', () => {
    expect(fitView({ x: -50, y: -20, w: 100, h: 40 }, 1200, 600).k).toBe(1.2);
  });

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
