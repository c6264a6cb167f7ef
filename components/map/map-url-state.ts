// The whole map view state lives in the URL so a link reproduces what someone was looking at.
import { type MapWindow, WINDOWS } from './map-types';

export type Selection = { type: 'node'; id: string } | { type: 'edge'; id: string } | undefined;

export interface MapUrlState {
  window: MapWindow;
  namespaces: string[];
  search: string;
  hideNoise: boolean;
  expanded: string[];
  selection: Selection;
  paused: boolean;
}

export function parseMapUrlState(params: URLSearchParams): MapUrlState {
  const window = params.get('window');
  const list = (key: string) =>
    (params.get(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const sel = params.get('sel') ?? '';
  const colon = sel.indexOf(':');
  const selType = sel.slice(0, colon);
  let selId = sel.slice(colon + 1);
  // Other pages link to one server edge (`source|target|protocol|port`); the map draws one edge per
  // pair of cards, so select that pair.
  if (selType === 'edge' && selId.includes('|')) {
    const [source, target] = selId.split('|');
    selId = `${source}->${target}`;
  }
  const selection: Selection =
    colon > 0 && (selType === 'node' || selType === 'edge') ? { type: selType, id: selId } : undefined;
  return {
    window: (WINDOWS as readonly string[]).includes(window ?? '') ? (window as MapWindow) : '5m',
    namespaces: list('namespace'),
    search: params.get('q') ?? '',
    hideNoise: params.get('noise') !== '1',
    expanded: list('expand'),
    selection,
    paused: params.get('paused') === '1',
  };
}

export function mapUrlSearch(state: MapUrlState, keep: URLSearchParams): string {
  const params = new URLSearchParams();
  const theme = keep.get('theme');
  if (theme) params.set('theme', theme);
  if (state.window !== '5m') params.set('window', state.window);
  if (state.namespaces.length) params.set('namespace', state.namespaces.join(','));
  if (state.search) params.set('q', state.search);
  if (!state.hideNoise) params.set('noise', '1');
  if (state.expanded.length) params.set('expand', state.expanded.join(','));
  if (state.selection) params.set('sel', `${state.selection.type}:${state.selection.id}`);
  if (state.paused) params.set('paused', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}
