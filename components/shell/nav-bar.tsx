'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { SessionMenu } from '../auth/session-menu';
import { applyTheme, readTheme, type Theme } from '../theme';

const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/map', label: 'Service map' },
  { href: '/flows', label: 'Flows' },
  { href: '/drops', label: 'Drops' },
  { href: '/certificates', label: 'Certificates' },
  { href: '/volumes', label: 'Volumes' },
  { href: '/nodes', label: 'Nodes' },
];

export function NavBar() {
  const pathname = usePathname();
  const [theme, setTheme] = useState<Theme>('dark');
  useEffect(() => {
    const initial = readTheme();
    setTheme(initial);
    applyTheme(initial);
  }, []);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    applyTheme(next);
  };
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-dot" aria-hidden="true" />
        Skymap
      </div>
      <nav className="nav" aria-label="Main">
        {LINKS.map((link) => {
          const active = link.href === '/' ? pathname === '/' : pathname.startsWith(link.href);
          return (
            <Link key={link.href} href={link.href} aria-current={active ? 'page' : undefined}>
              {link.label}
            </Link>
          );
        })}
      </nav>
      <div className="topbar-right">
        <SessionMenu />
        <button type="button" onClick={toggle} aria-label="Toggle theme" data-testid="theme-toggle">
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </div>
    </header>
  );
}
