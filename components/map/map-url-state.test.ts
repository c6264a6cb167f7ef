import { describe, expect, it } from 'vitest';
import { mapUrlSearch, parseMapUrlState } from './map-url-state';

describe('map URL state', () => {
  it('round-trips every setting', () => {
    const search =
      '?theme=light&window=15m&namespace=shop%2Cpayments&q=cart&noise=1&expand=shop&sel=edge%3Ashop%2Fweb-%3Eshop%2Fcart&paused=1';
    const state = parseMapUrlState(new URLSearchParams(search));
    expect(state).toEqual({
      window: '15m',
      namespaces: ['shop', 'payments'],
      search: 'cart',
      hideNoise: false,
      expanded: ['shop'],
      selection: { type: 'edge', id: 'shop/web->shop/cart' },
      paused: true,
    });
    expect(parseMapUrlState(new URLSearchParams(mapUrlSearch(state, new URLSearchParams(search))))).toEqual(
      state,
    );
  });

  it('accepts a server edge key and selects its pair of cards', () => {
    const state = parseMapUrlState(
      new URLSearchParams('sel=edge:shop/recommender|payments/payments|TCP|50051'),
    );
    expect(state.selection).toEqual({ type: 'edge', id: 'shop/recommender->payments/payments' });
  });

  it('defaults unknown values', () => {
    const state = parseMapUrlState(new URLSearchParams('window=2d&sel=bogus'));
    expect(state.window).toBe('5m');
    expect(state.selection).toBeUndefined();
    expect(state.hideNoise).toBe(true);
  });
});
