// The drops page state lives in the URL, so a link shows the same window, filter and explanation.
import { type DropWindow, isDropWindow } from './drops-format';

export interface DropsUrlState {
  window: DropWindow;
  /** Key of the selected group. */
  group: string | undefined;
  search: string;
  policyOnly: boolean;
  paused: boolean;
}

export const DEFAULT_WINDOW: DropWindow = '15m';

export function parseDropsUrlState(params: URLSearchParams): DropsUrlState {
  const window = params.get('window');
  return {
    window: isDropWindow(window) ? window : DEFAULT_WINDOW,
    group: params.get('group') || undefined,
    search: params.get('q') ?? '',
    policyOnly: params.get('policy') === '1',
    paused: params.get('paused') === '1',
  };
}

/** `?…` for the state (empty when everything is default); keeps `theme` from the current URL. */
export function dropsUrlSearch(state: DropsUrlState, keep: URLSearchParams): string {
  const params = new URLSearchParams();
  const theme = keep.get('theme');
  if (theme) params.set('theme', theme);
  if (state.window !== DEFAULT_WINDOW) params.set('window', state.window);
  if (state.search) params.set('q', state.search);
  if (state.policyOnly) params.set('policy', '1');
  if (state.paused) params.set('paused', '1');
  if (state.group) params.set('group', state.group);
  const text = params.toString();
  return text ? `?${text}` : '';
}
