'use client';
// The nav bar applies the theme on shell pages; pages without the shell need the same.
import { useEffect } from 'react';
import { applyTheme, readTheme } from '../theme';

export function ThemeFromUrl() {
  useEffect(() => {
    applyTheme(readTheme());
  }, []);
  return null;
}
