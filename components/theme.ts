// The theme is stored in localStorage and on <html data-theme>; the URL may override it (?theme=)
// so a shared link reproduces the view.
export type Theme = 'dark' | 'light';

export function readTheme(): Theme {
  if (typeof window === 'undefined') return 'dark';
  const fromUrl = new URLSearchParams(window.location.search).get('theme');
  if (fromUrl === 'light' || fromUrl === 'dark') return fromUrl;
  return window.localStorage.getItem('skymap-theme') === 'light' ? 'light' : 'dark';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  window.localStorage.setItem('skymap-theme', theme);
}
