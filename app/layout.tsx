import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { BareDocument, isStandalonePage } from '../components/auth/bare-document';
import { Providers } from '../components/providers';
import { NavBar } from '../components/shell/nav-bar';
import { SourceBanner } from '../components/shell/source-banner';
import './globals.css';

// Every page is rendered per request: the CSP nonce the proxy sets must reach Next.js's scripts.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Skymap',
  description: 'Live traffic, drops and cluster health for Kubernetes clusters running Cilium',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  if (await isStandalonePage()) return <BareDocument>{children}</BareDocument>;
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
