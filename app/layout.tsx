import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '../components/providers';
import { NavBar } from '../components/shell/nav-bar';
import { SourceBanner } from '../components/shell/source-banner';
import './globals.css';

export const metadata: Metadata = {
  title: 'Skymap',
  description: 'Live traffic, drops and cluster health for Kubernetes clusters running Cilium',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme="dark" suppressHydrationWarning>
      <body>
        <Providers>
          <div className="shell">
            <NavBar />
            <SourceBanner />
            <main className="page">{children}</main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
