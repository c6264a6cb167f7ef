import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { STANDALONE_PAGE_HEADER } from '../../server/auth/standalone-page';
import { ThemeFromUrl } from './theme-from-url';

/** For the root layout: true for pages shown without the app shell (sign-in). */
export async function isStandalonePage(): Promise<boolean> {
  return (await headers()).get(STANDALONE_PAGE_HEADER) === '1';
}

/** The document for pages shown without the app shell. */
export function BareDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme="dark" suppressHydrationWarning>
      <body>
        <ThemeFromUrl />
        {children}
      </body>
    </html>
  );
}
